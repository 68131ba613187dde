"""A cart: its items, subtotal and history."""

from __future__ import annotations

from graph.driver import Row
from resolvers.cart import subtotal
from resolvers.compiled.fields.spec import Spec, datetime_prop, prop, same
from resolvers.principal import Principal


def _subtotal(r: Row, _: Principal) -> float:
    return subtotal(r["subtotal"])


FIELDS: dict[tuple[str, str], Spec] = {
    ("Cart", "id"): prop("id"),
    ("Cart", "status"): prop("status"),
    ("Cart", "updatedAt"): datetime_prop("updatedAt"),
    ("Cart", "lastChannel"): prop("lastChannel"),
    ("Cart", "lastDeviceId"): prop("lastDeviceId"),
    ("Cart", "checkedOutAt"): datetime_prop("checkedOutAt"),
    ("Cart", "items"): Spec(lambda r, _: r["items"]),
    ("Cart", "subtotal"): Spec(_subtotal),
    ("Cart", "history"): Spec(same, args="cart_history"),
    ("CartChange", "id"): prop("id"),
    ("CartChange", "action"): prop("action"),
    ("CartChange", "sku"): prop("sku"),
    ("CartChange", "quantity"): prop("quantity"),
    ("CartChange", "unitPrice"): prop("unitPrice"),
    ("CartChange", "channel"): prop("channel"),
    ("CartChange", "at"): datetime_prop("at"),
    ("CartItem", "sku"): prop("sku"),
    ("CartItem", "quantity"): prop("quantity"),
    ("CartItem", "unitPrice"): prop("unitPrice"),
    ("CartItem", "product"): Spec(lambda r, _: r["product"]),
}

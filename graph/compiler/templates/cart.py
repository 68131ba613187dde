"""A cart: its items (one per product), its subtotal and the history of its changes."""

from __future__ import annotations

from graph.compiler.templates.template import ID_KEYS, ORDER_BY_TIME, Sub, Template, props
from graph.cypher.pages import AFTER, cart_changes

# A product can sit in a cart twice (the customer's line and one a merge brought): one item.
_CART_ITEMS = (
    "MATCH (@v)-[@c_r:CONTAINS]->(@c:Product) "
    "WITH @c, sum(@c_r.quantity) AS @c_q, max(@c_r.unitPrice) AS @c_u ORDER BY @c.sku"
)

TEMPLATES: dict[tuple[str, str], Template] = {
    ("Cart", "id"): Template(ID_KEYS),
    **{("Cart", f): props(f) for f in ("status", "updatedAt", "lastChannel", "checkedOutAt")},
    ("Cart", "lastDeviceId"): props("lastDeviceId"),
    ("Cart", "items"): Template({"items": Sub(_CART_ITEMS)}),
    ("Cart", "subtotal"): Template(
        {
            "subtotal": Sub(_CART_ITEMS, "collect([@c_q, @c_u])"),
            "lastDeviceId": "@v.lastDeviceId",
        }
    ),
    ("Cart", "history"): Template(
        {
            "history": Sub(
                cart_changes("@v", "@c")
                + f" WITH @c WHERE {AFTER.format(t='@c.at', i='@c.id', at='$@afterAt', id='$@afterId')} "
                f"WITH @c {ORDER_BY_TIME.format(t='at')} LIMIT $@limit"
            )
        },
        options={"total": {"historyTotal": Sub(cart_changes("@v", "@c"), "count(@c)")}},
    ),
    ("CartChange", "id"): Template(ID_KEYS),
    **{
        ("CartChange", f): props(f)
        for f in ("action", "sku", "quantity", "unitPrice", "channel", "at")
    },
    ("CartItem", "sku"): props("sku"),
    ("CartItem", "quantity"): Template({"quantity": "@v_q"}),
    ("CartItem", "unitPrice"): Template({"unitPrice": "@v_u"}),
    ("CartItem", "product"): Template({"product": "@child"}, same_node=True),
}

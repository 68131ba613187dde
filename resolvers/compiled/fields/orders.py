"""An order: its lines, its status history, its journey across channels and stores."""

from __future__ import annotations

from resolvers.compiled.fields.spec import Spec, datetime_prop, prop
from resolvers.orders import order_journey

FIELDS: dict[tuple[str, str], Spec] = {
    ("Order", "id"): prop("id"),
    ("Order", "channel"): prop("channel"),
    ("Order", "status"): prop("status"),
    ("Order", "fulfillment"): prop("fulfillment"),
    ("Order", "placedAt"): datetime_prop("placedAt"),
    ("Order", "currency"): prop("currency"),
    ("Order", "total"): prop("total"),
    ("Order", "lines"): Spec(lambda r, _: r["lines"]),
    ("Order", "statusHistory"): Spec(lambda r, _: r["statusHistory"]),
    ("Order", "journey"): Spec(
        lambda r, _: order_journey(r["journeySteps"], r.get("fulfillmentStoreId"))
    ),
    ("Order", "store"): Spec(lambda r, _: r["store"]),
    ("Order", "fulfillmentStore"): Spec(lambda r, _: r["fulfillmentStore"]),
    ("OrderLine", "sku"): prop("sku"),
    ("OrderLine", "quantity"): prop("quantity"),
    ("OrderLine", "unitPrice"): prop("unitPrice"),
    ("OrderLine", "product"): Spec(lambda r, _: r["product"]),
    ("OrderStatusStep", "status"): prop("status"),
    ("OrderStatusStep", "channel"): prop("channel"),
    ("OrderStatusStep", "at"): datetime_prop("at"),
    ("OrderStatusStep", "store"): Spec(lambda r, _: r["store"]),
}

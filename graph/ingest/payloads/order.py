"""The `order` object: the order's first event brings its `lines`, currency and total; later
ones move its status."""

from __future__ import annotations

from typing import Any

from graph.ingest import check, limits
from graph.ingest import events as e
from graph.ingest.events import Rejected


def order(raw: dict[str, Any], where: str) -> dict[str, Any]:
    check.only(raw, where, {"orderId", "status", "currency", "total", "fulfillment",
                       "fulfillmentStoreId", "lines", "cartCheckout", "loyaltyPointsEarned",
                       "loyaltyPointsRedeemed"})  # fmt: skip
    currency = check.string(raw, "currency", where=where)
    if currency is not None and not check.CURRENCY.match(currency):
        raise Rejected("INVALID_FIELD", f"{where}.currency", "an ISO 4217 code such as EUR")
    lines = raw.get("lines")
    parsed_lines = None
    if lines is not None:
        if not isinstance(lines, list) or not lines:
            raise Rejected("INVALID_FIELD", f"{where}.lines", "`lines` is a non-empty list")
        parsed_lines = [_line(line, f"{where}.lines[{i}]") for i, line in enumerate(lines)]
    checkout = raw.get("cartCheckout")
    if checkout is not None and not isinstance(checkout, bool):
        raise Rejected("INVALID_FIELD", f"{where}.cartCheckout", "true or false")
    return {
        "orderId": check.string(raw, "orderId", required=True, limit=check.MAX_ID, where=where),
        "status": check.enum(raw, "status", e.ORDER_STATUSES, required=True, where=where),
        "currency": currency,
        "total": check.number(raw, "total", where=where),
        "fulfillment": check.enum(raw, "fulfillment", e.FULFILLMENTS, where=where),
        "fulfillmentStoreId": check.string(
            raw, "fulfillmentStoreId", limit=check.MAX_ID, where=where
        ),
        "lines": parsed_lines,
        "cartCheckout": bool(checkout),
        "loyaltyPointsEarned": check.integer(
            raw, "loyaltyPointsEarned", where=where, low=0, high=limits.MAX_POINTS
        ),
        "loyaltyPointsRedeemed": check.integer(
            raw, "loyaltyPointsRedeemed", where=where, low=0, high=limits.MAX_POINTS
        ),
    }


def _line(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise Rejected("INVALID_FIELD", where, "an order line is an object")
    check.only(raw, where, {"sku", "name", "category", "quantity", "unitPrice"})
    quantity = check.integer(
        raw, "quantity", where=where, low=1, high=limits.MAX_QUANTITY, required=True
    )
    price = check.number(raw, "unitPrice", where=where, required=True)
    return {
        "sku": check.string(raw, "sku", required=True, limit=check.MAX_ID, where=where),
        "name": check.string(raw, "name", limit=check.MAX_SHORT, where=where),
        "category": check.string(raw, "category", limit=check.MAX_SHORT, where=where),
        "quantity": quantity,
        "unitPrice": price,
    }

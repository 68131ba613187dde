"""The `cart` object: one change to the customer's cart."""

from __future__ import annotations

from typing import Any

from graph.ingest import check, limits
from graph.ingest import events as e


def cart(raw: dict[str, Any], where: str) -> dict[str, Any]:
    check.only(raw, where, {"action", "sku", "quantity", "unitPrice"})
    action = check.enum(raw, "action", e.CART_ACTIONS, required=True, where=where)
    needs_sku = action != "CLEAR"
    low = 0 if action == "SET_QUANTITY" else 1
    return {
        "action": action,
        "sku": check.string(raw, "sku", required=needs_sku, limit=check.MAX_ID, where=where),
        "quantity": check.integer(
            raw,
            "quantity",
            where=where,
            low=low,
            high=limits.MAX_QUANTITY,
            required=action in ("ADD", "SET_QUANTITY"),
        ),
        "unitPrice": check.number(raw, "unitPrice", where=where),
    }

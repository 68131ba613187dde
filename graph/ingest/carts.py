"""A customer's carts by `at`: what a serial run of its cart changes and checkouts leaves.

The batch statement writes a cart change into the open cart and a checkout closes it, which is
right while events come in order. When one comes older than what the customer's carts already
hold (a `SET_QUANTITY` of 21 Feb that arrives after the checkout of 1 Mar), the plan marks the
customer and its own carts are derived again here, from its own changes and checkouts in order
of `at`: a change belongs to the cart that was open at its `at`, a checkout closes the cart
open at its `at` and opens the next one (named after the checkout, as in a serial run).

What a merge brought (the merged profile's carts, lines folded into the open cart) is left as
it is, so that undoing the merge stays exact.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.ingest import cypher as q
from graph.ingest.limits import MAX_QUANTITY
from graph.metrics import count_cypher


@dataclass
class DerivedCart:
    id: str
    status: str
    updated_at: Any
    checked_out_at: Any = None
    last_channel: str | None = None
    last_device_id: str | None = None
    order_id: str | None = None
    changes: list[str] = field(default_factory=list)
    lines: dict[str, tuple[int, float | None]] = field(default_factory=dict)

    def as_row(self) -> dict[str, Any]:
        return {
            "id": self.id, "status": self.status, "updatedAt": self.updated_at,
            "checkedOutAt": self.checked_out_at, "lastChannel": self.last_channel,
            "lastDeviceId": self.last_device_id, "orderId": self.order_id,
            "changes": self.changes,
            "lines": [{"sku": sku, "quantity": quantity, "unitPrice": price}
                      for sku, (quantity, price) in sorted(self.lines.items())],
        }  # fmt: skip


def derive_carts(
    changes: Sequence[Mapping[str, Any]],
    checkouts: Sequence[Mapping[str, Any]],
    prices: Mapping[str, float | None],
) -> list[DerivedCart]:
    """Play changes and checkouts in order of `at` (then id), as the batch statement would.

    >>> from datetime import datetime as t
    >>> carts = derive_carts(
    ...     [{"id": "c2", "at": t(2026, 2, 21), "action": "SET_QUANTITY", "sku": "A",
    ...       "quantity": 2, "unitPrice": 5.0, "channel": "WEB"},
    ...      {"id": "c1", "at": t(2026, 2, 20), "action": "ADD", "sku": "A", "quantity": 1,
    ...       "unitPrice": 5.0, "channel": "WEB"}],
    ...     [{"eventId": "o1", "at": t(2026, 3, 1), "orderId": "ord-1"}], {})
    >>> [(c.id, c.status, c.lines, c.order_id) for c in carts]
    [('cart-c1', 'CHECKED_OUT', {'A': (2, 5.0)}, 'ord-1'), ('cart-o1', 'OPEN', {}, None)]
    """
    steps = sorted(
        [(c["at"], c["id"], c, None) for c in changes]
        + [(c["at"], c["eventId"], None, c) for c in checkouts],
        key=lambda step: (step[0], step[1]),
    )
    carts: list[DerivedCart] = []
    open_cart: DerivedCart | None = None
    for at, step_id, change, checkout in steps:
        if checkout is not None:
            if open_cart is not None:
                open_cart.status, open_cart.checked_out_at = "CHECKED_OUT", at
                open_cart.order_id = checkout["orderId"]
            open_cart = DerivedCart(f"cart-{step_id}", "OPEN", at)
            carts.append(open_cart)
            continue
        assert change is not None
        if open_cart is None:
            open_cart = DerivedCart(f"cart-{step_id}", "OPEN", at)
            carts.append(open_cart)
        _apply(open_cart, change, prices)
    return carts


def _apply(
    cart: DerivedCart, change: Mapping[str, Any], prices: Mapping[str, float | None]
) -> None:
    cart.changes.append(change["id"])
    cart.updated_at = max(cart.updated_at, change["at"])
    cart.last_channel = change["channel"]
    cart.last_device_id = change.get("deviceId") or cart.last_device_id
    action, sku, quantity = change["action"], change["sku"], change["quantity"]
    if action == "CLEAR":
        cart.lines.clear()
        return
    if action in ("REMOVE", "SET_QUANTITY"):
        cart.lines.pop(sku, None)
    if action == "ADD" or (action == "SET_QUANTITY" and (quantity or 0) > 0):
        price = change.get("unitPrice")
        if sku in cart.lines:
            held, old_price = cart.lines[sku]
            cart.lines[sku] = (min(held + quantity, MAX_QUANTITY), price if price is not None
                               else old_price)  # fmt: skip
        else:
            cart.lines[sku] = (quantity, price if price is not None else prices.get(sku))


async def rebuild_carts(tx: AsyncManagedTransaction, customer_ids: Collection[str]) -> None:
    """Derive again the own carts of these customers (all locked by the caller)."""
    if not customer_ids:
        return
    rows = []
    async for record in await tx.run(q.CART_FACTS, ids=sorted(customer_ids)):
        prices = {sku: price for sku, price in record["prices"]}
        carts = derive_carts(record["changes"], record["checkouts"], prices)
        rows.append(
            {"id": record["id"], "keep": [c.id for c in carts],
             "carts": [c.as_row() for c in carts]}
        )  # fmt: skip
    await (await tx.run(q.REBUILD_CARTS, customers=rows)).consume()
    count_cypher("write", 2)

"""Request-time work for orders: an order by id, and its journey across channels in words (both
read paths use `order_journey`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from resolvers.context import Info, require
from resolvers.loaders.orders import OrderByIdLoader
from resolvers.loaders.pages import OrderRow


async def order(info: Info, order_id: str) -> OrderRow | None:
    """`order(id)`, for the roles that read orders by id."""
    require(info, "order")
    return await OrderByIdLoader(info).load(order_id)


_VERBS = {
    "PLACED": "placed", "PAID": "paid", "READY_FOR_PICKUP": "ready", "PICKED_UP": "picked up",
    "SHIPPED": "shipped", "DELIVERED": "delivered", "CANCELLED": "cancelled",
    "RETURNED": "returned",
}  # fmt: skip
_PHYSICAL = frozenset({"STORE", "KIOSK"})


def order_journey(steps: Sequence[Mapping[str, Any]], fulfillment_store_id: str | None) -> str:
    """An order's status steps (oldest first) as a line a person reads; steps in one place
    in a row share it.

    >>> order_journey([{"status": "PLACED", "channel": "WEB"}, {"status": "PAID", "channel": "WEB"},
    ...                {"status": "READY_FOR_PICKUP", "channel": "STORE", "storeId": "store-lisbon-1"},
    ...                {"status": "PICKED_UP", "channel": "STORE"}], "store-lisbon-1")
    'placed and paid on WEB, ready in store-lisbon-1, picked up in STORE'
    >>> order_journey([], None)
    'no status yet'
    """
    groups: list[tuple[str, list[str]]] = []
    for step in steps:
        status = step["status"]
        if status == "READY_FOR_PICKUP":
            place = f"in {step.get('storeId') or fulfillment_store_id or step.get('channel')}"
        elif step.get("channel"):
            channel = step["channel"]
            place = f"{'in' if channel in _PHYSICAL else 'on'} {channel}"
        else:
            place = ""
        verb = _VERBS.get(status, status.lower())
        if groups and groups[-1][0] == place and status != "READY_FOR_PICKUP":
            groups[-1][1].append(verb)
        else:
            groups.append((place, [verb]))
    if not groups:
        return "no status yet"
    return ", ".join(f"{_and(verbs)} {place}".strip() for place, verbs in groups)


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"

"""Request-time work for journeys across channels: a cart's history, the loyalty ledger, an
order's journey in words, the customer's channel path, RFM and recommendations with reasons."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.cypher import journeys as journey_reads
from graph.cypher import recommendations as recommendation_reads
from graph.driver import GraphReader, Record
from resolvers.context import Info, hop, load
from resolvers.customers import newest_first
from resolvers.errors import BadUserInput
from resolvers.pages import Page
from resolvers.pagination import page_size


async def cart_history(info: Info, cart_id: str, first: int | None, after: str | None) -> Page:
    return await newest_first(info, "cart_history", cart_id, first, after)


async def ledger(info: Info, customer_id: str, first: int | None, after: str | None) -> Page:
    return await newest_first(info, "ledger", customer_id, first, after)


# -- an order's journey in words ---------------------------------------------------------------

_VERBS = {
    "PLACED": "placed", "PAID": "paid", "READY_FOR_PICKUP": "ready", "PICKED_UP": "picked up",
    "SHIPPED": "shipped", "DELIVERED": "delivered", "CANCELLED": "cancelled",
    "RETURNED": "returned",
}  # fmt: skip
_PHYSICAL = frozenset({"STORE", "KIOSK"})


def order_journey(steps: Sequence[Record], fulfillment_store_id: str | None) -> str:
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


# -- the customer's journey ------------------------------------------------------------------

_NO_JOURNEY: Record = {
    "touchpoints": 0, "transitions": [],
    "researchOnlineBuyOffline": False, "researchOfflineBuyOnline": False,
}  # fmt: skip


async def journey(info: Info, customer_id: str) -> Record:
    found: Record | None = await load(info, "journey", customer_id)
    return found or _NO_JOURNEY


async def path(info: Info, customer_id: str, first: int | None, last: int | None) -> list[Record]:
    """The first `first` touchpoints (20 when neither is given), or the last `last` ones;
    oldest first either way."""
    if first is not None and last is not None:
        raise BadUserInput("Pass `first` or `last`, not both", field="last")
    count_first = page_size(first)
    count_last = page_size(last) if last is not None else None
    if count_last == 0:
        return []  # `steps[-0..]` would be all of them

    async def fetch(reader: GraphReader, ids: Sequence[str]) -> dict[str, list[Record]]:
        return await journey_reads.paths(reader, ids, first=count_first, last=count_last)

    loader = info.context.loaders.with_args(
        "journey_path", hop(info), (count_first, count_last), fetch, []
    )
    steps: list[Record] = await loader.load(customer_id)
    return steps


# -- recommendations -------------------------------------------------------------------------

_WHERE = {
    "WEB": "on the web", "MOBILE_APP": "in the app", "STORE": "in store", "KIOSK": "at a kiosk",
    "MARKETPLACE": "on a marketplace", "CALL_CENTER": "with the call centre",
}  # fmt: skip


async def recommendations(info: Info, customer_id: str, first: int) -> list[Record]:
    """Up to `first` of `{product, score, reason}`, best first."""
    limit = page_size(first)

    async def fetch(reader: GraphReader, ids: Sequence[str]) -> dict[str, list[Record]]:
        return await recommendation_reads.recommendations(reader, ids, limit=limit)

    loader = info.context.loaders.with_args("recommendations", hop(info), (limit,), fetch, [])
    rows: list[Record] = await loader.load(customer_id)
    return [
        {"product": r["product"], "score": round(float(r["score"]), 3), "reason": reason(r)}
        for r in rows
    ]


def reason(row: Record) -> str:
    """Why a product is suggested, as a sentence.

    >>> from datetime import UTC, datetime
    >>> reason({"source": "VIEWED", "why": {"channel": "MOBILE_APP", "count": 1,
    ...         "at": datetime(2026, 3, 12, 20, 0, tzinfo=UTC)}})
    'viewed in the app on 12 Mar'
    >>> reason({"source": "BOUGHT_TOGETHER", "why": {"name": "Rain jacket", "count": 2}})
    'bought together with Rain jacket'
    """
    why: Record = row.get("why") or {}
    source = row["source"]
    if source == "CART":
        return "in your cart"
    if source == "VIEWED":
        where = _WHERE.get(why.get("channel") or "", f"on {str(why.get('channel')).lower()}")
        times = f" {why['count']} times, last" if (why.get("count") or 1) > 1 else ""
        return f"viewed{times} {where} on {_day(why.get('at'))}"
    if source == "BOUGHT_TOGETHER":
        return f"bought together with {why.get('name')}"
    return f"customers who bought {why.get('name')} also bought it"


def _day(value: Any) -> str:
    moment = value.to_native() if hasattr(value, "to_native") else value
    return f"{moment.day} {moment:%b}" if moment is not None else "an earlier visit"

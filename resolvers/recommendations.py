"""`Customer.recommendations`: products to suggest, best first, each with its reason in words."""

from __future__ import annotations

from typing import Any, TypedDict

from graph.cypher.recommendations import ReasonRow, RecommendationRow, SignalRow
from graph.cypher.rows import ProductRow
from resolvers.context import Info, require
from resolvers.loaders.customers import RecommendationsByCustomerLoader
from resolvers.pagination import page_size

_WHERE = {
    "WEB": "on the web", "MOBILE_APP": "in the app", "STORE": "in store", "KIOSK": "at a kiosk",
    "MARKETPLACE": "on a marketplace", "CALL_CENTER": "with the call centre",
}  # fmt: skip


class Suggestion(TypedDict):
    """A suggestion as shown: its product, its score rounded, its reason in words."""

    product: ProductRow
    score: float
    reason: str


async def recommendations(
    info: Info, customer_id: str, first: int | None, refused: bool
) -> list[Suggestion]:
    """Up to `first` (5 when null) of `{product, score, reason}`, best first; `refused`: the
    customer refused PERSONALIZATION (nothing is read then)."""
    require(info, "recommendations")
    rows = (
        [] if refused else await _read(info, customer_id, page_size(5 if first is None else first))
    )
    return suggestions(rows, refused)


async def _read(info: Info, customer_id: str, limit: int) -> list[RecommendationRow]:
    return await RecommendationsByCustomerLoader(info, limit=limit).load(customer_id)


def suggestions(rows: list[RecommendationRow], refused: bool) -> list[Suggestion]:
    """The suggestions shown from the rows read (both read paths use it): none for a customer
    who refused PERSONALIZATION, else each with its score rounded and its reason in words."""
    if refused:
        return []
    return [
        {"product": r["product"], "score": round(float(r["score"]), 3), "reason": reason(r)}
        for r in rows
    ]


def reason(row: ReasonRow) -> str:
    """Why a product is suggested, as a sentence.

    >>> from datetime import UTC, datetime
    >>> reason({"source": "VIEWED", "why": {"channel": "MOBILE_APP", "count": 1,
    ...         "at": datetime(2026, 3, 12, 20, 0, tzinfo=UTC)}})
    'viewed in the app on 12 Mar'
    >>> reason({"source": "BOUGHT_TOGETHER", "why": {"name": "Rain jacket", "count": 2}})
    'bought together with Rain jacket'
    """
    why: SignalRow = row.get("why") or {}
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

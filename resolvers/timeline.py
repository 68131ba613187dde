"""The customer's cross-channel timeline: its pages, and each entry in words (both read paths
use `timeline_summary`)."""

from __future__ import annotations

from graph.driver import Row
from resolvers.context import Info, require
from resolvers.loaders.pages import TimelineItemRow, TimelinePageByCustomerLoader
from resolvers.pages import Page, newest_first


async def timeline(
    info: Info, customer_id: str, first: int | None, after: str | None
) -> Page[TimelineItemRow]:
    require(info, "timeline")
    loader = TimelinePageByCustomerLoader
    return await newest_first(info, loader, "timeline", customer_id, first, after)


def timeline_summary(kind: str, d: Row) -> str:
    """A timeline entry as a line a person reads, from its kind and its record."""
    if kind == "ORDER":
        total = d.get("total")
        amount = f"{total:.2f} {d.get('currency') or ''}".strip() if total is not None else ""
        return f"Order {d['id']} {str(d.get('status', '')).lower()}, {amount}".rstrip(", ")
    if kind == "INTERACTION":
        detail = d.get("sku") or d.get("query") or d.get("url") or ""
        return " ".join(p for p in (str(d.get("kind", "")).replace("_", " ").lower(), detail) if p)
    if kind == "CART":
        what = d.get("sku") or ""
        qty = f" x{d['quantity']}" if d.get("quantity") else ""
        return f"Cart {str(d.get('action', '')).lower().replace('_', ' ')} {what}{qty}".strip()
    if kind == "CASE_MESSAGE":
        action = str(d.get("action", "message")).lower()
        return f"Case {d.get('caseId')} ({d.get('subject') or 'support'}): {action}"
    if kind == "CONSENT":
        verb = "granted" if d.get("granted") else "refused"
        return f"{d.get('purpose')} on {d.get('channel')} {verb}"
    points = d.get("points", 0)
    return f"Loyalty {str(d.get('action', '')).lower()} {points:+d} points ({d.get('reference') or '-'})"

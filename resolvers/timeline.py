"""The customer's cross-channel timeline: its pages, and each entry in words (both read paths
use `timeline_summary`)."""

from __future__ import annotations

from resolvers.context import Info, require
from resolvers.loaders.pages import TimelineItemRow, TimelinePageByCustomerLoader
from resolvers.pages import Page, newest_first


async def timeline(
    info: Info, customer_id: str, first: int | None, after: str | None
) -> Page[TimelineItemRow]:
    require(info, "timeline")
    loader = TimelinePageByCustomerLoader
    return await newest_first(info, loader, "timeline", customer_id, first, after)


def timeline_summary(entry: TimelineItemRow) -> str:
    """A timeline entry as a line a person reads, from its kind and its record."""
    if entry["kind"] == "ORDER":
        order = entry["data"]
        total = order.get("total")
        amount = f"{total:.2f} {order.get('currency') or ''}".strip() if total is not None else ""
        return f"Order {order['id']} {str(order.get('status', '')).lower()}, {amount}".rstrip(", ")
    if entry["kind"] == "INTERACTION":
        seen = entry["data"]
        detail = seen.get("sku") or seen.get("query") or seen.get("url") or ""
        what = str(seen.get("kind", "")).replace("_", " ").lower()
        return " ".join(p for p in (what, detail) if p)
    if entry["kind"] == "CART":
        change = entry["data"]
        sku = change.get("sku") or ""
        qty = f" x{change['quantity']}" if change.get("quantity") else ""
        return f"Cart {str(change.get('action', '')).lower().replace('_', ' ')} {sku}{qty}".strip()
    if entry["kind"] == "CASE_MESSAGE":
        message = entry["data"]
        action = str(message.get("action", "message")).lower()
        return f"Case {message.get('caseId')} ({message.get('subject') or 'support'}): {action}"
    if entry["kind"] == "CONSENT":
        consent = entry["data"]
        verb = "granted" if consent.get("granted") else "refused"
        return f"{consent.get('purpose')} on {consent.get('channel')} {verb}"
    move = entry["data"]
    points = move.get("points", 0)
    return f"Loyalty {str(move.get('action', '')).lower()} {points:+d} points ({move.get('reference') or '-'})"

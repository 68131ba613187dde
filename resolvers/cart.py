"""Request-time work for carts: a cart's history of changes, newest first."""

from __future__ import annotations

from resolvers.context import Info
from resolvers.loaders.pages import HistoryPageByCartLoader
from resolvers.pages import Page, newest_first


async def cart_history(info: Info, cart_id: str, first: int | None, after: str | None) -> Page:
    return await newest_first(info, HistoryPageByCartLoader, "cart_history", cart_id, first, after)

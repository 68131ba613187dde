"""Request-time work for carts: a cart's history of changes, newest first, and its subtotal."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from resolvers.context import Info
from resolvers.loaders.pages import CartChangeRow, HistoryPageByCartLoader
from resolvers.pages import Page, newest_first


async def cart_history(
    info: Info, cart_id: str, first: int | None, after: str | None
) -> Page[CartChangeRow]:
    return await newest_first(info, HistoryPageByCartLoader, "cart_history", cart_id, first, after)


def subtotal(lines: Iterable[Sequence[float | None]]) -> float:
    """Sum of quantity x unit price over (quantity, unit price) lines (both read paths use it).

    >>> subtotal([(2, 10.5), (1, None)])
    21.0
    """
    return round(sum((q or 0) * (u or 0.0) for q, u in lines), 2)

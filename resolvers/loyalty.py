"""Request-time work for loyalty: the ledger of points moves, newest first."""

from __future__ import annotations

from resolvers.context import Info
from resolvers.loaders.pages import LedgerPageByCustomerLoader, LoyaltyMoveRow
from resolvers.pages import Page, newest_first


async def ledger(
    info: Info, customer_id: str, first: int | None, after: str | None
) -> Page[LoyaltyMoveRow]:
    loader = LedgerPageByCustomerLoader
    return await newest_first(info, loader, "ledger", customer_id, first, after)

"""Request-time work for support cases: a customer's cases, and the ones still open."""

from __future__ import annotations

from resolvers.access import Case
from resolvers.context import Info, require
from resolvers.loaders.customers import SupportCaseRow, SupportCasesByCustomerLoader


async def support_cases(info: Info, customer_id: str) -> list[SupportCaseRow]:
    """The customer's cases, most recently opened first, as the role may see them."""
    require(info, "supportCases")
    return await SupportCasesByCustomerLoader(info).load(customer_id)


async def open_cases(info: Info, customer_id: str) -> list[SupportCaseRow]:
    return still_open(await support_cases(info, customer_id))


def still_open(cases: list[Case]) -> list[Case]:
    """The cases not yet resolved (both read paths use it).

    >>> [c["id"] for c in still_open([{"id": "a", "status": "OPEN"}, {"id": "b", "status": "RESOLVED"}])]
    ['a']
    """
    return [case for case in cases if case.get("status") == "OPEN"]

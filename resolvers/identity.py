"""Identity evidence (`Customer.identity`): why omnigraph believes a profile is one person."""

from __future__ import annotations

from resolvers.context import Info, require
from resolvers.loaders.customers import (
    ConflictRow,
    ConflictsByCustomerLoader,
    MergeRow,
    MergesByCustomerLoader,
)


def identity(info: Info, customer_id: str) -> str:
    """The customer whose identity evidence the role may follow (else FORBIDDEN)."""
    require(info, "identity")
    return customer_id


async def merges(info: Info, customer_id: str) -> list[MergeRow]:
    """The profiles merged into this one (not undone), oldest first."""
    return await MergesByCustomerLoader(info).load(customer_id)


async def conflicts(info: Info, customer_id: str) -> list[ConflictRow]:
    """The profiles merge protection refused to join to this one, for review."""
    return await ConflictsByCustomerLoader(info).load(customer_id)

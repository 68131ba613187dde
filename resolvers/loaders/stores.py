"""Loaders of a store's customer lists (clienteling), one `graph/cypher/stores.py` read each."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from graph.cypher import stores
from graph.cypher.customers import CustomerRow
from graph.cypher.rows import OrderRow
from graph.driver import GraphReader
from resolvers.loaders import ManyOf, ShowsCustomer, ShowsCustomers

if TYPE_CHECKING:
    from resolvers.context import Info


class PickupsReadyByStoreLoader(ManyOf[str, OrderRow]):
    """Orders waiting in the store for their customers, longest waiting first."""

    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, list[OrderRow]]:
        return await stores.pickups_ready(reader, keys)


class StoreCustomerLoader(ShowsCustomer[tuple[str, str]]):
    """By (store id, customer id): the customer when they are one of the store's."""

    async def read(
        self, reader: GraphReader, keys: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], CustomerRow]:
        return await stores.store_customers(reader, keys)


class VisitsByStoreLoader(ShowsCustomers[str]):
    """Customers who visited the store in [start, end), latest visit first."""

    def __init__(self, info: Info, *, start: datetime, end: datetime) -> None:
        super().__init__(info)
        self.start, self.end = start, end

    def arguments(self) -> tuple[Hashable, ...]:
        return (self.start, self.end)

    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, list[CustomerRow]]:
        return await stores.visits(reader, keys, start=self.start, end=self.end)


def lapsed_cutoff(days: int) -> datetime:
    """The last-order time before which a customer has lapsed, `days` ago (to the second)."""
    return datetime.now(UTC).replace(microsecond=0) - timedelta(days=days)


class LapsedCustomersByStoreLoader(ShowsCustomers[str]):
    """Up to `limit` of the store's customers whose last order is more than `days` ago."""

    def __init__(self, info: Info, *, days: int, limit: int) -> None:
        super().__init__(info)
        self.days, self.limit = days, limit

    def arguments(self) -> tuple[Hashable, ...]:
        return (self.days, self.limit)

    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, list[CustomerRow]]:
        cutoff = lapsed_cutoff(self.days)
        return await stores.lapsed_customers(reader, keys, cutoff=cutoff, limit=self.limit)

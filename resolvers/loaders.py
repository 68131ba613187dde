"""Per-request DataLoaders: every hop of a query is one batched Cypher for all its parents.

A `Loaders` object lives on the request's context and creates each loader the first time a resolver
asks for it (the Saleor pattern). Loaders for connections also depend on the field's arguments, so
they are kept per argument set: `customer.orders(first: 5)` on 50 customers is one Cypher query,
and asking for `orders(status: PAID)` in the same request adds exactly one more.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Sequence
from functools import cached_property
from typing import Any, TypeVar

from aiodataloader import DataLoader

from graph.cypher import activity, catalog, customers, orders
from graph.driver import GraphReader, Record

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

Loader = DataLoader[Any, Any]
Batch = Callable[[GraphReader, Sequence[K]], Awaitable[dict[K, V]]]


def _loader(reader: GraphReader, fetch: Batch[K, V], default: Any = None) -> Loader:
    async def load(keys: list[K]) -> list[V | Any]:
        found = await fetch(reader, keys)
        return [found.get(key, default) for key in keys]

    return DataLoader(load, max_batch_size=1000)


class Loaders:
    def __init__(self, reader: GraphReader) -> None:
        self.reader = reader
        self._pages: dict[Hashable, Loader] = {}

    # -- by id ------------------------------------------------------------------------------
    @cached_property
    def customer(self) -> Loader:
        return _loader(self.reader, customers.customers_by_id)

    @cached_property
    def customer_by_identifier(self) -> Loader:
        return _loader(self.reader, customers.customers_by_identifier)

    @cached_property
    def order(self) -> Loader:
        return _loader(self.reader, orders.orders_by_id)

    @cached_property
    def product(self) -> Loader:
        return _loader(self.reader, catalog.products)

    @cached_property
    def store(self) -> Loader:
        return _loader(self.reader, catalog.stores)

    @cached_property
    def device(self) -> Loader:
        return _loader(self.reader, catalog.devices)

    @cached_property
    def node(self) -> Loader:
        return _loader(self.reader, catalog.nodes)

    # -- one hop from a customer -------------------------------------------------------------
    @cached_property
    def identifiers(self) -> Loader:
        return _loader(self.reader, customers.identifiers, default=[])

    @cached_property
    def devices(self) -> Loader:
        return _loader(self.reader, customers.devices, default=[])

    @cached_property
    def accounts(self) -> Loader:
        return _loader(self.reader, customers.accounts, default=[])

    @cached_property
    def cart(self) -> Loader:
        return _loader(self.reader, customers.open_carts)

    @cached_property
    def support_cases(self) -> Loader:
        return _loader(self.reader, customers.support_cases, default=[])

    @cached_property
    def consents(self) -> Loader:
        return _loader(self.reader, customers.consents, default=[])

    @cached_property
    def stats(self) -> Loader:
        return _loader(self.reader, customers.stats)

    # -- one hop from an order ---------------------------------------------------------------
    @cached_property
    def order_lines(self) -> Loader:
        return _loader(self.reader, orders.order_lines, default=[])

    @cached_property
    def status_history(self) -> Loader:
        return _loader(self.reader, orders.status_history, default=[])

    # -- pages, one loader per argument set --------------------------------------------------
    def orders_page(
        self, limit: int, after: tuple[str, str] | None, channel: str | None, status: str | None
    ) -> Loader:
        async def fetch(reader: GraphReader, ids: Sequence[str]) -> dict[str, Record]:
            return await activity.orders_page(
                reader, ids, limit=limit, after=after, channel=channel, status=status
            )

        return self._page(("orders", limit, after, channel, status), fetch)

    def interactions_page(
        self,
        limit: int,
        after: tuple[str, str] | None,
        channels: tuple[str, ...] | None,
        kinds: tuple[str, ...] | None,
        since: str | None,
        until: str | None,
    ) -> Loader:
        async def fetch(reader: GraphReader, ids: Sequence[str]) -> dict[str, Record]:
            return await activity.interactions_page(
                reader,
                ids,
                limit=limit,
                after=after,
                channels=channels,
                kinds=kinds,
                since=since,
                until=until,
            )

        return self._page(("interactions", limit, after, channels, kinds, since, until), fetch)

    def timeline_page(self, limit: int, after: tuple[str, str] | None) -> Loader:
        async def fetch(reader: GraphReader, ids: Sequence[str]) -> dict[str, Record]:
            return await activity.timeline_page(reader, ids, limit=limit, after=after)

        return self._page(("timeline", limit, after), fetch)

    def _page(self, key: Hashable, fetch: Batch[str, Record]) -> Loader:
        loader = self._pages.get(key)
        if loader is None:
            loader = self._pages[key] = _loader(
                self.reader, fetch, default={"total": 0, "items": []}
            )
        return loader

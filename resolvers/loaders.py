"""Per-request DataLoaders: every hop of a query is one batched Cypher for all its parents.

A `Loaders` object lives on the request's context and creates loaders on first use (the Saleor
pattern). Loaders are kept per *hop*: the field's place in the query with list indices left out
(`customers.edges.node.orders.edges.node` + `store`). All parents at one hop resolve together, so
each hop costs exactly one Cypher query, whether it has 1 parent or 50, and two different hops
never share a batch by the accident of timing. That keeps the query count a function of the
query's shape alone, which `tests/integration/test_cypher_counts.py` checks.

Loaders of fields with arguments (connections, `recommendations(first)`, a store's visits on a
day) are kept per argument set too: `Loaders.with_args`.

Every value a loader returns has been through `resolvers.access.redact` for the request's
principal: a masked field is masked however the query reached it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any, TypeVar

from aiodataloader import DataLoader

from graph.cypher import activity, catalog, clienteling, customers, journeys, orders, stores
from graph.driver import GraphReader, Record
from resolvers.access import redact
from resolvers.principal import Principal

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

Loader = DataLoader[Any, Any]
Batch = Callable[[GraphReader, Sequence[K]], Awaitable[dict[K, V]]]
Hop = tuple[str, ...]

# name -> (batched read, value for a key the graph does not have)
_BATCHES: dict[str, tuple[Batch[Any, Any], Any]] = {
    "customer": (customers.customers_by_id, None),
    "customer_by_identifier": (customers.customers_by_identifier, None),
    "identifiers": (customers.identifiers, []),
    "devices": (customers.devices, []),
    "accounts": (customers.accounts, []),
    "cart": (customers.open_carts, None),
    "order_cart": (customers.order_carts, None),
    "journey": (journeys.journeys, None),
    "notes": (clienteling.notes, []),
    "important_dates": (clienteling.important_dates, []),
    "pickups_ready": (stores.pickups_ready, []),
    "store_customer": (stores.store_customers, None),
    "support_cases": (customers.support_cases, []),
    "consents": (customers.consents, []),
    "stats": (customers.stats, None),
    "merges": (customers.merges, []),
    "conflicts": (customers.conflicts, []),
    "order": (orders.orders_by_id, None),
    "order_lines": (orders.order_lines, []),
    "status_history": (orders.status_history, []),
    "product": (catalog.products, None),
    "store": (catalog.stores, None),
    "device": (catalog.devices, None),
    "node": (catalog.nodes, None),
}

_EMPTY_PAGE: Record = {"total": 0, "items": []}
_NEWEST_FIRST: dict[str, Callable[..., Awaitable[dict[str, Record]]]] = {
    "timeline": activity.timeline_page,  # per customer
    "ledger": activity.loyalty_page,  # per customer
    "cart_history": activity.cart_history_page,  # per cart
}
# Batched reads whose values are lists of customer records (shown: audited).
CUSTOMER_LISTS = frozenset({"store_visits", "lapsed_customers"})


def _loader(loaders: Loaders, name: str, fetch: Batch[Any, Any], default: Any) -> Loader:
    async def load(keys: list[Any]) -> list[Any]:
        found = await fetch(loaders.reader, keys)
        values = [redact(loaders.principal, name, found.get(key, default)) for key in keys]
        loaders.note_customers(name, values)
        return values

    return DataLoader(load, max_batch_size=1000)


class Loaders:
    def __init__(self, reader: GraphReader, principal: Principal) -> None:
        self.reader = reader
        self.principal = principal
        self.customers_read: set[str] = set()  # profiles shown, for the audit trail
        self._loaders: dict[Hashable, Loader] = {}

    def note_customers(self, name: str, values: Sequence[Any]) -> None:
        if name in ("customer", "customer_by_identifier", "store_customer"):
            self.customers_read.update(v["id"] for v in values if v)
        elif name in CUSTOMER_LISTS:
            self.customers_read.update(c["id"] for v in values for c in v)
        elif name == "node":
            self.customers_read.update(
                v["item"]["id"] for v in values if v and v["type"] == "Customer"
            )

    def load(self, name: str, hop: Hop, key: Any) -> Awaitable[Any]:
        """The value for `key` from the batched read `name`, batched with its hop's siblings."""
        loader = self._loaders.get((name, hop))
        if loader is None:
            fetch, default = _BATCHES[name]
            loader = self._loaders[(name, hop)] = _loader(self, name, fetch, default)
        return loader.load(key)

    def orders_page(
        self,
        hop: Hop,
        limit: int,
        after: tuple[str, str] | None,
        channel: str | None,
        status: str | None,
        with_total: bool = True,
    ) -> Loader:
        async def fetch(reader: GraphReader, ids: Sequence[str]) -> dict[str, Record]:
            return await activity.orders_page(
                reader, ids, limit=limit, after=after, channel=channel, status=status,
                with_total=with_total,
            )  # fmt: skip

        return self._page(("orders", hop, limit, after, channel, status, with_total), fetch)

    def interactions_page(
        self,
        hop: Hop,
        limit: int,
        after: tuple[str, str] | None,
        channels: tuple[str, ...] | None,
        kinds: tuple[str, ...] | None,
        since: str | None,
        until: str | None,
        with_total: bool = True,
    ) -> Loader:
        async def fetch(reader: GraphReader, ids: Sequence[str]) -> dict[str, Record]:
            return await activity.interactions_page(
                reader, ids, limit=limit, after=after, channels=channels, kinds=kinds,
                since=since, until=until, with_total=with_total,
            )  # fmt: skip

        key = ("interactions", hop, limit, after, channels, kinds, since, until, with_total)
        return self._page(key, fetch)

    def newest_first_page(
        self, name: str, hop: Hop, limit: int, after: tuple[str, str] | None
    ) -> Loader:
        """A page of `name` ("timeline", "ledger" or "cart_history"): keyed lists read newest
        first, with no argument but the page's."""
        read = _NEWEST_FIRST[name]

        async def fetch(reader: GraphReader, ids: Sequence[str]) -> dict[str, Record]:
            return await read(reader, ids, limit=limit, after=after)

        return self._page((name, hop, limit, after), fetch)

    def _page(self, key: tuple[Any, ...], fetch: Batch[str, Record]) -> Loader:
        name, hop, *args = key  # "orders", "interactions", "timeline", "ledger"...
        return self.with_args(name, hop, tuple(args), fetch, _EMPTY_PAGE)

    def with_args(
        self, name: str, hop: Hop, args: tuple[Any, ...], fetch: Batch[Any, Any], default: Any
    ) -> Loader:
        """The loader of the batched read `name` at `hop` for one set of field arguments, which
        `fetch` (keys -> values) closes over: one batch per hop and argument set."""
        key = (name, hop, args)
        loader = self._loaders.get(key)
        if loader is None:
            loader = self._loaders[key] = _loader(self, name, fetch, default)
        return loader

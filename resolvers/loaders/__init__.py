"""Per-request DataLoaders, one named class per batched read (Saleor's `XByYLoader` habit).

    customer = await CustomerByIdLoader(info).load(customer_id)

Each loader class points at one function of `graph/cypher` (its `read`), says what a key the
graph does not have loads as (`missing`), how the request's role sees a value (`view`, from
`resolvers/access.py`) and which customers a value shows (`shown`, for the audit trail). A
mistyped loader is a name error that mypy reports, not a string looked up at run time.

The DataLoaders themselves live on the request's `Loaders` and are made on first use. They are
kept per *hop*: the field's place in the query with list indices left out
(`customers.edges.node.orders.edges.node` + `store`). All parents at one hop resolve together, so
each hop costs exactly one Cypher query, whether it has 1 parent or 50, and two different hops
never share a batch by the accident of timing. That keeps the query count a function of the
query's shape alone, which `tests/integration/test_cypher_counts.py` checks. A loader with
arguments (`RecommendationsByCustomerLoader(info, limit=5)`) is kept per argument set too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from aiodataloader import DataLoader

from graph.cypher.customers import CustomerRow
from graph.driver import GraphReader, Row
from resolvers import access
from resolvers.principal import Principal, Role

if TYPE_CHECKING:
    from resolvers.context import Info

__all__ = [
    "CustomerRow",  # the rows loaders hand to `schema/` (defined where reads produce them)
    "GraphLoader",
    "Hop",
    "Loaders",
    "Many",
    "ManyOf",
    "One",
    "OneOf",
    "Row",
    "ShowsCustomer",
    "ShowsCustomers",
    "hop",
]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
T = TypeVar("T")
R = TypeVar("R")

Hop = tuple[str, ...]


def hop(info: Info) -> Hop:
    """Where a field's parent sits in the query, list indices left out: its loaders' key.

    Sibling fields share it, so `Order.store` and `Order.fulfillmentStore` are one batch.
    """
    parent = info.path.prev
    return tuple(k for k in parent.as_list() if isinstance(k, str)) if parent else ()


class GraphLoader(Generic[K, V]):
    """A handle on the request's batch of one read at one hop (and one argument set)."""

    def __init__(self, info: Info, *, loaders: Loaders | None = None) -> None:
        self._loaders = loaders or info.context.loaders
        self._hop = hop(info)

    async def read(self, reader: GraphReader, keys: Sequence[K]) -> Mapping[K, V]:
        """The batched read: one `graph/cypher` function call for all keys."""
        raise NotImplementedError

    def missing(self) -> V:
        """The value of a key the graph does not have."""
        raise NotImplementedError

    def arguments(self) -> tuple[Hashable, ...]:
        """The field arguments the read closes over (part of the batch's key)."""
        return ()

    def view(self, role: Role, value: V) -> V:
        """`value` as `role` may see it (see `resolvers/access.py`)."""
        return value

    def shown(self, value: V) -> Iterable[str]:
        """Ids of the customer profiles `value` shows (audited for staff)."""
        return ()

    def load(self, key: K) -> Awaitable[V]:
        return self._loaders.batch(self).load(key)


class OneOf(GraphLoader[K, R | None]):
    """A read that finds at most one typed row per key, e.g. `OneOf[str, StoreRow]`."""

    def missing(self) -> R | None:
        return None

    async def load_as(self, key: K | None, make: Callable[[R], T]) -> T | None:
        """The object `key` names, built by `make`; None when there is no key or no such node."""
        if key is None:
            return None
        record = await self.load(key)
        return make(record) if record else None


class One(OneOf[K, Row]):
    """A read that finds at most one record per key."""


class ManyOf(GraphLoader[K, list[R]]):
    """A read that finds a list of typed rows per key, e.g. `ManyOf[str, OrderLineRow]`."""

    def missing(self) -> list[R]:
        return []


class Many(ManyOf[K, Row]):
    """A read that finds a list of records per key."""


class ShowsCustomer(OneOf[K, CustomerRow]):
    """A customer profile: masked for the role, and audited as shown."""

    def view(self, role: Role, value: CustomerRow | None) -> CustomerRow | None:
        return access.customer_view(role, value) if value else value

    def shown(self, value: CustomerRow | None) -> Iterable[str]:
        return [value["id"]] if value else []


class ShowsCustomers(ManyOf[K, CustomerRow]):
    """A list of customer profiles, each masked for the role and audited as shown."""

    def view(self, role: Role, value: list[CustomerRow]) -> list[CustomerRow]:
        return access.customers_view(role, value)

    def shown(self, value: list[CustomerRow]) -> Iterable[str]:
        return [row["id"] for row in value]


class Loaders:
    """The request's DataLoaders, by (loader class, hop, arguments), and the customers shown."""

    def __init__(self, reader: GraphReader, principal: Principal) -> None:
        self.reader = reader
        self.principal = principal
        self.customers_read: set[str] = set()  # profiles shown, for the audit trail
        self._batches: dict[Hashable, DataLoader[Any, Any]] = {}

    def batch(self, loader: GraphLoader[K, V]) -> DataLoader[K, V]:
        key = (type(loader), loader._hop, loader.arguments())
        found = self._batches.get(key)
        if found is None:
            found = self._batches[key] = self._batch(loader)
        return found

    def _batch(self, loader: GraphLoader[K, V]) -> DataLoader[K, V]:
        role = self.principal.role

        async def load(keys: list[K]) -> list[V]:
            found = await loader.read(self.reader, keys)
            values = [loader.view(role, found[k] if k in found else loader.missing()) for k in keys]
            for value in values:
                self.customers_read.update(loader.shown(value))
            return values

        return DataLoader(load, max_batch_size=1000)

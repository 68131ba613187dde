"""What every resolver gets as `info.context`: who asks, the request's graph reader, its loaders."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import strawberry
from neo4j import AsyncDriver

from graph.audit import ReadLog
from graph.driver import GraphReader, Record
from resolvers import access
from resolvers.activity_bus import ActivityBus
from resolvers.loaders import Hop, Loaders
from resolvers.principal import Principal

T = TypeVar("T")


@dataclass
class RequestContext:
    reader: GraphReader
    principal: Principal
    default_region: str = "PT"
    trace: bool = False
    reason: str | None = None  # why staff read this (`X-Omnigraph-Reason`), for the audit trail
    bus: ActivityBus | None = None  # where live subscriptions listen (`resolvers/live.py`)
    read_log: ReadLog | None = None  # staff reads, written batched; None: one write per request
    started: float = field(default_factory=time.perf_counter)
    loaders: Loaders = field(init=False)
    # the `connection_init` payload of a websocket (graphql-transport-ws), set by Strawberry
    connection_params: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.reader, self.principal)

    def authenticated_as(self, principal: Principal) -> None:
        """A websocket that authenticated in its `connection_init` payload: who it is now."""
        self.principal = principal
        self.loaders = Loaders(self.reader, principal)

    @classmethod
    def for_request(
        cls,
        driver: AsyncDriver,
        database: str,
        principal: Principal,
        *,
        default_region: str = "PT",
        trace: bool = False,
        timeout: float | None = None,
        one_deadline: bool = False,
        reason: str | None = None,
        bus: ActivityBus | None = None,
        read_log: ReadLog | None = None,
    ) -> RequestContext:
        """With `one_deadline`, `timeout` bounds the whole request, not each statement (HTTP
        requests; a live feed's reads each get `timeout`)."""
        deadline = time.monotonic() + timeout if one_deadline and timeout else None
        return cls(
            GraphReader(driver, database, timeout=timeout, deadline=deadline),
            principal,
            default_region=default_region,
            trace=trace,
            reason=reason,
            bus=bus,
            read_log=read_log,
        )


# What resolvers receive as `info`; `info.context` is the request's `RequestContext`.
Info = strawberry.Info[RequestContext, None]


def hop(info: Info) -> Hop:
    """Where a field's parent sits in the query, list indices left out: its loaders' key.

    Sibling fields share it, so `Order.store` and `Order.fulfillmentStore` are one batch.
    """
    parent = info.path.prev
    return tuple(k for k in parent.as_list() if isinstance(k, str)) if parent else ()


async def load(info: Info, name: str, key: Any) -> Any:
    """Load `key` with the batched read `name` at this field's hop (see `resolvers.loaders`)."""
    return await info.context.loaders.load(name, hop(info), key)


async def load_related(info: Info, name: str, key: Any, make: Callable[[Record], T]) -> T | None:
    """The object `key` names, built by `make`; None when there is no key or no such node."""
    if key is None:
        return None
    record: Record | None = await load(info, name, key)
    return make(record) if record else None


def principal(info: Info) -> Principal:
    return info.context.principal


def require(info: Info, door: str) -> Principal:
    """The request's principal, when its role may use `door` (else `FORBIDDEN`)."""
    access.require(info.context.principal, door)
    return info.context.principal

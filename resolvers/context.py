"""What every resolver gets as `info.context`: who asks, the request's graph reader, its loaders."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import strawberry
from neo4j import AsyncDriver

from graph.audit import ReadLog
from graph.driver import GraphReader
from resolvers import access
from resolvers.live.bus import ActivityBus
from resolvers.loaders import Loaders
from resolvers.principal import Principal


@dataclass
class RequestContext:
    reader: GraphReader
    principal: Principal
    default_region: str = "PT"
    trace: bool = False
    reason: str | None = None  # why staff read this (`X-Omnigraph-Reason`), for the audit trail
    bus: ActivityBus | None = None  # where live subscriptions listen (`resolvers/live/`)
    read_log: ReadLog | None = None  # staff reads, written batched; None: one write per request
    started: float = field(default_factory=time.perf_counter)
    loaders: Loaders = field(init=False)
    # the `connection_init` payload of a websocket (graphql-transport-ws), set by Strawberry
    connection_params: dict[str, Any] | None = None
    # the compiled `ingestEvents` hands its pipeline's failure to the interpreted path, which
    # reports it (`resolvers/compiled/ingest.py`)
    failed_ingestion: Exception | None = None

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


def principal(info: Info) -> Principal:
    return info.context.principal


def require(info: Info, door: str) -> Principal:
    """The request's principal, when its role may use `door` (else `FORBIDDEN`)."""
    access.require(info.context.principal, door)
    return info.context.principal

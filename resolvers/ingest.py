"""Request-time work for the write side: `ingestEvents` and `unmergeCustomer`."""

from __future__ import annotations

import weakref
from typing import Any

from neo4j import AsyncDriver

from graph import audit
from graph.ingest.pipeline import BATCH, IngestResult, Pipeline, UnmergeError, unmerge
from graph.ingest.queue import IngestQueue
from graph.ingest.validate import Rules
from resolvers.context import Info, RequestContext
from resolvers.errors import BadUserInput, NotFound
from resolvers.live.activities import announcer
from resolvers.live.bus import ActivityBus

MAX_EVENTS_PER_CALL = 1000


def ingest_pipeline(
    driver: AsyncDriver, database: str, region: str, bus: ActivityBus | None, batch: int = BATCH
) -> Pipeline:
    """The pipeline of every door (`ingestEvents`, `POST /events`, `omnigraph import`): its
    applied events announced on `bus`, when there is one (live feeds)."""
    return Pipeline(driver, database, Rules(region), batch=batch,
                    on_applied=announcer(bus) if bus is not None else None)  # fmt: skip


def ingest_queue(driver: AsyncDriver, database: str, region: str, bus: ActivityBus) -> IngestQueue:
    """The one queue of a gateway (its bus) and graph, shared by `ingestEvents` and
    `POST /events`: concurrent calls of both doors are written together."""
    queues = _QUEUES.setdefault(bus, {})
    key = (id(driver), database, region)
    queue = queues.get(key)
    if queue is None or queue.pipeline.driver is not driver:
        queue = queues[key] = IngestQueue(ingest_pipeline(driver, database, region, bus))
    return queue


async def ingest(info: Info, events: list[Any]) -> list[IngestResult]:
    return await ingest_for(info.context, events)


async def ingest_for(context: RequestContext, events: list[Any]) -> list[IngestResult]:
    """`ingestEvents` for a request's context (the compiled door has no graphql-core `info`)."""
    if len(events) > MAX_EVENTS_PER_CALL:
        raise BadUserInput(
            f"at most {MAX_EVENTS_PER_CALL} events per call, got {len(events)}: split the batch "
            "(or use POST /events or `omnigraph import` for bulk loads)",
            field="events",
        )
    reader, bus = context.reader, context.bus
    if bus is None:  # a context of no gateway: nothing to share a queue with
        pipeline = ingest_pipeline(reader.driver, reader.database, context.default_region, None)
        return await pipeline.ingest(events)
    queue = ingest_queue(reader.driver, reader.database, context.default_region, bus)
    return await queue.submit(events)


_QUEUES: weakref.WeakKeyDictionary[ActivityBus, dict[tuple[int, str, str], IngestQueue]] = (
    weakref.WeakKeyDictionary()
)


async def unmerge_customer(info: Info, merge_id: str) -> str:
    reader = info.context.reader
    try:
        restored = await unmerge(reader.driver, reader.database, merge_id)
    except UnmergeError as error:
        if error.code == "NOT_FOUND":
            raise NotFound(str(error), field="mergeId") from error
        raise BadUserInput(str(error), field="mergeId") from error
    principal = info.context.principal
    await audit.record(
        reader.driver, reader.database,
        audit.Actor(principal.subject, principal.role.value, principal.store_id),
        "UNMERGE", [restored], operation=f"unmergeCustomer({merge_id})",
        reason=info.context.reason,
    )  # fmt: skip
    return restored

"""Request-time work for the write side: `ingestEvents` and `unmergeCustomer`."""

from __future__ import annotations

from typing import Any

from graph import audit
from graph.ingest.pipeline import IngestResult, Pipeline, UnmergeError, unmerge
from graph.ingest.validate import Rules
from resolvers.activities import announcer
from resolvers.context import Info
from resolvers.errors import BadUserInput, NotFound

MAX_EVENTS_PER_CALL = 1000


def pipeline(info: Info) -> Pipeline:
    reader = info.context.reader
    bus = info.context.bus
    return Pipeline(
        reader.driver,
        reader.database,
        Rules(info.context.default_region),
        on_applied=announcer(bus) if bus is not None else None,
    )


async def ingest(info: Info, events: list[Any]) -> list[IngestResult]:
    if len(events) > MAX_EVENTS_PER_CALL:
        raise BadUserInput(
            f"at most {MAX_EVENTS_PER_CALL} events per call, got {len(events)}: split the batch "
            "(or use POST /events or `omnigraph import` for bulk loads)",
            field="events",
        )
    return await pipeline(info).ingest(events)


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

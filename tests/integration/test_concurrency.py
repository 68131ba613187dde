"""Several writers at once end with the same graph as one serial run.

Writers are separate pipelines racing on Neo4j's locks, or callers of one `IngestQueue` that
writes several batches at once (`graph/ingest/queue.py`)."""

from __future__ import annotations

import asyncio
import os
import random
from typing import Any

import pytest
from neo4j import AsyncDriver

from graph.ingest.pipeline import IngestResult, Pipeline, Prepared
from graph.ingest.queue import IngestQueue
from tests.conftest import wipe
from tests.utils.graph_dump import customers_by_identifiers, differences, graph_dump
from tests.utils.households import event_file
from tests.utils.replay_events import journeys
from tests.utils.snapshot import snapshot


async def test_four_concurrent_writers_equal_one_serial_run(
    empty_graph: AsyncDriver, database: str
) -> None:
    events = journeys(40)
    serial = Pipeline(empty_graph, database)
    for start in range(0, len(events), 50):
        await serial.ingest(events[start : start + 50])
    expected = await snapshot(empty_graph, database, arrival_order=False)
    assert len(expected["customers"]) == 40

    await wipe(empty_graph, database)
    # four importers, each with an interleaved quarter of the same stream, plus replays
    slices = [events[i::4] for i in range(4)]

    async def writer(part: list[dict[str, object]]) -> None:
        pipeline = Pipeline(empty_graph, database)
        for start in range(0, len(part), 25):
            await pipeline.ingest(part[start : start + 25])

    await asyncio.gather(*(writer(part) for part in slices), writer(events[::7]))
    assert await snapshot(empty_graph, database, arrival_order=False) == expected
    records, _, _ = await empty_graph.execute_query(
        "MATCH (o:Order) WITH o.id AS id, count(*) AS n WHERE n > 1 RETURN count(id) AS dupes",
        database_=database,
    )
    assert records[0]["dupes"] == 0


SPLITS = int(os.environ.get("OMNIGRAPH_SPLIT_SEEDS", "6"))


class _Watched(Pipeline):
    """The real pipeline, noting how many batches it was writing at once."""

    writing = 0
    most = 0

    async def write(self, prepared: Prepared) -> list[IngestResult]:
        _Watched.writing += 1
        _Watched.most = max(_Watched.most, _Watched.writing)
        try:
            return await super().write(prepared)
        finally:
            _Watched.writing -= 1


@pytest.mark.parametrize("seed", range(SPLITS))
async def test_random_splits_over_concurrent_writers_equal_one_serial_run(
    seed: int, empty_graph: AsyncDriver, database: str
) -> None:
    """The same households' events, shuffled and split at random over 2-8 callers of one queue
    that writes several batches at once, end in the graph of one serial run by `at`. Most calls
    carry the households of their caller (channel systems with customers of their own), some
    anyone's; shuffled, each one's events come before what they depend on."""
    events = event_file(1000 + seed) + event_file(2000 + seed)
    serial = Pipeline(empty_graph, database)
    ordered = sorted(events, key=lambda e: e["at"])
    for start in range(0, len(ordered), 40):
        await serial.ingest(ordered[start : start + 40])
    expected = customers_by_identifiers(await graph_dump(empty_graph, database))
    await wipe(empty_graph, database)

    rng = random.Random(seed)
    shuffled = events[:]
    rng.shuffle(shuffled)
    count = rng.randint(2, 8)
    homes = {household: rng.randrange(count) for household in map(_household, events)}
    mine: list[list[dict[str, Any]]] = [[] for _ in range(count)]
    for event in shuffled:
        mine[homes[_household(event)] if rng.random() < 0.8 else rng.randrange(count)].append(event)
    callers: list[list[list[dict[str, Any]]]] = [[] for _ in range(count)]
    for calls, part in zip(callers, mine, strict=True):
        position = 0
        while position < len(part):
            size = rng.randint(1, 30)
            calls.append(part[position : position + size])
            position += size
    queue = IngestQueue(
        _Watched(empty_graph, database), limit=rng.choice([10, 50, 1000]),
        writers=rng.randint(2, 4), ahead=rng.randint(0, 2),
    )  # fmt: skip
    _Watched.most = 0

    async def caller(calls: list[list[dict[str, Any]]]) -> None:
        for call in calls:
            results = await queue.submit(call)
            assert [r.event_id for r in results] == [e["eventId"] for e in call]
            assert not [r for r in results if r.status == "REJECTED"], results

    await asyncio.gather(*(caller(calls) for calls in callers))
    actual = customers_by_identifiers(await graph_dump(empty_graph, database))
    assert actual == expected, differences(actual, expected, limit=20)
    assert _Watched.most >= 2, "the batches were never written at once: nothing was tested"


def _household(event: dict[str, Any]) -> str:
    return "-".join(event["eventId"].split("-")[:2])  # c<seed>-<household>-<member>-<n>

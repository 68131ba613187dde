"""Several writers at once end with the same graph as one serial run."""

from __future__ import annotations

import asyncio

from neo4j import AsyncDriver

from graph.ingest.pipeline import Pipeline
from tests.conftest import wipe
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

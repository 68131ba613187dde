"""A batch of a thousand events builds the same graph as the same events one by one.

The pipeline plans a whole batch in memory and writes it with one statement; this is the proof
that the plan plays events exactly as one transaction per event would.
"""

from __future__ import annotations

from neo4j import AsyncDriver

from graph.ingest.pipeline import Pipeline
from graph.seed.events import generate_events
from tests.conftest import wipe
from tests.utils.graph_dump import differences, graph_dump


async def test_one_batch_equals_one_transaction_per_event(
    empty_graph: AsyncDriver, database: str
) -> None:
    events = generate_events(8, seed=5)
    one_by_one = await Pipeline(empty_graph, database, batch=1).ingest(events)
    expected = await graph_dump(empty_graph, database)

    await wipe(empty_graph, database)
    batched = await Pipeline(empty_graph, database).ingest(events)
    assert [r.as_json() for r in batched] == [r.as_json() for r in one_by_one]
    actual = await graph_dump(empty_graph, database)
    assert actual == expected, differences(actual, expected)

"""A shuffled replay over concurrent writers and both doors ends in the serial run's graph.

For each seed, a random event file of a few households is generated: two people share each
family tablet, carts are filled from phone and tablet and checked out, orders move through their
steps in the store, points are earned and redeemed, traits and consents change. The file is
applied once serially, sorted by `at`, and dumped whole (`tests/utils/graph_dump.py`); then the
same events, shuffled, are sent by four concurrent writers in small calls, each call through
`ingestEvents` or `POST /events` at random, and the graph is dumped again. The two dumps must be
equal.

One thing is normalised, because the contract makes it depend on arrival: a customer's id is
minted from the first of the person's events to arrive, so customers are compared by the
identifiers they hold (`customers_by_identifiers`). Every event carries its person's
`CUSTOMER_ID`: where a profile goes when the only link is a shared device (rule 2, "none"), and
which profiles a later event merges, do depend on arrival by contract, and are left to
`test_family_tablet.py`, `test_identity_rules.py` and `test_identity_merges.py`.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
from typing import Any

import pytest
from neo4j import AsyncDriver

from graph.ingest.pipeline import Pipeline
from tests.conftest import wipe
from tests.utils.graph_dump import customers_by_identifiers, differences, graph_dump
from tests.utils.graphql import GraphQLClient
from tests.utils.households import event_file

SEEDS = int(os.environ.get("OMNIGRAPH_SHUFFLE_SEEDS", "16"))
WRITERS = 4

INGEST = """mutation($events: [EventInput!]!) { ingestEvents(events: $events) {
    eventId status error { code field message } } }"""


async def _serial(driver: AsyncDriver, database: str, events: list[dict[str, Any]]) -> None:
    pipeline = Pipeline(driver, database)
    ordered = sorted(events, key=lambda e: e["at"])
    for start in range(0, len(ordered), 40):
        await pipeline.ingest(ordered[start : start + 40])


async def _shuffled(client: GraphQLClient, events: list[dict[str, Any]], seed: int) -> set[str]:
    """Four writers, small calls, each through one of the two doors; the statuses answered."""
    rng = random.Random(seed * 7919)
    shuffled = events[:]
    rng.shuffle(shuffled)
    calls: list[list[list[dict[str, Any]]]] = [[] for _ in range(WRITERS)]
    position = 0
    while position < len(shuffled):
        size = rng.randint(1, 6)
        calls[rng.randrange(WRITERS)].append(shuffled[position : position + size])
        position += size
    doors = {id(call): rng.random() < 0.5 for writer in calls for call in writer}
    statuses: set[str] = set()

    async def writer(mine: list[list[dict[str, Any]]]) -> None:
        async with client.http() as http:
            for call in mine:
                if doors[id(call)]:
                    results = (await client.data(INGEST, {"events": call}))["ingestEvents"]
                else:
                    response = await http.post("/events", json=call)
                    assert response.status_code == 200, response.text
                    results = [json.loads(line) for line in response.text.splitlines()]
                assert len(results) == len(call)
                statuses.update(r["status"] for r in results)
                assert not [r for r in results if r["status"] == "REJECTED"], results

    await asyncio.gather(*(writer(mine) for mine in calls))
    return statuses


@pytest.mark.parametrize("seed", range(SEEDS))
async def test_a_shuffled_replay_over_writers_and_doors_ends_in_the_serial_graph(
    seed: int, client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    events = event_file(seed)
    await _serial(empty_graph, database, events)
    serial = customers_by_identifiers(await graph_dump(empty_graph, database))
    await wipe(empty_graph, database)

    statuses = await _shuffled(client, events, seed)
    shuffled = customers_by_identifiers(await graph_dump(empty_graph, database))
    assert shuffled == serial, differences(shuffled, serial, limit=20)
    assert "APPLIED" in statuses
    # the shuffle did put things before what they depend on (the property is not vacuous)
    assert "PENDING" in statuses, statuses

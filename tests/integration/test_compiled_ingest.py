"""`ingestEvents` answers the same on both paths: same document, same events, same role, on the
same (empty) graph, byte-identical HTTP answers and statuses. The compiled door
(`resolvers/compiled/ingest.py`) must have served every call it covers; the calls it leaves to
the interpreted path (events graphql-core refuses, a role that may not ingest) and the failure it
hands over (too many events) must be worded as before.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from neo4j import AsyncDriver

from bench.run import w1_bodies
from gateway.app import create_app
from gateway.settings import Settings
from graph.metrics import exposition
from resolvers.principal import Role
from schema import build_schema
from tests.conftest import wipe
from tests.utils.graphql import GraphQLClient

EVERYTHING = """mutation Send($events: [EventInput!]!) {
  sent: ingestEvents(events: $events) {
    __typename eventId status customerId mergedCustomerIds warnings
    error { __typename code field message } why: reason { code field message } } }"""

W1 = """mutation($events: [EventInput!]!) {
  ingestEvents(events: $events) { eventId status error { code field message } } }"""

ANA = {"type": "EMAIL", "value": "ana.lima@example.com"}


def visit(event_id: str, day: int, ids: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {
        "eventId": event_id, "type": "interaction", "at": f"2026-03-{day:02d}T10:00:00Z",
        "channel": "WEB", "identifiers": ids or [ANA], "interaction": {"kind": "PAGE_VIEW"},
    }  # fmt: skip


def loyalty(event_id: str, day: int, action: str, points: Any) -> dict[str, Any]:
    return {
        "eventId": event_id, "type": "loyalty", "at": f"2026-03-{day:02d}T10:00:00Z",
        "channel": "STORE", "identifiers": [ANA], "loyalty": {"action": action, "points": points},
    }  # fmt: skip


JOURNEY = w1_bodies(2, seed=77_001)[0]["variables"]["events"]

SERVED = {
    "a household's journey, every event type": (EVERYTHING, JOURNEY),
    "the benchmark's document": (W1, JOURNEY[:40]),
    "a rejected event between two applied ones": (
        EVERYTHING,
        [
            visit("ev-1", 1),
            visit("ev-2", 2, [{"type": "EMAIL", "value": "rui@"}]),
            visit("ev-3", 3),
        ],
    ),
    "an event sent twice, and one that waits": (
        EVERYTHING,
        [
            loyalty("ev-1", 1, "EARN", 100),
            loyalty("ev-1", 1, "EARN", 100),
            loyalty("ev-2", 2, "REDEEM", 150.0),
        ],
    ),
}

LEFT = {
    "a channel no enum has": (EVERYTHING, [dict(visit("ev-1", 1), channel="web")]),
    "a field the input does not have": (EVERYTHING, [dict(visit("ev-1", 1), colour="red")]),
    "points that are not an Int": (EVERYTHING, [loyalty("ev-1", 1, "EARN", 2.5)]),
    "no events variable": (EVERYTHING, None),
}


def _clients(driver: AsyncDriver, settings: Settings) -> tuple[GraphQLClient, GraphQLClient]:
    compiled = GraphQLClient(driver, settings).as_role(Role.INGEST)
    interpreted = GraphQLClient(
        driver,
        settings,
        app=create_app(dataclasses.replace(settings, compiled_reads=False), driver),
    ).as_role(Role.INGEST)
    return compiled, interpreted


async def _post(client: GraphQLClient, document: str, events: Any) -> tuple[int, bytes]:
    variables = {} if events is None else {"events": events}
    async with client.http() as http:
        response = await http.post("/graphql", json={"query": document, "variables": variables})
    return response.status_code, response.content


def _interpreted_count() -> int:
    for line in exposition().splitlines():
        if line.startswith('omnigraph_reads_total{path="interpreted"}'):
            return int(line.split()[1])
    raise AssertionError("no interpreted count in /metrics")


async def _both(
    driver: AsyncDriver, database: str, settings: Settings, document: str, events: Any,
    role: Role = Role.INGEST,
) -> tuple[tuple[int, bytes], tuple[int, bytes], bool]:  # fmt: skip
    """Both paths' answers on an empty graph each, and whether the compiled one fell back."""
    compiled, interpreted = _clients(driver, settings)
    if role is not Role.INGEST:
        compiled, interpreted = compiled.as_role(role), interpreted.as_role(role)
    await wipe(driver, database)
    expected = await _post(interpreted, document, events)
    await wipe(driver, database)
    before = _interpreted_count()
    got = await _post(compiled, document, events)
    return expected, got, _interpreted_count() != before


@pytest.mark.parametrize("case", list(SERVED))
async def test_the_compiled_door_answers_as_the_interpreted_path(
    case: str, neo4j_driver: AsyncDriver, database: str, settings: Settings
) -> None:
    document, events = SERVED[case]
    expected, got, fell_back = await _both(neo4j_driver, database, settings, document, events)
    assert expected[0] == 200 and b'"errors"' not in expected[1]
    assert got == expected
    assert not fell_back, "the compiled door should have served this call"


async def test_the_journey_is_applied_whole_on_the_compiled_door(
    neo4j_driver: AsyncDriver, database: str, settings: Settings
) -> None:
    import orjson

    _, (status, body), _ = await _both(neo4j_driver, database, settings, EVERYTHING, JOURNEY)
    results = orjson.loads(body)["data"]["sent"]
    assert status == 200 and len(results) == len(JOURNEY) > 20
    assert {r["status"] for r in results} == {"APPLIED"}
    assert {e["type"] for e in JOURNEY} >= {"identify", "order", "interaction"}


@pytest.mark.parametrize("case", list(LEFT))
async def test_events_graphql_refuses_are_worded_by_the_interpreted_path(
    case: str, neo4j_driver: AsyncDriver, database: str, settings: Settings
) -> None:
    document, events = LEFT[case]
    expected, got, fell_back = await _both(neo4j_driver, database, settings, document, events)
    assert b'"errors"' in expected[1]
    assert got == expected
    assert fell_back


async def test_a_role_that_may_not_ingest_is_refused_alike(
    neo4j_driver: AsyncDriver, database: str, settings: Settings
) -> None:
    expected, got, fell_back = await _both(
        neo4j_driver, database, settings, W1, [visit("ev-1", 1)], role=Role.AGENT
    )
    assert b"FORBIDDEN" in expected[1]
    assert got == expected and fell_back
    records, _, _ = await neo4j_driver.execute_query(
        "MATCH (e:IngestedEvent) RETURN count(e) AS n", database_=database
    )
    assert records[0]["n"] == 0, "a refused call wrote nothing"


async def test_a_failure_of_the_pipeline_is_reported_alike(
    neo4j_driver: AsyncDriver, database: str, settings: Settings
) -> None:
    """Too many events: the pipeline refuses the call; the compiled door hands the failure to
    the interpreted path, which reports it with its path and code."""
    events = [visit(f"ev-{n}", 1) for n in range(1001)]
    schema = build_schema(compiled=True)
    assert schema.compiled_ingest is not None
    assert schema.compiled_ingest.prepare(W1, {"events": events}, None) is not None
    expected, got, _ = await _both(neo4j_driver, database, settings, W1, events)
    assert b"at most 1000 events per call" in expected[1]
    assert got == expected

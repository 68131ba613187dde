"""Two people on one family tablet stay two customers, at every door and in any arrival order.

EVENTS.md, identity rule 2 ("none"): a customer reached only through a shared device takes the
event only if it can take every person identifier the event carries; otherwise the event starts
a profile of its own, and a person identifier is never dropped because the tablet led elsewhere.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from neo4j import AsyncDriver

from gateway.settings import Settings
from tests.conftest import wipe
from tests.utils.graph_dump import differences, graph_dump
from tests.utils.graphql import GraphQLClient

INGEST = """mutation($events: [EventInput!]!) { ingestEvents(events: $events) {
    eventId status customerId warnings error { code } } }"""

WHO = """query($type: IdentifierType!, $value: String!) {
  customerByIdentifier(type: $type, value: $value) {
    id givenName identifiers { type value } devices { id }
    interactions { totalCount }
} }"""

TABLET = {"id": "dev-family-tablet", "kind": "TABLET"}


def identify(event_id: str, day: int, name: str, *ids: tuple[str, str]) -> dict[str, Any]:
    return {
        "eventId": event_id,
        "type": "identify",
        "at": f"2026-03-{day:02d}T20:00:00Z",
        "channel": "MOBILE_APP",
        "identifiers": [{"type": t, "value": v} for t, v in ids],
        "device": TABLET,
        "traits": {"givenName": name},
    }


HENRY = [
    identify("henry-1", 1, "Henry", ("CUSTOMER_ID", "c-henry"), ("EMAIL", "henry@example.com")),
]
WILLOW = [
    # her first event on the tablet: her own account, then her e-mail and loyalty card
    identify("willow-1", 2, "Willow", ("CUSTOMER_ID", "c-willow"), ("EMAIL", "willow@example.com")),
    identify("willow-2", 3, "Willow", ("CUSTOMER_ID", "c-willow"), ("LOYALTY_ID", "LN-0042")),
]

Door = Callable[[GraphQLClient, list[dict[str, Any]]], Awaitable[None]]


async def one_call_each(client: GraphQLClient, events: list[dict[str, Any]]) -> None:
    for raw in events:
        (result,) = (await client.data(INGEST, {"events": [raw]}))["ingestEvents"]
        assert result["status"] == "APPLIED" and result["warnings"] == [], result


async def one_call(client: GraphQLClient, events: list[dict[str, Any]]) -> None:
    results = (await client.data(INGEST, {"events": events}))["ingestEvents"]
    assert [(r["status"], r["warnings"]) for r in results] == [("APPLIED", [])] * len(events)


async def post_events(client: GraphQLClient, events: list[dict[str, Any]]) -> None:
    async with client.http() as http:
        response = await http.post("/events", json=events)
    results = [json.loads(line) for line in response.text.splitlines()]
    assert [(r["status"], r["warnings"]) for r in results] == [("APPLIED", [])] * len(events)


ORDERS = {
    "henry first": HENRY + WILLOW,
    "willow first": WILLOW + HENRY,
    "interleaved": [WILLOW[0], *HENRY, WILLOW[1]],
}


async def facts(driver: AsyncDriver, database: str) -> dict[str, Any]:
    """The graph without the audit trail of the staff reads the test makes."""
    dump = await graph_dump(driver, database)
    audit = {key for key in dump["nodes"] if key.startswith("AuditRecord:")}
    dump["nodes"] = {k: v for k, v in dump["nodes"].items() if k not in audit}
    return dump


async def people(client: GraphQLClient) -> dict[str, Any]:
    found = {}
    for kind, value in [("EMAIL", "henry@example.com"), ("EMAIL", "willow@example.com"),
                        ("CUSTOMER_ID", "c-willow"), ("LOYALTY_ID", "LN-0042")]:  # fmt: skip
        customer = (await client.data(WHO, {"type": kind, "value": value}))["customerByIdentifier"]
        assert customer is not None, f"nobody has {value}"
        found[value] = customer
    return found


@pytest.mark.parametrize("door", [one_call_each, one_call, post_events])
async def test_willow_is_never_henry_whatever_the_door_and_the_order(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str, door: Door
) -> None:
    dumps = {}
    for name, events in ORDERS.items():
        await wipe(empty_graph, database)
        await door(client, events)
        found = await people(client)
        henry, willow = found["henry@example.com"], found["willow@example.com"]
        assert henry["id"] != willow["id"], f"{name}: Willow became Henry"
        assert (henry["givenName"], willow["givenName"]) == ("Henry", "Willow"), name
        assert {(i["type"], i["value"]) for i in willow["identifiers"]} == {
            ("CUSTOMER_ID", "c-willow"), ("EMAIL", "willow@example.com"),
            ("LOYALTY_ID", "LN-0042"), ("DEVICE_ID", "dev-family-tablet"),
        }, f"{name}: every person identifier of Willow's is hers, none dropped"  # fmt: skip
        assert {(i["type"], i["value"]) for i in henry["identifiers"]} == {
            ("CUSTOMER_ID", "c-henry"), ("EMAIL", "henry@example.com"),
            ("DEVICE_ID", "dev-family-tablet"),
        }, name  # fmt: skip
        assert found["c-willow"]["id"] == found["LN-0042"]["id"] == willow["id"]
        assert henry["devices"] == willow["devices"] == [{"id": "dev-family-tablet"}]
        dumps[name] = await facts(empty_graph, database)
    serial = dumps["henry first"]
    for name, dump in dumps.items():
        assert dump == serial, (name, differences(dump, serial))


async def test_the_import_door_agrees(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str, settings: Settings,
    tmp_path: Path,
) -> None:  # fmt: skip
    await post_events(client, HENRY + WILLOW)
    expected = await facts(empty_graph, database)
    await wipe(empty_graph, database)
    source = tmp_path / "family.jsonl"
    source.write_text("\n".join(json.dumps(e) for e in WILLOW + HENRY) + "\n")
    env = {**os.environ, "NEO4J_URI": settings.neo4j_uri, "NEO4J_USER": settings.neo4j_user,
           "NEO4J_PASSWORD": settings.neo4j_password, "NEO4J_DATABASE": settings.neo4j_database}  # fmt: skip
    run = subprocess.run(
        [sys.executable, "-m", "gateway.cli", "import", str(source), "--no-progress"],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    dump = await facts(empty_graph, database)
    assert dump == expected, differences(dump, expected)


async def test_a_person_the_tablet_owner_can_hold_is_still_the_owner(
    client: GraphQLClient,
) -> None:
    """The other half of the rule: Henry's new phone on his tablet is Henry's."""
    await one_call_each(client, HENRY)
    await one_call_each(client, [identify("henry-2", 4, "Henry", ("PHONE", "+351912000111"))])
    found = await client.data(WHO, {"type": "PHONE", "value": "+351912000111"})
    assert found["customerByIdentifier"]["givenName"] == "Henry"
    assert found["customerByIdentifier"]["interactions"]["totalCount"] == 0

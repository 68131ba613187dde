"""Valid-looking events that no layer can hold are rejected alone, at every door (issue 15, 1).

An integer past what Neo4j or GraphQL's `Int` holds, a time that leaves the calendar once in UTC,
NUL bytes, a megabyte of sizes: each is rejected with its field and reason, the events around it
apply, and the graph ends exactly as if the bad ones had never been sent.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from neo4j import AsyncDriver

from gateway.settings import Settings
from graph.ingest.events import Event
from graph.ingest.pipeline import Pipeline
from graph.ingest.validate import parse_event
from tests.conftest import wipe
from tests.utils.graph_dump import differences, graph_dump
from tests.utils.graphql import GraphQLClient

INGEST = """mutation($events: [EventInput!]!) { ingestEvents(events: $events) {
    eventId status error { code field message } } }"""

ANA_360 = """query { customerByIdentifier(type: EMAIL, value: "ana.lima@example.com") {
  givenName birthDate sizes loyalty { points }
  cart { items { sku quantity } }
  orders { edges { node { id lines { quantity } } } }
} }"""

ANA = {"type": "EMAIL", "value": "ana.lima@example.com"}


def event(event_id: str, kind: str, day: int, **rest: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "eventId": event_id,
        "type": kind,
        "at": f"2026-03-{day:02d}T10:00:00Z",
        "channel": "WEB",
        "identifiers": [ANA],
    }
    raw.update(rest)
    return raw


def earn(event_id: str, day: int, points: int) -> dict[str, Any]:
    return event(event_id, "loyalty", day, loyalty={"action": "EARN", "points": points})


def placed(event_id: str, day: int, quantity: int) -> dict[str, Any]:
    line = {"sku": "JKT-100", "quantity": quantity, "unitPrice": 120.0}
    body = {"orderId": f"ord-{event_id}", "status": "PLACED", "currency": "EUR", "total": 120.0,
            "lines": [line]}  # fmt: skip
    return event(event_id, "order", day, order=body)


def added(event_id: str, day: int, quantity: int) -> dict[str, Any]:
    cart = {"action": "ADD", "sku": "SCF-020", "quantity": quantity, "unitPrice": 35.5}
    return event(event_id, "cart", day, cart=cart)


def identify(event_id: str, day: int, **traits: Any) -> dict[str, Any]:
    return event(event_id, "identify", day, traits=traits)


# Ana's good events, and between them the poison, each with the field it is rejected on.
GOOD = [
    identify("good-1", 1, givenName="Ana", birthDate="1990-03-12", sizes={"jacket": "M"}),
    earn("good-2", 2, 120),
    placed("good-3", 3, 2),
    added("good-4", 4, 1),
    earn("good-5", 5, 30),
]
POISON = [
    (earn("bad-points", 2, 2**63), "loyalty.points"),
    (earn("bad-points-32", 2, 3_000_000_000), "loyalty.points"),
    (placed("bad-quantity", 3, 2**63), "order.lines[0].quantity"),
    (placed("bad-quantity-32", 3, 3_000_000_000), "order.lines[0].quantity"),
    (added("bad-cart", 4, 2**64 + 1), "cart.quantity"),
    ({**earn("bad-late", 4, 5), "at": "9999-12-31T23:59:59-05:00"}, "at"),
    ({**earn("bad-early", 4, 5), "at": "0001-01-01T00:00:00+05:00"}, "at"),
    ({**earn("bad-future", 4, 5), "at": "2999-01-01T00:00:00Z"}, "at"),
    (identify("bad-birth", 4, birthDate="0001-01-01"), "traits.birthDate"),
    (identify("bad-birth-2", 4, birthDate="9999-12-31"), "traits.birthDate"),
    (identify("bad-nul", 4, givenName="An\x00a"), "traits.givenName"),
    (
        event(
            "bad-nul-id",
            "interaction",
            4,
            identifiers=[{"type": "COOKIE_ID", "value": "ck\x00"}],
            interaction={"kind": "PAGE_VIEW"},
        ),
        "identifiers[0].value",
    ),
    (identify("bad-size", 4, sizes={"jacket": "M" * 1_000_000}), "traits.sizes.jacket"),
    (identify("bad-keys", 4, sizes={f"k{n}": "M" for n in range(50_000)}), "traits.sizes"),
    (
        event(
            "bad-ids",
            "interaction",
            4,
            interaction={"kind": "PAGE_VIEW"},
            identifiers=[{"type": "COOKIE_ID", "value": f"ck-{n}"} for n in range(100_000)],
        ),
        "identifiers",
    ),
    (
        event(
            "bad-duration", "interaction", 4, interaction={"kind": "CALL", "durationSeconds": 2**63}
        ),
        "interaction.durationSeconds",
    ),
    (
        event(
            "bad-total",
            "order",
            4,
            order={
                "orderId": "ord-x",
                "status": "PLACED",
                "currency": "EUR",
                "total": 1e308,
                "lines": [{"sku": "A", "quantity": 1, "unitPrice": 1.0}],
            },
        ),
        "order.total",
    ),
]


def interleaved() -> list[dict[str, Any]]:
    """Ana's good events with the poison in between."""
    mixed: list[dict[str, Any]] = []
    for index, good in enumerate(GOOD):
        mixed.append(good)
        mixed.extend(raw for raw, _ in POISON[index :: len(GOOD)])
    return mixed


def assert_rejected_alone(results: list[dict[str, Any]]) -> None:
    by_id = {r["eventId"]: r for r in results}
    assert {g["eventId"]: by_id[g["eventId"]]["status"] for g in GOOD} == {
        g["eventId"]: "APPLIED" for g in GOOD
    }
    for raw, field in POISON:
        result = by_id[raw["eventId"]]
        assert result["status"] == "REJECTED", result
        assert (result["error"]["code"], result["error"]["field"]) == ("INVALID_FIELD", field)
        assert result["error"]["message"]


async def reference(driver: AsyncDriver, database: str) -> dict[str, Any]:
    """The graph of Ana's good events alone, then wiped for the door under test."""
    await wipe(driver, database)
    results = await Pipeline(driver, database).ingest(GOOD)
    assert {r.status for r in results} == {"APPLIED"}
    dump = await graph_dump(driver, database)
    await wipe(driver, database)
    return dump


async def assert_ana_readable(client: GraphQLClient) -> None:
    ana = (await client.data(ANA_360))["customerByIdentifier"]
    assert ana["givenName"] == "Ana" and ana["birthDate"] == "1990-03-12"
    assert ana["sizes"] == {"jacket": "M"}
    assert ana["loyalty"]["points"] == 150
    assert ana["cart"]["items"] == [{"sku": "SCF-020", "quantity": 1}]
    assert [e["node"]["lines"] for e in ana["orders"]["edges"]] == [[{"quantity": 2}]]


async def test_post_events_rejects_each_poison_alone(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    clean = await reference(empty_graph, database)
    body = "\n".join(json.dumps(raw) for raw in interleaved())
    async with client.http() as http:
        response = await http.post(
            "/events", content=body, headers={"Content-Type": "application/x-ndjson"}
        )
    assert response.status_code == 200, response.text
    assert_rejected_alone([json.loads(line) for line in response.text.splitlines()])
    after = await graph_dump(empty_graph, database)
    assert after == clean, differences(after, clean)
    await assert_ana_readable(client)


async def test_ingest_events_rejects_each_poison_alone(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    clean = await reference(empty_graph, database)
    # what reaches the resolver: GraphQL's `Int` refuses 2^31 and more, the edge bodies of 1 MiB
    fits = [
        raw for raw in interleaved() if not _has_big_int(raw) and len(json.dumps(raw)) < 100_000
    ]
    results = (await client.data(INGEST, {"events": fits}))["ingestEvents"]
    by_id = {r["eventId"]: r for r in results}
    for raw, field in POISON:
        if raw in fits:
            assert by_id[raw["eventId"]]["status"] == "REJECTED"
            assert by_id[raw["eventId"]]["error"]["field"] == field
    assert [by_id[g["eventId"]]["status"] for g in GOOD] == ["APPLIED"] * len(GOOD)
    after = await graph_dump(empty_graph, database)
    assert after == clean, differences(after, clean)
    await assert_ana_readable(client)


def _has_big_int(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_big_int(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_big_int(v) for v in value)
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**31 - 1


async def test_an_import_goes_past_every_bad_line_and_a_rerun_applies_nothing_twice(
    empty_graph: AsyncDriver, database: str, settings: Settings, tmp_path: Path
) -> None:
    clean = await reference(empty_graph, database)
    mixed = interleaved()
    source = tmp_path / "events.jsonl"
    source.write_text("\n".join(json.dumps(raw) for raw in mixed) + "\n")
    env = {**os.environ, "NEO4J_URI": settings.neo4j_uri, "NEO4J_USER": settings.neo4j_user,
           "NEO4J_PASSWORD": settings.neo4j_password, "NEO4J_DATABASE": settings.neo4j_database}  # fmt: skip
    command = [sys.executable, "-m", "gateway.cli", "import", str(source), "--no-progress",
               "--batch-size", "4"]  # fmt: skip

    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 1, first.stderr  # rejected lines fail the import, no traceback
    assert "Traceback" not in first.stderr
    line_of = {raw["eventId"]: n for n, raw in enumerate(mixed, start=1)}
    for raw, field in POISON:
        assert f"line {line_of[raw['eventId']]}: INVALID_FIELD {field}:" in first.stderr
    assert f"{len(GOOD)} applied, 0 duplicate, {len(POISON)} rejected" in first.stdout
    after = await graph_dump(empty_graph, database)
    assert after == clean, differences(after, clean)

    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert f"0 applied, {len(GOOD)} duplicate, {len(POISON)} rejected" in again.stdout
    assert await graph_dump(empty_graph, database) == clean


async def test_a_balance_never_passes_what_a_balance_holds(client: GraphQLClient) -> None:
    earns = [earn(f"earn-{n}", 1 + n % 20, 10_000_000) for n in range(51)]
    results = (await client.data(INGEST, {"events": earns}))["ingestEvents"]
    assert [r["status"] for r in results] == ["APPLIED"] * 50 + ["REJECTED"]
    assert results[-1]["error"]["field"] == "loyalty.points"
    ana = (await client.data(ANA_360))["customerByIdentifier"]
    assert ana["loyalty"]["points"] == 500_000_000


async def test_a_cart_line_adds_up_to_its_limit_and_stays_readable(client: GraphQLClient) -> None:
    adds = [added(f"add-{n}", 1 + n, 9_000) for n in range(3)]
    results = (await client.data(INGEST, {"events": adds}))["ingestEvents"]
    assert [r["status"] for r in results] == ["APPLIED"] * 3
    ana = (await client.data(ANA_360))["customerByIdentifier"]
    assert ana["cart"]["items"] == [{"sku": "SCF-020", "quantity": 10_000}]


async def test_an_event_the_graph_refuses_is_rejected_alone(
    empty_graph: AsyncDriver, database: str
) -> None:
    """Defence in depth: an event that passed validation and still cannot be written (here a
    value forced past validation) is rejected INTERNAL; the events of its batch apply."""
    parsed = [parse_event(raw) for raw in GOOD]
    events = [e for e in parsed if isinstance(e, Event)]
    order = events[2].payload
    lines = [{**order["lines"][0], "quantity": 2**63}]
    forced = replace(
        events[2], event_id="forced", payload={**order, "orderId": "o-9", "lines": lines}
    )
    results = await Pipeline(empty_graph, database).apply([events[0], forced, *events[1:]])
    assert [(r.event_id, r.status) for r in results] == [
        ("good-1", "APPLIED"), ("forced", "REJECTED"), ("good-2", "APPLIED"),
        ("good-3", "APPLIED"), ("good-4", "APPLIED"), ("good-5", "APPLIED"),
    ]  # fmt: skip
    assert results[1].error is not None and results[1].error.code == "INTERNAL"

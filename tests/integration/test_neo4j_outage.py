"""Neo4j dies while events come in through both doors, then comes back (issue 15, 8).

The test runs a Neo4j of its own (never the suite's) and a real gateway process over it. While
Neo4j is down, every door answers 503 with `Retry-After` instead of hanging or a plain-text 500,
and `/readyz` says so at once. Once Neo4j is back the same gateway process serves reads and
writes again by itself; the events the senders resend on 503 end in the graph exactly once: the
graph equals one clean run of the same events.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from neo4j import AsyncDriver

from gateway.settings import Settings
from gateway.tokens import mint_token
from graph.driver import open_driver
from graph.ingest.pipeline import Pipeline
from graph.local_neo4j import LocalNeo4j
from graph.migrations import migrate
from resolvers.principal import Role
from tests.utils.gateway_process import gateway_env, serving
from tests.utils.graph_dump import differences, graph_dump
from tests.utils.replay_events import journeys

ROOT = Path(__file__).resolve().parents[2]
GATEWAY_PORT = 8151  # this worktree's range
PASSWORD = "omnigraph-outage"
SOON = 5.0  # "within a couple of seconds", with room for a busy machine: a bound, not a speed

INGEST = """mutation($events: [EventInput!]!) { ingestEvents(events: $events) {
    eventId status error { code } } }"""
READ = """query { customerByIdentifier(type: EMAIL, value: "person0.web@example.com") {
    id orders { totalCount } } }"""


@pytest.fixture
async def own_neo4j(tmp_path: Path, settings: Settings) -> AsyncIterator[LocalNeo4j]:
    """A Neo4j this test may kill: its own data, a port of its own, the suite's jars."""
    home = tmp_path / "neo4j"
    home.mkdir()
    (home / "lib").symlink_to(ROOT / ".neo4j" / "lib", target_is_directory=True)
    (home / "lib.stamp").write_text((ROOT / ".neo4j" / "lib.stamp").read_text())
    port = int(os.environ.get("OMNIGRAPH_TEST_NEO4J_PORT", "7691")) + 50
    server = LocalNeo4j(home=home, port=port, password=PASSWORD, heap="512m", pagecache="64m")
    await asyncio.to_thread(server.start)
    try:
        driver = open_driver(server.uri, "neo4j", PASSWORD)
        try:
            await migrate(driver, "neo4j")
        finally:
            await driver.close()
        yield server
    finally:
        await asyncio.to_thread(server.stop)


def crash(server: LocalNeo4j) -> None:
    pid = server.pid()
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):  # started by this process: reap it
        os.waitpid(pid, 0)
    server.pid_file.unlink(missing_ok=True)


async def post_events(http: httpx.AsyncClient, events: list[Any]) -> httpx.Response:
    body = "\n".join(json.dumps(e) for e in events)
    return await http.post(
        "/events", content=body, headers={"Content-Type": "application/x-ndjson"}, timeout=120
    )


async def ingest_events(http: httpx.AsyncClient, events: list[Any]) -> httpx.Response:
    return await http.post("/graphql", json={"query": INGEST, "variables": {"events": events}},
                           timeout=120)  # fmt: skip


def acknowledged(response: httpx.Response) -> set[str]:
    """The events a 200 answer says are in the graph."""
    if response.status_code != 200:
        return set()
    if response.headers["content-type"].startswith("application/x-ndjson"):
        results = [json.loads(line) for line in response.text.splitlines()]
    else:
        results = response.json()["data"]["ingestEvents"]
    assert all(r["status"] in ("APPLIED", "DUPLICATE") for r in results), results
    return {r["eventId"] for r in results}


def assert_unavailable(response: httpx.Response, elapsed: float) -> None:
    assert response.status_code == 503, response.text
    assert int(response.headers["retry-after"]) >= 1
    assert response.headers["content-type"].startswith("application/json")
    assert "UNAVAILABLE" in response.text
    assert elapsed < SOON, f"answered after {elapsed:.1f} s"


async def timed(call: Any) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = await call
    return response, time.monotonic() - started


async def test_both_doors_answer_503_while_neo4j_is_down_and_lose_nothing(
    own_neo4j: LocalNeo4j, settings: Settings, empty_graph: AsyncDriver, database: str
) -> None:
    web, app, later = journeys(30, "web"), journeys(30, "app"), journeys(5, "late")
    env = gateway_env(settings, NEO4J_URI=own_neo4j.uri, NEO4J_PASSWORD=PASSWORD,
                      NEO4J_DATABASE="neo4j")  # fmt: skip
    token = mint_token(settings, Role.ADMIN, subject="outage-admin")
    seen: set[str] = set()
    with serving(env, GATEWAY_PORT) as base:
        async with httpx.AsyncClient(
            base_url=base, headers={"Authorization": f"Bearer {token}"}
        ) as http:
            seen |= acknowledged(await post_events(http, web[:100]))
            seen |= acknowledged(await ingest_events(http, app[:100]))
            assert len(seen) == 200

            # Neo4j dies while both doors are writing
            sending = asyncio.gather(
                post_events(http, web[100:]), ingest_events(http, app[100:])
            )  # fmt: skip
            await asyncio.sleep(0.3)
            await asyncio.to_thread(crash, own_neo4j)
            in_flight = await sending
            for response in in_flight:
                assert response.status_code in (200, 503), response.text
                seen |= acknowledged(response)

            # while it is down: 503 and Retry-After at every door, at once
            response, elapsed = await timed(post_events(http, later))
            assert_unavailable(response, elapsed)
            response, elapsed = await timed(ingest_events(http, later))
            assert_unavailable(response, elapsed)
            response, elapsed = await timed(http.post("/graphql", json={"query": READ}))
            assert_unavailable(response, elapsed)
            assert response.json()["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
            response, elapsed = await timed(http.get("/readyz"))
            assert response.status_code == 503 and elapsed < SOON

            # Neo4j is back: the same gateway recovers by itself, for reads and writes alike
            await asyncio.to_thread(own_neo4j.start)
            deadline = time.monotonic() + 60
            while (await http.get("/readyz")).status_code != 200:
                assert time.monotonic() < deadline, "the gateway never became ready again"
                await asyncio.sleep(0.2)
            # (its statements are compiled again by the restarted Neo4j: not timed)
            response = await http.post("/graphql", json={"query": READ}, timeout=60)
            assert response.status_code == 200, response.text
            # the senders resend what was not acknowledged, as told by Retry-After: while the
            # gateway recompiles the ingestion statements it still answers 503 at once
            for door, events in ((post_events, web), (ingest_events, app), (post_events, later)):
                while True:
                    response, elapsed = await timed(door(http, events))
                    if response.status_code != 503:
                        break
                    assert elapsed < SOON and "retry-after" in response.headers
                    assert time.monotonic() < deadline + 120, "writes never recovered"
                    await asyncio.sleep(1)
                assert response.status_code == 200, response.text
                seen |= acknowledged(response)

            read = (await http.post("/graphql", json={"query": READ})).json()
            assert read["data"]["customerByIdentifier"]["orders"]["totalCount"] >= 1

    # every acknowledged event is in the graph, once: as one clean run of the same events
    assert seen == {e["eventId"] for e in web + app + later}
    driver = open_driver(own_neo4j.uri, "neo4j", PASSWORD)
    try:
        after = await graph_dump(driver, "neo4j")
    finally:
        await driver.close()
    for events in (web, app, later):
        await Pipeline(empty_graph, database).ingest(events)
    clean = await graph_dump(empty_graph, database)
    audit = {k for k in after["nodes"] | clean["nodes"] if k.startswith("AuditRecord:")}
    for dump in (after, clean):
        dump["nodes"] = {k: v for k, v in dump["nodes"].items() if k not in audit}
    assert after == clean, differences(after, clean)

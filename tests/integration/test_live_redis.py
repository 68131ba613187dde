"""Several gateway processes deliver the same live activity: they meet on Redis pub/sub.

The test starts a real `redis-server` (Debian's package: `scripts/ensure-redis.sh`) and two
`omnigraph serve` processes over the same Neo4j, subscribes on one and ingests through the other.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import sys
from pathlib import Path
from typing import Any

import httpx
import orjson
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

from gateway.settings import Settings
from gateway.tokens import mint_token
from resolvers.live.bus import RedisActivityBus
from resolvers.principal import Role
from tests.integration.test_journey import INGEST, replay
from tests.integration.test_live_updates import LISBON, STORE_FEED, check_in
from tests.utils.gateway_process import free_port, gateway_env, serving
from tests.utils.graphql import GraphQLClient
from tests.utils.live import WAIT

OMNIGRAPH = Path(sys.executable).with_name("omnigraph")
# how long a test waits for a cold gateway (its first ingestion compiles the batch statement)
SLOW = 120.0


async def test_two_buses_on_one_redis_hear_each_other(redis_url: str) -> None:
    here, there = RedisActivityBus(redis_url, "test"), RedisActivityBus(redis_url, "test")
    await there.start()
    try:
        async with there.subscribe({"store:s1"}) as feed:
            activity = {"eventId": "e1", "topics": ["customer:c1", "store:s1"], "kind": "CHECK_IN"}
            await here.publish([activity, {"eventId": "e2", "topics": ["store:s2"]}])
            await here.publish([{"eventId": "e3", "topics": ["store:s1"]}])
            received = [await asyncio.wait_for(anext(feed), WAIT) for _ in range(2)]
        assert [a["eventId"] for a in received] == ["e1", "e3"], "only its store's, in order"
        assert received[0] == activity
    finally:
        await here.close()
        await there.close()


def gateway(
    settings: Settings, redis_url: str, port: int
) -> contextlib.AbstractContextManager[str]:
    """`omnigraph serve` in a process of its own, on the shared Redis; its base URL once ready."""
    return serving(gateway_env(settings, REDIS_URL=redis_url), port)


def _ports() -> tuple[int, int]:
    base = os.environ.get("OMNIGRAPH_TEST_HTTP_PORT")
    return (int(base), int(base) + 1) if base else (free_port(), free_port())


async def _next(socket: ClientConnection, timeout: float) -> dict[str, Any]:
    message: dict[str, Any] = orjson.loads(await asyncio.wait_for(socket.recv(), timeout))
    assert message["type"] == "next", message
    return message["payload"]  # type: ignore[no-any-return]


async def test_an_event_ingested_through_one_gateway_reaches_a_subscriber_of_another(
    client: GraphQLClient, settings: Settings, redis_url: str
) -> None:
    await replay(client)
    associate = mint_token(settings, Role.ASSOCIATE, store_id=LISBON, subject="assoc-lisbon")
    admin = {"Authorization": f"Bearer {mint_token(settings, Role.ADMIN)}"}
    first, second = _ports()
    with (
        gateway(settings, redis_url, first) as watched,
        gateway(settings, redis_url, second) as fed,
    ):
        async with (
            connect(
                watched.replace("http", "ws") + "/graphql",
                subprotocols=[Subprotocol("graphql-transport-ws")],
            ) as socket,
            httpx.AsyncClient(base_url=fed, headers=admin, timeout=SLOW) as http,
        ):
            # the browser way: the token in connection_init
            init = {"type": "connection_init", "payload": {"Authorization": f"Bearer {associate}"}}
            await socket.send(orjson.dumps(init).decode())
            ack = orjson.loads(await asyncio.wait_for(socket.recv(), WAIT))
            assert ack["type"] == "connection_ack", ack
            subscription = {"query": STORE_FEED, "variables": {"id": LISBON}}
            await socket.send(
                orjson.dumps({"id": "1", "type": "subscribe", "payload": subscription}).decode()
            )

            async def ingest(event_id: str) -> None:
                body = {"query": INGEST, "variables": {"events": [check_in(event_id)]}}
                results = (await http.post("/graphql", json=body)).json()["data"]["ingestEvents"]
                assert results[0]["status"] == "APPLIED", results

            # the subscription registers in its own task: check in until the first arrives
            for attempt in range(int(WAIT)):
                await ingest(f"live-2p-probe-{attempt}")
                with contextlib.suppress(TimeoutError):
                    first_seen = await _next(socket, 1.0)
                    break
            else:
                raise AssertionError("no activity ever reached the other gateway")
            assert first_seen["data"]["storeActivity"]["eventId"].startswith("live-2p-probe-")

            await ingest("live-2p-final")
            while True:
                activity = (await _next(socket, WAIT))["data"]["storeActivity"]
                if activity["eventId"] == "live-2p-final":
                    break
                assert activity["eventId"].startswith("live-2p-probe-"), activity
    assert activity["kind"] == "CHECK_IN"
    assert activity["customer"] == {"id": activity["customerId"], "givenName": "Ana"}


async def test_omnigraph_import_tells_the_gateways_what_it_applied(
    client: GraphQLClient, settings: Settings, redis_url: str, tmp_path: Path
) -> None:
    await replay(client)
    events = tmp_path / "visits.jsonl"
    events.write_bytes(b"".join(orjson.dumps(check_in(f"live-import-{n}")) + b"\n" for n in (1, 2)))
    gateway_bus = RedisActivityBus(redis_url, settings.neo4j_database)
    await gateway_bus.start()
    try:
        async with gateway_bus.subscribe({f"store:{LISBON}"}) as feed:
            env = gateway_env(settings, REDIS_URL=redis_url)
            imported = await asyncio.create_subprocess_exec(
                str(OMNIGRAPH), "import", str(events), env=env,
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
            )  # fmt: skip
            output, _ = await asyncio.wait_for(imported.communicate(), SLOW)
            assert imported.returncode == 0, output.decode()
            seen = [(await asyncio.wait_for(anext(feed), WAIT))["eventId"] for _ in range(2)]
    finally:
        await gateway_bus.close()
    assert seen == ["live-import-1", "live-import-2"]


async def test_ingestion_goes_on_when_redis_is_down(
    client: GraphQLClient, settings: Settings
) -> None:
    await replay(client)
    nowhere = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    gateway = GraphQLClient(client.driver, dataclasses.replace(settings, redis_url=nowhere))
    results = (await gateway.data(INGEST, {"events": [check_in("live-no-redis")]}))["ingestEvents"]
    assert results[0]["status"] == "APPLIED", "the event is in the graph; only its news is lost"

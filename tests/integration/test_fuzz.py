"""A schemathesis GraphQL fuzz run against the live gateway: no input makes it fail (5xx, or an
`INTERNAL` or uncoded error: see `tests/fuzz/checks.py`).

The gateway runs as `omnigraph serve` in its own process, on the test Neo4j with the demo data;
schemathesis reads its schema by introspection and calls every query and mutation with generated
arguments, as an admin (who may reach every resolver). Mutations may write: the demo data is
marked stale afterwards so the next test that needs it seeds it again.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from neo4j import AsyncDriver

from gateway.settings import Settings
from gateway.tokens import mint_token
from resolvers.principal import Role
from tests.conftest import TEST_SECRET

EXAMPLES_PER_OPERATION = 25


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_until_up(url: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stdout.read() if server.stdout else "server exited"
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.3)
    raise AssertionError("the gateway did not start")


async def test_schemathesis_finds_no_server_error(
    demo_graph: AsyncDriver, settings: Settings, database: str
) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password,
        "NEO4J_DATABASE": database,
        "OMNIGRAPH_JWT_SECRET": TEST_SECRET,
        "OMNIGRAPH_RATE_LIMIT": "0",
        "SCHEMATHESIS_HOOKS": "tests.fuzz.checks",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gateway.cli", "serve", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        await asyncio.to_thread(_wait_until_up, url, server)
        token = mint_token(settings, Role.ADMIN, subject="fuzzer", ttl=1800)
        st = Path(sys.executable).with_name("st")
        run = await asyncio.to_thread(
            subprocess.run,
            [str(st), "run", f"{url}/graphql", "-H", f"Authorization: Bearer {token}",
             "--checks", "no_server_error", "-n", str(EXAMPLES_PER_OPERATION),
             "--seed", "4", "--workers", "1", "--no-color"],
            capture_output=True, text=True, timeout=900, check=False, env=env,
        )  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
        await demo_graph.execute_query("MATCH (m:Meta {name: 'demo'}) DELETE m", database_=database)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "No issues found" in run.stdout or "passed" in run.stdout.lower(), run.stdout[-2000:]

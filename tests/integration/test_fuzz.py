"""A schemathesis GraphQL fuzz run against the live gateway: no input makes it fail (5xx, or an
`INTERNAL` or uncoded error: see `tests/fuzz/checks.py`).

The gateway runs as `omnigraph serve` in its own process, on the test Neo4j with the demo data;
schemathesis reads its schema by introspection and calls every query and mutation with generated
arguments, as an admin (who may reach every resolver). Mutations may write: the demo data is
marked stale afterwards so the next test that needs it seeds it again.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from neo4j import AsyncDriver

from gateway.settings import Settings
from gateway.tokens import mint_token
from resolvers.principal import Role
from tests.utils.gateway_process import free_port, gateway_env, serving

EXAMPLES_PER_OPERATION = 25


async def test_schemathesis_finds_no_server_error(
    demo_graph: AsyncDriver, settings: Settings, database: str
) -> None:
    env = gateway_env(settings, SCHEMATHESIS_HOOKS="tests.fuzz.checks")
    try:
        with serving(env, free_port()) as url:
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
        await demo_graph.execute_query("MATCH (m:Meta {name: 'demo'}) DELETE m", database_=database)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "No issues found" in run.stdout or "passed" in run.stdout.lower(), run.stdout[-2000:]

"""Every example of the README runs verbatim on the demo data, against `omnigraph serve` started
by the test: each fenced GraphQL query finds something, and each fenced shell block runs in bash
(with `.venv/bin` on PATH, as the README says) and answers without an error.

The only change made to an example is the port: the README's gateway is on 8000, the test's on
one of its own. The blocks that cannot run here are listed in `CANNOT_RUN`, with why.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from neo4j import AsyncDriver

from gateway.settings import Settings
from gateway.tokens import mint_token
from resolvers.principal import Role
from tests.utils.gateway_process import gateway_env, serving
from tests.utils.people import ANA

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
GRAPHQL = re.findall(r"```graphql\n(.*?)```", README, re.DOTALL)
SHELL = re.findall(r"```sh\n(.*?)```", README, re.DOTALL)
# the first line of each block that cannot run in a test, and why
CANNOT_RUN = {
    "make demo": "it is the set-up this test runs inside (and serves on port 8000 until stopped)",
    "make bench": "benchmarks take minutes to hours and are never part of the tests",
}
PORTS = range(8130, 8140)


def _port() -> int:
    for port in PORTS:
        with socket.socket() as probe, contextlib.suppress(OSError):
            probe.bind(("127.0.0.1", port))
            return port
    raise AssertionError(f"no free port in {PORTS}")


@pytest.fixture(scope="module")
def gateway(settings: Settings) -> Iterator[str]:
    # a cold gateway compiles each example's Cypher on a machine shared with other work: the
    # transaction limit (a guard, not what is tested here) must not end the first run
    env = gateway_env(settings, OMNIGRAPH_ENV="development", OMNIGRAPH_QUERY_TIMEOUT="120")
    with serving(env, _port()) as url:
        yield url


@pytest.fixture
async def demo_graph_once(demo_graph: AsyncDriver, database: str) -> AsyncIterator[AsyncDriver]:
    """The demo data; the shell examples ingest and create keys, so the next test seeds again."""
    yield demo_graph
    await demo_graph.execute_query("MATCH (m:Meta {name: 'demo'}) DELETE m", database_=database)


def test_the_readme_has_examples() -> None:
    assert len(GRAPHQL) >= 3 and len(SHELL) >= 4
    code = "".join(re.findall(r"```\w*\n(.*?)```", README, re.DOTALL))
    assert "localhost" not in code, "everything printed says 127.0.0.1: the origin check agrees"


@pytest.mark.parametrize("query", GRAPHQL, ids=[f"graphql-{i + 1}" for i in range(len(GRAPHQL))])
def test_a_graphql_example_runs_on_the_demo_data(
    demo_graph: AsyncDriver, settings: Settings, gateway: str, query: str
) -> None:
    token = mint_token(settings, Role.ADMIN, subject="readme")
    response = httpx.post(
        f"{gateway}/graphql",
        json={"query": query},
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    )
    body = response.json()
    assert "errors" not in body, body["errors"]
    (root,) = body["data"].values()
    assert root, "the example finds something in the demo data"
    if "edges" in root:
        assert root["edges"], "the example's list is not empty"


def _runnable(block: str) -> bool:
    return block.splitlines()[0].split("#")[0].strip() not in CANNOT_RUN


@pytest.mark.parametrize(
    "block", [b for b in SHELL if _runnable(b)], ids=lambda b: b.splitlines()[0][:40]
)
def test_a_shell_example_runs_verbatim(
    demo_graph_once: AsyncDriver, settings: Settings, gateway: str, block: str, tmp_path: Path
) -> None:
    port = gateway.rsplit(":", 1)[1]
    script = block.replace("127.0.0.1:8000", f"127.0.0.1:{port}")
    for path in ("docs", ".venv"):  # the README's paths are the clone's
        (tmp_path / path).symlink_to(ROOT / path)
    env = {
        **gateway_env(settings),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", script],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = done.stdout
    if re.search(r"^(curl|omnigraph) ", script, re.MULTILINE):
        assert out.strip(), "the example prints its answer"
    for word in ("errors", "REJECTED", "UNAUTHENTICATED", "Traceback"):
        assert word not in out + done.stderr, out
    if "X-Omnigraph-Trace" in script:
        payload = json.loads(out)
        assert payload["data"]["customerByIdentifier"]["id"] == ANA
        assert payload["extensions"]["trace"]["cypherQueries"] >= 1
    if "/events" in script:
        statuses = set(re.findall(r'"status":"(\w+)"', out))
        assert statuses <= {"APPLIED", "DUPLICATE"} and statuses, out


def test_the_blocks_that_cannot_run_say_why() -> None:
    skipped = [b.splitlines()[0].split("#")[0].strip() for b in SHELL if not _runnable(b)]
    assert sorted(skipped) == sorted(CANNOT_RUN)


def test_the_python_feed_example_runs_from_any_folder(
    demo_graph_once: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    """The README's Python subscriber mints its token with `omnigraph token` in its own folder,
    against a gateway started elsewhere with the development secret: it hears a store visit."""
    (example,) = re.findall(r"```python\n(.*?)```", README, re.DOTALL)
    home = tmp_path / "home"
    env = {k: v for k, v in gateway_env(settings).items() if k != "XDG_CONFIG_HOME"}
    del env["OMNIGRAPH_JWT_SECRET"]  # the development secret, kept per user
    env |= {
        "HOME": str(home),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
    }
    port = _port()
    with serving(env, port) as url:
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        script = elsewhere / "feed.py"
        script.write_text(example.replace("127.0.0.1:8000", f"127.0.0.1:{port}"))
        feed = subprocess.Popen(
            [sys.executable, str(script)], cwd=elsewhere, env=env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        lines: queue.Queue[str] = queue.Queue()

        def read() -> None:
            for line in feed.stdout or []:
                lines.put(line)

        threading.Thread(target=read, daemon=True).start()
        ingest = mint_token(Settings.from_env(env), Role.INGEST, subject="readme-feed")
        heard = ""
        try:
            for attempt in range(60):  # until the subscription is registered, then it hears one
                visit = {
                    "eventId": f"readme-feed-{attempt}", "type": "interaction",
                    "at": "2026-03-20T10:00:00Z", "channel": "STORE", "storeId": "store-lisbon-1",
                    "identifiers": [{"type": "LOYALTY_ID", "value": "LN-5521"}],
                    "interaction": {"kind": "STORE_VISIT"},
                }  # fmt: skip
                answer = httpx.post(
                    f"{url}/events",
                    json=[visit],
                    headers={"Authorization": f"Bearer {ingest}"},
                    timeout=120,  # a cold gateway compiles the ingestion statement first
                )
                assert answer.status_code == 200, answer.text
                with contextlib.suppress(queue.Empty):
                    heard = lines.get(timeout=1)
                    break
                assert feed.poll() is None, feed.communicate()[1]
        finally:
            feed.terminate()
            feed.wait(timeout=20)
    assert "storeActivity" in heard and "Ana" in heard, heard

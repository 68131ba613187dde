"""A newcomer's first hour with the `omnigraph` command: it says what to do when Neo4j is not
there (one line, at once), tokens minted in one folder verify in another, flags are named, and
messages speak the schema's names."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import jwt
import pytest

from gateway.settings import Settings
from gateway.tokens import mint_token
from resolvers.principal import Role
from tests.utils.gateway_process import free_port
from tests.utils.graphql import GraphQLClient

ROOT = Path(__file__).resolve().parents[2]
GIVE_UP = 40.0  # seconds: a limit for a stuck command (the old one retried for 63 s), not a speed


def omnigraph(
    *args: str, env: dict[str, str], cwd: Path | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gateway.cli", *args],
        env={**env, "PYTHONPATH": str(ROOT)},
        cwd=cwd or ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=GIVE_UP,
    )


def _without_neo4j(tmp_path: Path) -> dict[str, str]:
    """No Neo4j at this URI: a port nothing listens on."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "OMNIGRAPH_"))}
    return {**env, "NEO4J_URI": f"bolt://127.0.0.1:{free_port()}", "HOME": str(tmp_path)}


@pytest.mark.parametrize(
    "command",
    [
        ["migrate"],
        ["seed", "--customers", "1"],
        ["import", "-"],
        ["export", "cus-a35f8c06c1c35f4a"],
        ["apikey", "create", "pos-lisbon"],
    ],
    ids=lambda command: command[0],
)
def test_a_command_without_neo4j_says_what_to_do_in_one_line(
    tmp_path: Path, command: list[str]
) -> None:
    env = _without_neo4j(tmp_path)
    done = omnigraph(*command, env=env, cwd=tmp_path, stdin="{}\n")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert env["NEO4J_URI"] in lines[0]
    assert "omnigraph neo4j start" in lines[0] and "NEO4J_URI" in lines[0]


def test_serve_without_neo4j_waits_for_it_and_readyz_says_why(tmp_path: Path) -> None:
    env = {
        **_without_neo4j(tmp_path),
        "OMNIGRAPH_ENV": "production",
        "OMNIGRAPH_JWT_SECRET": "a-production-secret-of-more-than-32-characters",
    }
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gateway.cli", "serve", "--port", str(port)],
        env={**env, "PYTHONPATH": str(ROOT)}, cwd=tmp_path, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + GIVE_UP
        while True:
            assert process.poll() is None, process.communicate()
            try:
                readyz = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "the gateway never answered"
                time.sleep(0.2)
        assert httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200
        token = mint_token(Settings.from_env(env), Role.AGENT, subject="first-hour")
        query = httpx.post(
            f"http://127.0.0.1:{port}/graphql",
            json={"query": '{ product(sku: "JKT-100") { name } }'},
            headers={"Authorization": f"Bearer {token}"},
            timeout=GIVE_UP,
        )
    finally:
        process.terminate()
        out, err = process.communicate(timeout=20)
    assert readyz.status_code == 503
    assert env["NEO4J_URI"] in readyz.json()["reason"]
    assert "omnigraph neo4j start" in readyz.json()["reason"]
    assert "Traceback" not in err
    assert "/graphql" in out and "GraphiQL at" not in out, out
    # an operation while the graph is away: a coded answer, never a bare 500 page
    assert query.status_code == 503 and query.headers["retry-after"]
    assert query.headers["content-type"] == "application/json"
    assert query.json()["errors"][0]["extensions"]["code"] == "UNAVAILABLE"


def test_a_token_minted_in_one_folder_verifies_in_another(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OMNIGRAPH_")}
    env = {**env, "HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": ""}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    minted = omnigraph("token", "--role", "agent", env=env, cwd=tmp_path / "a")
    assert minted.returncode == 0, minted.stderr
    serving = Settings.from_env(env)  # a gateway started from folder b, or anywhere
    assert serving.jwt_secret is not None
    claims = jwt.decode(
        minted.stdout.strip(), serving.jwt_secret, algorithms=["HS256"], audience="omnigraph"
    )
    assert claims["roles"] == ["agent"]
    assert not (tmp_path / "a" / ".omnigraph").exists()


def test_token_names_the_flag_it_needs_and_refuses_a_negative_ttl(tmp_path: Path) -> None:
    env = {**os.environ, "OMNIGRAPH_JWT_SECRET": "x" * 40}
    associate = omnigraph("token", "--role", "associate", env=env)
    customer = omnigraph("token", "--role", "customer", env=env)
    negative = omnigraph("token", "--role", "agent", "--ttl", "-5", env=env)
    assert associate.returncode != 0 and "--store" in associate.stderr
    assert customer.returncode != 0 and "--customer" in customer.stderr
    assert negative.returncode != 0 and "positive" in negative.stderr
    assert associate.stdout == customer.stdout == negative.stdout == ""


def test_demo_tokens_print_the_port_of_the_environment(tmp_path: Path) -> None:
    env = {**_without_neo4j(tmp_path), "OMNIGRAPH_JWT_SECRET": "x" * 40, "PORT": "8137"}
    printed = omnigraph("demo-tokens", env=env)
    assert printed.returncode == 0, printed.stderr
    assert "127.0.0.1:8137/graphql" in printed.stdout
    assert ":8000" not in printed.stdout
    assert "@docs/examples.jsonl" in printed.stdout


async def test_an_associate_asking_another_stores_list_is_told_in_the_schemas_words(
    graphql: GraphQLClient,
) -> None:
    associate = graphql.as_role(Role.ASSOCIATE, store_id="store-lisbon-1")
    for field in ("pickupsReady { order { id } }", "lapsedCustomers { id }"):
        error = await associate.error('{ store(id: "store-porto-1") { %s } }' % field)
        assert error["extensions"]["code"] == "FORBIDDEN"
        assert field.split()[0] in error["message"] and "store-porto-1" in error["message"]
        assert "storeCustomers" not in error["message"]

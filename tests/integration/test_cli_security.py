"""The operator's commands: minting tokens, ingestion keys, and a person's export."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import jwt

from gateway.settings import Settings
from graph.seed.events import EXAMPLE_EVENTS
from resolvers.principal import Role
from tests.conftest import TEST_SECRET
from tests.integration.test_privacy import _journeys
from tests.utils.graphql import GraphQLClient, bearer


def _omnigraph(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password,
        "NEO4J_DATABASE": settings.neo4j_database,
        "OMNIGRAPH_JWT_SECRET": TEST_SECRET,
    }
    return subprocess.run(
        [sys.executable, "-m", "gateway.cli", *args],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


async def test_omnigraph_token_mints_what_the_gateway_accepts(
    client: GraphQLClient, settings: Settings
) -> None:
    minted = _omnigraph(settings, "token", "--role", "associate", "--store", "store-lisbon-1",
                        "--ttl", "120")  # fmt: skip
    assert minted.returncode == 0, minted.stderr
    token = minted.stdout.strip()
    claims = jwt.decode(token, TEST_SECRET, ["HS256"], audience="omnigraph")
    assert claims["roles"] == ["associate"] and claims["store_id"] == "store-lisbon-1"
    assert (await client.with_headers(bearer(token)).data("{ me { id } }")) == {"me": None}

    storeless = _omnigraph(settings, "token", "--role", "associate")
    assert storeless.returncode == 1 and "needs --store" in storeless.stderr


async def test_an_api_key_is_shown_once_and_ingests(
    client: GraphQLClient, settings: Settings
) -> None:
    created = _omnigraph(settings, "apikey", "create", "pos-porto")
    assert created.returncode == 0, created.stderr
    key = created.stdout.strip().splitlines()[-1]
    assert key.startswith("ogk_")
    async with client.with_headers({"X-Api-Key": key}).http() as http:
        answer = await http.post("/events", json=[EXAMPLE_EVENTS[0]])
    assert answer.status_code == 200
    assert json.loads(answer.text)["status"] == "APPLIED"


async def test_omnigraph_export_writes_the_persons_document(
    client: GraphQLClient, settings: Settings
) -> None:
    ana_id = await _journeys(client)
    exported = _omnigraph(settings, "export", ana_id)
    assert exported.returncode == 0, exported.stderr
    document = json.loads(exported.stdout)
    assert document["customerId"] == ana_id and document["profile"]["givenName"] == "Ana"
    assert _omnigraph(settings, "export", "cus-nobody").returncode == 1


async def test_demo_tokens_come_with_a_curl_line_that_works_for_each_role(
    client: GraphQLClient, settings: Settings
) -> None:
    ana_id = await _journeys(client)
    printed = _omnigraph(settings, "demo-tokens")
    assert printed.returncode == 0, printed.stderr
    blocks = re.findall(r"^(\w+):\n  (\S+)\n  (curl .*)$", printed.stdout, re.MULTILINE)
    assert {role for role, _, _ in blocks} == {r.value for r in Role}
    for role, token, curl in blocks:
        assert f"Bearer {token}" in curl
        if role == "ingest":
            assert "/events" in curl
            continue
        body = json.loads(re.search(r"-d '(.*)'$", curl).group(1))  # type: ignore[union-attr]
        answer = await client.with_headers(bearer(token)).data(body["query"])
        assert json.dumps(answer).count("null") == 0, (role, answer)
        if role == "customer":
            assert (
                jwt.decode(token, TEST_SECRET, ["HS256"], audience="omnigraph")["customer_id"]
                == ana_id
            )

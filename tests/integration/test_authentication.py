"""Nobody gets in without a valid identity, and each failure says what is wrong."""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from neo4j import AsyncDriver

from gateway.settings import Settings
from gateway.tokens import mint_token
from graph.apikeys import create_api_key, revoke_api_key
from resolvers.principal import Role
from tests.conftest import TEST_SECRET
from tests.utils.graphql import GraphQLClient, bearer

ANA = '{ customer(id: "cus-a35f8c06c1c35f4a") { givenName } }'


def _claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": "someone",
        "iss": "omnigraph",
        "aud": "omnigraph",
        "exp": now + 300,
        "roles": ["admin"],
    }
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


async def _post(client: GraphQLClient, headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
    async with client.with_headers(headers).http() as http:
        response = await http.post("/graphql", json={"query": ANA})
    return response.status_code, response.json()


async def test_an_admin_token_reads_ana(graphql: GraphQLClient) -> None:
    assert (await graphql.data(ANA)) == {"customer": {"givenName": "Ana"}}


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({}, "Authentication required"),
        ({"Authorization": "Basic YWRtaW46YWRtaW4="}, "Bearer scheme"),
        (bearer("not-a-jwt"), "not a JWT"),
        (bearer(jwt.encode(_claims(), "some-other-secret-of-enough-length!!", "HS256")),
         "signature does not verify"),
        (bearer(jwt.encode(_claims(exp=int(time.time()) - 3600), TEST_SECRET, "HS256")),
         "expired"),
        (bearer(jwt.encode(_claims(nbf=int(time.time()) + 3600), TEST_SECRET, "HS256")),
         "not valid yet"),
        (bearer(jwt.encode(_claims(iss="https://evil.example"), TEST_SECRET, "HS256")), "issuer"),
        (bearer(jwt.encode(_claims(aud="another-api"), TEST_SECRET, "HS256")), "audience"),
        (bearer(jwt.encode(_claims(exp=None), TEST_SECRET, "HS256")), "'exp'"),
        (bearer(jwt.encode(_claims(sub=None), TEST_SECRET, "HS256")), "'sub'"),
        (bearer(jwt.encode(_claims(roles=["superuser"]), TEST_SECRET, "HS256")), "no known role"),
        (bearer(jwt.encode(_claims(roles=["associate"]), TEST_SECRET, "HS256")), "store_id"),
        (bearer(jwt.encode(_claims(roles=["customer"]), TEST_SECRET, "HS256")), "customer_id"),
        (bearer(jwt.encode(_claims(), "", "none")), "'none' are not accepted"),
        (bearer(jwt.encode(_claims(), TEST_SECRET, "HS512")), "'HS512' are not accepted"),
        ({"X-Api-Key": "ogk_not-a-key-anyone-was-given"}, "Unknown or revoked API key"),
    ],
)  # fmt: skip
async def test_every_kind_of_bad_identity_gets_401(
    graphql: GraphQLClient, headers: dict[str, str], reason: str
) -> None:
    status, body = await _post(graphql, headers)
    assert status == 401
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "UNAUTHENTICATED"}
    assert reason in error["message"]
    assert "data" not in body


async def test_a_401_names_the_scheme(graphql: GraphQLClient) -> None:
    async with graphql.with_headers({}).http() as http:
        response = await http.post("/graphql", json={"query": ANA})
    assert response.headers["www-authenticate"] == "Bearer"


async def test_health_and_graphiql_need_no_token(graphql: GraphQLClient) -> None:
    async with graphql.with_headers({}).http() as http:
        assert (await http.get("/healthz")).status_code == 200
        page = await http.get("/graphql", headers={"Accept": "text/html"})
        # GraphiQL keeps its query in the URL: a reload, or a shared link, opens the page again
        reload = await http.get(
            "/graphql", params={"query": ANA, "q": ANA}, headers={"Accept": "text/html"}
        )
        query = await http.get("/graphql", params={"query": ANA})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    assert reload.status_code == 200 and "graphiql" in reload.text.lower()
    assert ANA not in reload.text, "the page runs nothing: the operation is not answered"
    assert query.status_code == 401, "a GET that carries a query is an operation"


def _jwks_settings(settings: Settings, tmp_path: Path, keys: dict[str, Any]) -> Settings:
    jwks = {
        "keys": [
            {**json.loads(jwt.algorithms.get_default_algorithms()[alg].to_jwk(key.public_key())),
             "kid": kid, "alg": alg, "use": "sig"}
            for kid, (alg, key) in keys.items()
        ]
    }  # fmt: skip
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps(jwks))
    return dataclasses.replace(settings, jwks=str(path))


async def test_rs256_and_es256_tokens_from_a_jwks_file(
    demo_graph: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ec_key = ec.generate_private_key(ec.SECP256R1())
    client = GraphQLClient(
        demo_graph,
        _jwks_settings(settings, tmp_path, {"r1": ("RS256", rsa_key), "e1": ("ES256", ec_key)}),
    )
    signers: list[tuple[str, str, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey]] = [
        ("r1", "RS256", rsa_key),
        ("e1", "ES256", ec_key),
    ]
    for kid, alg, key in signers:
        token = jwt.encode(_claims(), key, alg, headers={"kid": kid})
        status, body = await _post(client, bearer(token))
        assert (status, body["data"]) == (200, {"customer": {"givenName": "Ana"}}), alg

    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(_claims(), stranger, "RS256", headers={"kid": "r1"})
    unknown_kid = jwt.encode(_claims(), rsa_key, "RS256", headers={"kid": "r9"})
    assert (await _post(client, bearer(forged)))[0] == 401
    status, body = await _post(client, bearer(unknown_kid))
    assert status == 401 and "not in the configured JWKS" in body["errors"][0]["message"]


async def test_api_keys_ingest_and_nothing_else(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    key_id, key = await create_api_key(empty_graph, database, "pos-lisbon")
    records, _, _ = await empty_graph.execute_query(
        "MATCH (k:ApiKey {id: $id}) RETURN properties(k) AS k", id=key_id, database_=database
    )
    assert key not in json.dumps(records[0]["k"], default=str), "only the hash is stored"

    channel = client.with_headers({"X-Api-Key": key})
    event = {"eventId": "key-1", "type": "interaction", "at": "2026-03-01T19:02:11Z",
             "channel": "WEB", "identifiers": [{"type": "COOKIE_ID", "value": "ck-key"}],
             "interaction": {"kind": "PAGE_VIEW", "url": "/"}}  # fmt: skip
    async with channel.http() as http:
        posted = await http.post("/events", json=[event])
    assert posted.status_code == 200 and json.loads(posted.text)["status"] == "APPLIED"

    ingested = await channel.data(
        "mutation($e: [EventInput!]!) { ingestEvents(events: $e) { status } }",
        {"e": [{**event, "eventId": "key-2"}]},
    )
    assert ingested == {"ingestEvents": [{"status": "APPLIED"}]}

    refused = await channel.error(ANA)
    assert refused["extensions"]["code"] == "FORBIDDEN"

    # the Bearer scheme carries a key as well
    async with client.with_headers(bearer(key)).http() as http:
        assert (await http.post("/events", json=[{**event, "eventId": "key-3"}])).status_code == 200

    await revoke_api_key(empty_graph, database, key_id)
    fresh = GraphQLClient(empty_graph, client.settings, headers={"X-Api-Key": key})
    async with fresh.http() as http:
        assert (await http.post("/events", json=[event])).status_code == 401


async def test_only_ingestion_principals_post_events(client: GraphQLClient) -> None:
    for role in (Role.AGENT, Role.ANALYST, Role.ASSOCIATE):
        async with client.as_role(role).http() as http:
            response = await http.post("/events", json=[])
        assert response.status_code == 403, role
        assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_auth_off_serves_everyone_as_admin_and_warns(
    demo_graph: AsyncDriver, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    open_door = GraphQLClient(demo_graph, dataclasses.replace(settings, auth=False), headers={})
    assert "authentication is OFF" in caplog.text
    assert (await open_door.data(ANA)) == {"customer": {"givenName": "Ana"}}


def test_a_minted_token_carries_role_store_and_expiry(settings: Settings) -> None:
    token = mint_token(settings, Role.ASSOCIATE, store_id="store-lisbon-1", ttl=60)
    claims = jwt.decode(token, TEST_SECRET, ["HS256"], audience="omnigraph")
    assert claims["roles"] == ["associate"] and claims["store_id"] == "store-lisbon-1"
    assert 55 <= claims["exp"] - time.time() <= 60

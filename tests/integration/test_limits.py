"""No query can take the service down: every limit answers with a coded error, before any work."""

from __future__ import annotations

import dataclasses

import pytest
from neo4j import AsyncDriver
from neo4j.exceptions import ClientError as Neo4jClientError
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from gateway.settings import Settings
from graph.driver import GraphReader, QueryTimedOut
from resolvers.limits import MAX_ALIASES, MAX_DEPTH, MAX_NODES, MAX_ROOT_FIELDS, MAX_TOKENS
from resolvers.principal import Role
from tests.utils.graphql import GraphQLClient

ANA = '{ customer(id: "cus-a35f8c06c1c35f4a") { FIELDS } }'


async def _too_complex(graphql: GraphQLClient, query: str, variables: dict[str, object]) -> str:
    error = await graphql.error(query, variables)
    assert error["extensions"] == {"code": "QUERY_TOO_COMPLEX"}, error
    assert "data" not in error
    message: str = error["message"]
    return message


async def test_a_query_nested_too_deep(graphql: GraphQLClient) -> None:
    hop = "customer { orders(first: 1) { edges { node { %s } } } }"
    inner = "id"
    for _ in range(MAX_DEPTH // 4 + 1):
        inner = hop % inner
    query = '{ order(id: "ord-3001") { ' + inner + " } }"
    assert "nested" in await _too_complex(graphql, query, {})


async def test_too_many_aliases(graphql: GraphQLClient) -> None:
    names = " ".join(f"n{i}: givenName" for i in range(MAX_ALIASES + 1))
    message = await _too_complex(graphql, ANA.replace("FIELDS", names), {})
    assert "aliases" in message


async def test_too_many_root_fields(graphql: GraphQLClient) -> None:
    roots = " ".join(
        f'p{i}: product(sku: "JKT-100") {{ name }}' for i in range(MAX_ROOT_FIELDS + 1)
    )
    assert "root fields" in await _too_complex(graphql, "{ " + roots + " }", {})


async def test_too_many_tokens(graphql: GraphQLClient) -> None:
    fields = "givenName " * (MAX_TOKENS + 1)
    message = await _too_complex(graphql, ANA.replace("FIELDS", fields), {})
    assert "tokens" in message


@pytest.mark.parametrize(
    "variables",
    [{"outer": 100, "inner": 100}, {"outer": 100, "inner": 50}],
)
async def test_nested_pages_whose_product_is_too_large(
    graphql: GraphQLClient, variables: dict[str, object]
) -> None:
    query = """query($outer: Int, $inner: Int) { customers(first: $outer) { edges { node {
        orders(first: $inner) { edges { node { id } } }
        timeline(first: $inner) { edges { node { at } } } } } } }"""
    message = await _too_complex(graphql, query, variables)
    assert f"the limit is {MAX_NODES}" in message


async def test_pages_within_the_cost_run(graphql: GraphQLClient) -> None:
    data = await graphql.data(
        "{ customers(first: 50) { edges { node { orders(first: 10) { totalCount } } } } }"
    )
    assert len(data["customers"]["edges"]) == 50


async def test_a_body_over_the_limit(demo_graph: AsyncDriver, settings: Settings) -> None:
    small = GraphQLClient(demo_graph, dataclasses.replace(settings, max_body_bytes=200))
    async with small.http() as http:
        response = await http.post("/graphql", json={"query": "{ me { id } }", "pad": "x" * 300})
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_rate_limits_are_per_principal(demo_graph: AsyncDriver, settings: Settings) -> None:
    limited = GraphQLClient(demo_graph, dataclasses.replace(settings, rate_limit=2))
    agent = limited.as_role(Role.AGENT, subject="agent-1")
    for _ in range(2):
        await agent.data('{ product(sku: "JKT-100") { name } }')
    async with agent.http() as http:
        refused = await http.post("/graphql", json={"query": "{ me { id } }"})
    assert refused.status_code == 429
    assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert int(refused.headers["retry-after"]) >= 1

    colleague = limited.as_role(Role.AGENT, subject="agent-2")
    assert await colleague.data("{ me { id } }") == {"me": None}

    async with limited.with_headers({"Authorization": "Bearer guess"}).http() as http:
        answers = [(await http.post("/graphql", json={"query": "{ me { id } }"})).status_code
                   for _ in range(3)]  # fmt: skip
    assert answers == [401, 401, 429], "guessing tokens is rate limited by address"


async def test_neo4j_ends_a_transaction_that_runs_too_long(
    neo4j_driver: AsyncDriver, database: str
) -> None:
    reader = GraphReader(neo4j_driver, database, timeout=0.2)
    heavy = "UNWIND range(1, 200000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n"
    with pytest.raises(QueryTimedOut):
        await reader.read(heavy)
    # without the reader's timeout Neo4j would have kept going: the error is Neo4j's own
    try:
        await reader.read(heavy)
    except QueryTimedOut as error:
        assert isinstance(error.__cause__, Neo4jClientError)


def test_only_the_graphql_transport_ws_protocol(graphql: GraphQLClient) -> None:
    client = TestClient(graphql.app, headers=graphql.headers)
    with (
        pytest.raises(WebSocketDisconnect) as closed,
        client.websocket_connect("/graphql", subprotocols=["graphql-ws"]) as socket,
    ):
        socket.receive_text()
    assert closed.value.code == 4406, "the legacy protocol is refused"

    with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as socket:
        assert socket.accepted_subprotocol == "graphql-transport-ws"
        socket.close()

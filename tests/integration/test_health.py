"""Liveness, readiness and GraphiQL, as an operator and a newcomer see them."""

from __future__ import annotations

from graph.migrations import LATEST_VERSION
from tests.utils.graphql import GraphQLClient


async def test_healthz_and_readyz(graphql: GraphQLClient) -> None:
    async with graphql.http() as client:
        health = await client.get("/healthz")
        ready = await client.get("/readyz")
    assert health.status_code == 200 and health.json() == {"status": "ok"}
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready", "schemaVersion": LATEST_VERSION}


async def test_graphiql_opens_with_the_example_query(graphql: GraphQLClient) -> None:
    async with graphql.http() as client:
        page = await client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()
    assert "customerByIdentifier(type: PHONE" in page.text


async def test_the_example_query_answers_on_the_demo_data(graphql: GraphQLClient) -> None:
    from gateway.graphiql import EXAMPLE_QUERY

    data = await graphql.data(EXAMPLE_QUERY)
    ana = data["customerByIdentifier"]
    assert ana["givenName"] == "Ana"
    assert len(ana["stats"]["channels"]) == 6

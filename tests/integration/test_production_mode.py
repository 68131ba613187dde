"""With OMNIGRAPH_ENV=production there is no GraphiQL and no request tracing."""

from __future__ import annotations

import dataclasses

from neo4j import AsyncDriver

from gateway.settings import Settings
from tests.utils.graphql import GraphQLClient
from tests.utils.people import ANA


async def test_production_turns_off_graphiql_and_tracing(
    demo_graph: AsyncDriver, settings: Settings
) -> None:
    production = GraphQLClient(demo_graph, dataclasses.replace(settings, environment="production"))
    async with production.http() as client:
        page = await client.get("/graphql", headers={"Accept": "text/html"})
    assert "graphiql" not in page.text.lower()

    body = await production.execute('{ customer(id: "%s") { givenName } }' % ANA, trace=True)
    assert body["data"] == {"customer": {"givenName": "Ana"}}
    assert "trace" not in (body.get("extensions") or {})

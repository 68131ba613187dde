"""One deadline per HTTP request (issue 15, 8): `OMNIGRAPH_QUERY_TIMEOUT` bounds the reads of a
request all together; a live feed's reads each get it, for as long as the feed runs."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from neo4j import AsyncDriver

from graph.driver import QueryTimedOut
from resolvers.context import RequestContext
from resolvers.principal import AUTH_OFF
from tests.utils.graphql import GraphQLClient


async def test_no_statement_starts_after_the_request_deadline(
    empty_graph: AsyncDriver, database: str
) -> None:
    context = RequestContext.for_request(
        empty_graph, database, AUTH_OFF, timeout=0.5, one_deadline=True
    )
    assert await context.reader.read("RETURN 1 AS one") == [{"one": 1}]
    await asyncio.sleep(0.6)
    with pytest.raises(QueryTimedOut):
        await context.reader.read("RETURN 1 AS one")
    assert context.reader.queries == 1, "the second statement never reached Neo4j"


async def test_a_statement_gets_only_the_time_left(empty_graph: AsyncDriver, database: str) -> None:
    context = RequestContext.for_request(
        empty_graph, database, AUTH_OFF, timeout=1.0, one_deadline=True
    )
    started = asyncio.get_running_loop().time()
    with pytest.raises(QueryTimedOut):  # Neo4j ends it at the deadline, not after its own limit
        await context.reader.read("UNWIND range(1, 100000000) AS n WITH n WHERE n < 0 RETURN n")
    assert asyncio.get_running_loop().time() - started < 10


async def test_a_live_feed_context_has_no_request_deadline(
    empty_graph: AsyncDriver, database: str
) -> None:
    context = RequestContext.for_request(empty_graph, database, AUTH_OFF, timeout=0.2)
    await asyncio.sleep(0.3)
    assert await context.reader.read("RETURN 1 AS one") == [{"one": 1}]


async def test_an_http_request_past_its_deadline_says_so(client: GraphQLClient) -> None:
    tight = GraphQLClient(client.driver, dataclasses.replace(client.settings, query_timeout=0.001))
    body = await tight.execute('{ customers(search: "lima", first: 5) { totalCount } }')
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "took longer than" in body["errors"][0]["message"]

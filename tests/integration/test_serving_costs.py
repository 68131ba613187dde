"""What the speed work changed, as a user sees it: counters an operator can scrape, totals that
are right however they are asked for, and an audit trail that misses no read although it is
written off the request path."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import httpx
from neo4j import AsyncDriver

from gateway.app import create_app
from gateway.settings import Settings
from gateway.tokens import mint_token
from resolvers.principal import Role
from tests.utils.graphql import GraphQLClient, bearer
from tests.utils.people import ANA_ID

ANA_PHONE = "+351912345678"


def _counter(text: str, name: str) -> int:
    for line in text.splitlines():
        if line.startswith(name + " "):
            return int(line.split()[1])
    raise AssertionError(f"{name} is not in /metrics:\n{text}")


async def test_metrics_count_the_cypher_statements_of_a_request(graphql: GraphQLClient) -> None:
    async with graphql.http() as client:
        before = (await client.get("/metrics")).text
    body = await graphql.execute(
        'query { customerByIdentifier(type: PHONE, value: "%s") { id orders(first: 3) {'
        " edges { node { id lines { sku } } } } } }" % ANA_PHONE,
        trace=True,
    )
    async with graphql.http() as client:
        after = await client.get("/metrics")
    assert after.status_code == 200 and after.headers["content-type"].startswith("text/plain")
    reads = _counter(after.text, "omnigraph_cypher_reads_total") - _counter(
        before, "omnigraph_cypher_reads_total"
    )
    # compiled: the customer, her orders and their lines in one statement
    assert body["extensions"]["trace"]["path"] == "compiled"
    assert reads == body["extensions"]["trace"]["cypherQueries"] == 1
    compiled = 'omnigraph_reads_total{path="compiled"}'
    assert _counter(after.text, compiled) == _counter(before, compiled) + 1


async def test_metrics_count_the_statements_of_the_interpreted_path(
    graphql: GraphQLClient,
) -> None:
    async with graphql.http() as client:
        before = (await client.get("/metrics")).text
    body = await graphql.execute(  # the journey is not compiled (yet): one statement per hop
        'query { customerByIdentifier(type: PHONE, value: "%s") { id orders(first: 3) {'
        " edges { node { id lines { sku } } } } journey { touchpoints } } }" % ANA_PHONE,
        trace=True,
    )
    async with graphql.http() as client:
        after = (await client.get("/metrics")).text
    reads = _counter(after, "omnigraph_cypher_reads_total") - _counter(
        before, "omnigraph_cypher_reads_total"
    )
    assert body["extensions"]["trace"]["path"] == "interpreted"
    assert reads == body["extensions"]["trace"]["cypherQueries"] == 4
    interpreted = 'omnigraph_reads_total{path="interpreted"}'
    assert _counter(after, interpreted) == _counter(before, interpreted) + 1


async def test_metrics_are_off_in_production_unless_asked_for(
    demo_graph: AsyncDriver, settings: Settings
) -> None:
    env = {
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_PASSWORD": settings.neo4j_password,
        "OMNIGRAPH_JWT_SECRET": settings.jwt_secret or "",
        "OMNIGRAPH_ENV": "production",
    }
    for extra, status in (({}, 404), ({"OMNIGRAPH_METRICS": "on"}, 200)):
        app = create_app(Settings.from_env({**env, **extra}), driver=demo_graph)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://omnigraph.test"
        ) as client:
            assert (await client.get("/metrics")).status_code == status


SEARCH_TOTALS = """
fragment Counted on CustomerConnection { totalCount }
query($q: String!) {
  direct: customers(search: $q, first: 2) { totalCount edges { node { id } } }
  spread: customers(search: $q, first: 2) { ...Counted edges { node { id } } }
  inline: customers(search: $q, first: 2) { ... on CustomerConnection { totalCount } }
  uncounted: customers(search: $q, first: 2) { edges { node { id } } }
}
"""


async def test_total_count_is_right_however_it_is_asked_for(graphql: GraphQLClient) -> None:
    """`totalCount` is only counted when the selection names it; a fragment still names it."""
    data = await graphql.data(SEARCH_TOTALS, {"q": "a"})
    everyone = await graphql.data("{ customers(first: 100) { totalCount edges { node { id } } } }")
    matching = data["direct"]["totalCount"]
    assert 2 < matching <= everyone["customers"]["totalCount"]
    assert data["spread"]["totalCount"] == data["inline"]["totalCount"] == matching
    assert data["uncounted"]["edges"] == data["direct"]["edges"]

    orders = """query($id: ID!) { customer(id: $id) {
      all: orders(first: 1) { totalCount }
      viaFragment: orders(first: 1) { ... on OrderConnection { totalCount } edges { node { id } } }
    } }"""
    ana = (await graphql.data(orders, {"id": ANA_ID}))["customer"]
    assert ana["all"]["totalCount"] == ana["viaFragment"]["totalCount"] >= 2


async def test_staff_reads_are_audited_in_batches_and_none_is_lost_on_stop(
    demo_graph: AsyncDriver, settings: Settings, database: str
) -> None:
    """With the gateway's lifespan running, staff reads are queued and written in the
    background: the trail still shows each read with the time it happened, an admin reading
    the trail sees reads made just before, and stopping the gateway writes what is queued."""
    batched = dataclasses.replace(settings, audit_reads_sync=False)
    app = create_app(batched, driver=demo_graph)
    agent = bearer(mint_token(batched, Role.AGENT, subject="agent-batched"))
    admin = bearer(mint_token(batched, Role.ADMIN, subject="admin-batched"))
    lookup = 'query Lookup { customerByIdentifier(type: PHONE, value: "%s") { id } }' % ANA_PHONE
    trail = """query($id: ID!) { auditRecords(customerId: $id, action: READ, first: 100) {
      actor operation at } }"""

    async def count_reads() -> int:
        records, _, _ = await demo_graph.execute_query(
            "MATCH (a:AuditRecord {action: 'READ', actor: 'agent-batched'}) RETURN count(a) AS n",
            database_=database,
        )
        return int(records[0]["n"])

    already = await count_reads()
    started = datetime.now(UTC)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://omnigraph.test"
        ) as client,
    ):
        first = await client.post("/graphql", json={"query": lookup}, headers=agent)
        assert first.json()["data"]["customerByIdentifier"]["id"] == ANA_ID
        # an admin reading the trail right away sees the read (queued reads are written first)
        seen = await client.post(
            "/graphql", json={"query": trail, "variables": {"id": ANA_ID}}, headers=admin
        )
        mine = [r for r in seen.json()["data"]["auditRecords"] if r["actor"] == "agent-batched"]
        assert len(mine) == already + 1 and mine[0]["operation"] == "Lookup"
        assert datetime.fromisoformat(mine[0]["at"]) >= started.replace(microsecond=0)
        # the last read, answered just before the gateway stops
        await client.post("/graphql", json={"query": lookup}, headers=agent)
    assert await count_reads() == already + 2

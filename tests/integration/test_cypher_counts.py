"""The number of Cypher queries grows with the depth of a query, never with the number of objects."""

from __future__ import annotations

from typing import Any

from tests.utils.graphql import GraphQLClient

FRAGMENT = """
fragment Customer360 on Customer {
      id givenName familyName sizes
      identifiers { type value }
      devices { id kind }
      accounts { id kind status }
      orders(first: 5) { totalCount edges { node {
        id channel status total
        customer { id }
        store { id name } fulfillmentStore { id } device { id kind }
        statusHistory { status channel at store { id } }
        lines { sku quantity product { name } }
      } } }
      interactions(first: 10) { edges { node { id kind channel product { sku } store { id } } } }
      timeline(first: 5) { edges { node { kind summary } } }
      cart { items { sku product { name } } lastChannel }
      supportCases { id channels order { id } messages { channel } }
      consents { purpose channel granted }
      loyalty { points tier }
      stats { lifetimeValue channels preferredChannel }
}
"""

# The same customer-360 selection over one customer (Ana, who has something at every hop) and
# over a page of 50 customers; both roots are a single query and neither warms a loader's cache.
ONE = (
    FRAGMENT
    + """
query One { customers(search: "ana.lima@example.com", first: 1) {
  edges { node { ...Customer360 } } } }
"""
)
PAGE = (
    FRAGMENT
    + """
query Page($first: Int!) { customers(first: $first) { edges { node { ...Customer360 } } } }
"""
)


async def traced(graphql: GraphQLClient, query: str, first: int) -> dict[str, Any]:
    body = await graphql.execute(query, {"first": first}, trace=True)
    assert "errors" not in body, body.get("errors")
    assert len(body["data"]["customers"]["edges"]) == first
    trace: dict[str, Any] = body["extensions"]["trace"]
    return trace


async def test_one_customer_and_fifty_customers_cost_the_same_number_of_queries(
    graphql: GraphQLClient,
) -> None:
    one = await traced(graphql, ONE, 1)
    fifty = await traced(graphql, PAGE, 50)
    assert one["cypherQueries"] == fifty["cypherQueries"]
    # one query per hop: the root, 11 one-hop fields of a customer, then the hops below them
    assert fifty["cypherQueries"] <= 20


async def test_trace_reports_database_and_total_time(graphql: GraphQLClient) -> None:
    trace = await traced(graphql, PAGE, 3)
    assert trace["cypherQueries"] > 1
    assert 0 < trace["dbMillis"] <= trace["totalMillis"]


async def test_no_trace_without_the_header(graphql: GraphQLClient) -> None:
    body = await graphql.execute(PAGE, {"first": 1})
    assert "trace" not in (body.get("extensions") or {})

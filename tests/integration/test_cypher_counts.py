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


# Every field the cross-channel journeys added, each hop once (the comment counts the hops).
JOURNEYS = """
query Journeys($first: Int!) { customers(first: $first) { edges { node {       # 1
  cart { id status lastDevice { id kind }                                      # 2, 3
         items { product { sku name } } history(first: 3) { totalCount } }    # 4
  openCases { id order { id journey } }                                        # 5, 6, 7
  loyalty { points ledger(first: 3) { edges { node { action points } } } }     # 8
  journey { path(first: 5) { channel kind } channelTransitions { from to count }
            researchOnlineBuyOffline researchOfflineBuyOnline }               # 9, 10
  stats { recency frequency monetary rfmSegment }                              # 11
  recommendations(first: 3) { product { sku name } score reason }              # 12
  notes { text store { id } }                                                  # 13, 14
  importantDates { kind date }                                                 # 15
  orders(first: 3) { edges { node {                                            # 16
    journey                                                                    # 17
    cart { id history(first: 2) { totalCount } }                               # 18, 19
    store { id                                                                 # 20
      pickupsReady { order { id } customer { id recommendations(first: 2) { reason } } }  # 21-23
      visitsToday(at: "2026-03-04T12:00:00Z") { id }                           # 24
      lapsedCustomers(first: 3) { id }                                         # 25
      customer(id: "cus-a35f8c06c1c35f4a") { id } } } } }                      # 26
} } } }
"""
JOURNEY_HOPS = 26


async def test_journey_fields_cost_one_query_per_hop_for_any_number_of_customers(
    graphql: GraphQLClient,
) -> None:
    forty = await traced(graphql, JOURNEYS, 40)
    fifty = await traced(graphql, JOURNEYS, 50)
    assert fifty["cypherQueries"] == forty["cypherQueries"]
    assert fifty["cypherQueries"] <= JOURNEY_HOPS

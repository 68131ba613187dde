"""Walking a whole list page by page never skips or repeats an entry."""

from __future__ import annotations

from typing import Any

from neo4j import AsyncDriver

from tests.utils.graphql import GraphQLClient
from tests.utils.people import ANA


async def walk(
    graphql: GraphQLClient, query: str, path: list[str], first: int, **variables: Any
) -> tuple[list[str], int]:
    """Follow `endCursor` until `hasNextPage` is false; returns the ids seen and totalCount."""
    seen: list[str] = []
    after = None
    totals = set()
    for _ in range(1000):
        data: Any = await graphql.data(query, {"first": first, "after": after, **variables})
        for key in path:
            data = data[key]
        totals.add(data["totalCount"])
        seen += [edge["node"]["id"] for edge in data["edges"]]
        assert len(data["edges"]) <= first
        if not data["pageInfo"]["hasNextPage"]:
            break
        assert len(data["edges"]) == first, "a page that is not the last one is full"
        after = data["pageInfo"]["endCursor"]
    assert len(totals) == 1, "totalCount is the same on every page"
    return seen, totals.pop()


async def test_walking_all_customers_sees_each_exactly_once(
    graphql: GraphQLClient, demo_graph: AsyncDriver, database: str
) -> None:
    query = """query($first: Int, $after: String) { customers(first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }"""
    seen, total = await walk(graphql, query, ["customers"], 7)
    records, _, _ = await demo_graph.execute_query(
        "MATCH (c:Customer) RETURN c.id AS id ORDER BY id", database_=database
    )
    assert seen == [r["id"] for r in records]
    assert total == len(seen) == len(set(seen))


async def test_walking_search_results_sees_each_hit_once(
    graphql: GraphQLClient, demo_graph: AsyncDriver, database: str
) -> None:
    records, _, _ = await demo_graph.execute_query(
        "MATCH (c:Customer) WHERE c.familyName IS NOT NULL "
        "RETURN c.familyName AS name, count(*) AS n ORDER BY n DESC, name LIMIT 1",
        database_=database,
    )
    family = records[0]["name"]
    query = """query($first: Int, $after: String, $q: String) {
        customers(search: $q, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id familyName } } } }"""
    seen, total = await walk(graphql, query, ["customers"], 2, q=family)
    assert len(seen) == len(set(seen)) == total
    assert total >= records[0]["n"]


async def test_walking_the_busiest_customers_interactions_matches_the_graph(
    graphql: GraphQLClient, demo_graph: AsyncDriver, database: str
) -> None:
    records, _, _ = await demo_graph.execute_query(
        "MATCH (c:Customer)-[:PERFORMED]->(i) WITH c, count(i) AS n "
        "ORDER BY n DESC, c.id LIMIT 1 "
        "MATCH (c)-[:PERFORMED]->(i:Interaction) WITH c, i ORDER BY i.at DESC, i.id DESC "
        "RETURN c.id AS customer, collect(i.id) AS ids",
        database_=database,
    )
    customer, expected = records[0]["customer"], records[0]["ids"]
    query = """query($first: Int, $after: String, $id: ID!) { customer(id: $id) {
        interactions(first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }"""
    seen, total = await walk(graphql, query, ["customer", "interactions"], 4, id=customer)
    assert seen == expected
    assert total == len(expected) > 4


async def test_walking_orders_and_the_timeline(
    graphql: GraphQLClient, demo_graph: AsyncDriver, database: str
) -> None:
    records, _, _ = await demo_graph.execute_query(
        "MATCH (c:Customer)-[:PLACED]->(o) WITH c, count(o) AS n "
        "ORDER BY n DESC, c.id LIMIT 1 "
        "MATCH (c)-[:PLACED]->(o:Order) WITH c, o ORDER BY o.placedAt DESC, o.id DESC "
        "RETURN c.id AS customer, collect(o.id) AS ids",
        database_=database,
    )
    customer, expected = records[0]["customer"], records[0]["ids"]
    orders = """query($first: Int, $after: String, $id: ID!) { customer(id: $id) {
        orders(first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }"""
    seen, total = await walk(graphql, orders, ["customer", "orders"], 2, id=customer)
    assert seen == expected and total == len(expected)

    timeline = """query($first: Int, $after: String, $id: ID!) { customer(id: $id) {
        timeline(first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id at } } } } }"""
    seen, total = await walk(graphql, timeline, ["customer", "timeline"], 3, id=customer)
    whole = await graphql.data(
        "query($id: ID!) { customer(id: $id) { timeline(first: 100) { edges { node { id } } } } }",
        {"id": customer},
    )
    assert seen == [e["node"]["id"] for e in whole["customer"]["timeline"]["edges"]]
    assert total == len(seen) == len(set(seen))


async def test_first_zero_returns_no_edges_but_the_total(graphql: GraphQLClient) -> None:
    data = await graphql.data(
        """{ customer(id: "%s") { orders(first: 0) {
            totalCount pageInfo { hasNextPage endCursor } edges { cursor } } } }"""
        % ANA
    )
    orders = data["customer"]["orders"]
    assert orders == {
        "totalCount": 2,
        "pageInfo": {"hasNextPage": True, "endCursor": None},
        "edges": [],
    }

"""Every Customer field agrees with what the graph holds, for customers with a bit of everything."""

from __future__ import annotations

import json
from typing import Any

from neo4j import AsyncDriver

from tests.utils.graphql import GraphQLClient

EVERYTHING = """
query($id: ID!) { customer(id: $id) {
  id givenName familyName birthDate locale anonymous sizes preferences
  address { line1 city postalCode country }
  identifiers { type value firstSeen lastSeen }
  devices { id kind os model lastSeen }
  accounts { id kind status createdAt }
  cart { id items { sku quantity unitPrice product { sku name price brand } }
         subtotal updatedAt lastChannel }
  interactions(first: 100) { totalCount edges { node {
    id kind channel at sku query url text rating durationSeconds device { id } } } }
  loyalty { points tier }
  stats { firstSeen lastSeen lastChannel }
} }
"""


async def _one(driver: AsyncDriver, database: str, cypher: str) -> dict[str, Any]:
    records, _, _ = await driver.execute_query(cypher, database_=database)
    assert records, f"the demo data has no customer for: {cypher}"
    return records[0].data()


async def test_profile_fields_match_the_graph(
    graphql: GraphQLClient, demo_graph: AsyncDriver, database: str
) -> None:
    truth = await _one(
        demo_graph,
        database,
        "MATCH (c:Customer) WHERE c.birthDate IS NOT NULL AND c.addressCity IS NOT NULL "
        "AND c.preferencesJson IS NOT NULL "
        "RETURN c {.*} AS c, [(c)-[:HAS_ACCOUNT]->(a) | a.kind] AS accounts, "
        "[(c)-[:USES_DEVICE]->(d) | d.id] AS devices, "
        "COLLECT { MATCH (c)-[:HAS_IDENTIFIER]->(i) RETURN DISTINCT [i.type, i.value] } "
        "AS identifiers ORDER BY c.id LIMIT 1",
    )
    c = truth["c"]
    api = (await graphql.data(EVERYTHING, {"id": c["id"]}))["customer"]
    assert api["givenName"] == c["givenName"] and api["familyName"] == c["familyName"]
    assert api["birthDate"] == c["birthDate"].iso_format()
    assert api["locale"] == c["locale"]
    assert api["address"]["city"] == c["addressCity"]
    assert api["address"]["line1"] == c.get("addressLine1")
    assert api["address"]["postalCode"] == c.get("addressPostalCode")
    assert api["sizes"] == json.loads(c.get("sizesJson") or "{}")
    assert api["preferences"] == json.loads(c["preferencesJson"])
    assert api["anonymous"] is False
    assert sorted(a["kind"] for a in api["accounts"]) == sorted(truth["accounts"])
    assert sorted(d["id"] for d in api["devices"]) == sorted(truth["devices"])
    assert all(d["kind"] and d["lastSeen"] for d in api["devices"])
    assert sorted([i["type"], i["value"]] for i in api["identifiers"]) == sorted(
        truth["identifiers"]
    )
    for identifier in api["identifiers"]:
        assert identifier["firstSeen"] <= identifier["lastSeen"]
    assert api["loyalty"]["points"] == c["loyaltyPoints"]
    assert api["loyalty"]["tier"] == c["loyaltyTier"]
    assert api["stats"]["firstSeen"] <= api["stats"]["lastSeen"]
    assert api["stats"]["lastChannel"]

    member = await _one(
        demo_graph,
        database,
        "MATCH (c:Customer)-[:HAS_ACCOUNT]->(a:Account) "
        "RETURN c.id AS id, collect([a.id, a.kind, a.status]) AS accounts ORDER BY id LIMIT 1",
    )
    accounts = (await graphql.data(EVERYTHING, {"id": member["id"]}))["customer"]["accounts"]
    assert sorted([a["id"], a["kind"], a["status"]] for a in accounts) == sorted(member["accounts"])


async def test_an_open_cart_with_its_items_and_products(
    graphql: GraphQLClient, demo_graph: AsyncDriver, database: str
) -> None:
    truth = await _one(
        demo_graph,
        database,
        "MATCH (c:Customer)-[:HAS_CART]->(cart:Cart {status: 'OPEN'})-[r:CONTAINS]->(p:Product) "
        "WITH c, cart, collect([p.sku, r.quantity, r.unitPrice, p.name]) AS items "
        "RETURN c.id AS id, cart.id AS cart, cart.lastChannel AS channel, items "
        "ORDER BY size(items) DESC, id LIMIT 1",
    )
    cart = (await graphql.data(EVERYTHING, {"id": truth["id"]}))["customer"]["cart"]
    assert cart["id"] == truth["cart"]
    assert cart["lastChannel"] == truth["channel"]
    assert cart["updatedAt"]
    items = sorted(
        [i["sku"], i["quantity"], i["unitPrice"], i["product"]["name"]] for i in cart["items"]
    )
    assert items == sorted(truth["items"])
    expected = round(sum(quantity * price for _, quantity, price, _ in truth["items"]), 2)
    assert cart["subtotal"] == expected


async def test_interaction_fields_match_the_graph(
    graphql: GraphQLClient, demo_graph: AsyncDriver, database: str
) -> None:
    truth = await _one(
        demo_graph,
        database,
        "MATCH (c:Customer)-[:PERFORMED]->(i:Interaction) "
        "WITH c, collect(i) AS seen WHERE any(i IN seen WHERE i.rating IS NOT NULL) "
        "RETURN c.id AS id, [i IN seen | i {.*, device: head([(i)-[:VIA_DEVICE]->(d) | d.id])}] "
        "AS interactions ORDER BY size(seen) DESC, id LIMIT 1",
    )
    api = (await graphql.data(EVERYTHING, {"id": truth["id"]}))["customer"]["interactions"]
    by_id = {e["node"]["id"]: e["node"] for e in api["edges"]}
    assert api["totalCount"] == len(truth["interactions"]) == len(by_id)
    for expected in truth["interactions"]:
        got = by_id[expected["id"]]
        for field in ("kind", "channel", "sku", "query", "url", "text", "rating"):
            assert got[field] == expected.get(field), (field, expected)
        assert got["durationSeconds"] == expected.get("durationSeconds")
        assert got["at"][:19] == expected["at"].iso_format()[:19]
        assert (got["device"] or {}).get("id") == expected["device"]

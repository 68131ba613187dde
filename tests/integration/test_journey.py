"""Ana's journey in docs/examples.jsonl ends exactly as docs/EVENTS.md describes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from neo4j import AsyncDriver

from tests.utils.graphql import GraphQLClient

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples.jsonl"

INGEST = """mutation($events: [EventInput!]!) { ingestEvents(events: $events) {
    eventId status customerId mergedCustomerIds warnings error { code field message } } }"""

ANA = """query($email: String!) { customerByIdentifier(type: EMAIL, value: $email) {
  id givenName familyName locale sizes address { city country } anonymous
  identifiers { type value }
  devices { id kind }
  stats { lifetimeValue orderCount channels }
  orders { totalCount edges { node { id channel status total currency fulfillment
    fulfillmentStore { id } store { id } device { id kind }
    statusHistory { status channel store { id } } lines { sku quantity } } } }
  cart { items { sku } }
  supportCases { id status channels order { id } messages { channel text } }
  consents { purpose channel granted documentVersion }
  loyalty { points tier }
  identity {
    identifiers { type value firstSeen lastSeen channels sources }
    merges { id mergedCustomerId at eventId linkedBy { type value } }
    conflicts { reason }
  }
} }"""


def journey() -> list[dict[str, Any]]:
    return [json.loads(line) for line in EXAMPLES.read_text().splitlines() if line.strip()]


async def replay(client: GraphQLClient) -> list[dict[str, Any]]:
    data = await client.data(INGEST, {"events": journey()})
    results: list[dict[str, Any]] = data["ingestEvents"]
    return results


async def test_the_journey_applies_every_event(client: GraphQLClient) -> None:
    results = await replay(client)
    assert [r["eventId"] for r in results] == [e["eventId"] for e in journey()]
    assert {r["status"] for r in results} == {"APPLIED"}, results
    assert all(r["error"] is None for r in results)


async def test_the_journey_ends_as_the_contract_says(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    await replay(client)
    records, _, _ = await empty_graph.execute_query(
        "MATCH (c:Customer) RETURN count(c) AS n", database_=database
    )
    assert records[0]["n"] == 2, "Replaying examples.jsonl leaves two customers"

    ana = (await client.data(ANA, {"email": "ana.lima@example.com"}))["customerByIdentifier"]
    assert (ana["givenName"], ana["familyName"], ana["locale"]) == ("Ana", "Lima", "pt-BR")
    assert ana["sizes"] == {"jacket": "M"}
    assert ana["address"] == {"city": "Lisbon", "country": "PT"}
    assert ana["anonymous"] is False

    # first an anonymous web cookie, then a loyalty-card profile met in the store: 2 merges
    merges = ana["identity"]["merges"]
    assert len(merges) == 2
    assert [m["eventId"] for m in merges] == ["ex-03", "ex-06"]
    assert merges[0]["linkedBy"] == [{"type": "COOKIE_ID", "value": "ck-7f3a"}]
    assert merges[1]["linkedBy"] == [{"type": "LOYALTY_ID", "value": "LN-5521"}]

    assert sorted(ana["stats"]["channels"]) == sorted(
        ["WEB", "MOBILE_APP", "STORE", "CHAT", "EMAIL", "CALL_CENTER"]
    )
    assert ana["stats"]["lifetimeValue"] == 155.5 and ana["stats"]["orderCount"] == 2
    orders = {e["node"]["id"]: e["node"] for e in ana["orders"]["edges"]}
    assert set(orders) == {"ord-3001", "ord-3002"}
    pickup = orders["ord-3002"]
    assert (pickup["channel"], pickup["status"]) == ("WEB", "PICKED_UP")
    assert [(s["status"], s["channel"]) for s in pickup["statusHistory"]] == [
        ("PLACED", "WEB"),
        ("PICKED_UP", "STORE"),
    ]
    assert pickup["fulfillmentStore"] == {"id": "store-lisbon-1"}
    in_store = orders["ord-3001"]
    assert in_store["store"] == {"id": "store-lisbon-1"}
    assert in_store["device"] == {"id": "pos-lisbon-1-03", "kind": "POS"}

    assert ana["cart"] == {"items": []}, "the cart was checked out in the store"
    (case,) = ana["supportCases"]
    assert case["id"] == "case-77" and case["status"] == "RESOLVED"
    assert case["channels"] == ["CHAT", "EMAIL", "CALL_CENTER"]
    assert case["order"] == {"id": "ord-3001"}
    assert {"purpose": "MARKETING", "channel": "SMS", "granted": False,
            "documentVersion": "2026-01"} in ana["consents"]  # fmt: skip
    assert ana["loyalty"]["points"] == 20

    # the store's POS terminal never identifies anyone
    keys = {(i["type"], i["value"]) for i in ana["identifiers"]}
    assert ("DEVICE_ID", "pos-lisbon-1-03") not in keys
    assert {("EMAIL", "ana.lima@example.com"), ("LOYALTY_ID", "LN-5521"),
            ("PHONE", "+351912345678"), ("COOKIE_ID", "ck-7f3a")} <= keys  # fmt: skip
    email = next(i for i in ana["identity"]["identifiers"] if i["type"] == "EMAIL")
    assert set(email["channels"]) >= {"MOBILE_APP", "WEB", "STORE", "CHAT", "EMAIL"}
    assert email["firstSeen"].startswith("2026-03-02T08:15")


async def test_rui_shares_the_family_tablet_and_is_never_merged(client: GraphQLClient) -> None:
    await replay(client)
    query = """query($email: String!) { customerByIdentifier(type: EMAIL, value: $email) {
        id devices { id } identity { merges { id } } } }"""
    rui = (await client.data(query, {"email": "rui.lima@example.com"}))["customerByIdentifier"]
    ana = (await client.data(query, {"email": "ana.lima@example.com"}))["customerByIdentifier"]
    assert rui["id"] != ana["id"]
    assert rui["identity"]["merges"] == []
    assert "dev-family-tablet" in {d["id"] for d in rui["devices"]}
    assert "dev-family-tablet" in {d["id"] for d in ana["devices"]}


async def test_a_replay_applies_nothing_twice(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    await replay(client)
    count = "MATCH (n) RETURN count(n) AS nodes, COUNT { ()-->() } AS rels"
    before, _, _ = await empty_graph.execute_query(count, database_=database)
    again = await replay(client)
    assert {r["status"] for r in again} == {"DUPLICATE"}
    after, _, _ = await empty_graph.execute_query(count, database_=database)
    assert after[0].data() == before[0].data()


async def test_merged_ids_resolve_to_the_survivor(client: GraphQLClient) -> None:
    results = await replay(client)
    ana_id = next(r["customerId"] for r in results if r["eventId"] == "ex-06")
    merged = [m for r in results for m in r["mergedCustomerIds"]]
    assert len(merged) == 2
    for old_id in merged:
        data = await client.data(
            "query($id: ID!) { customer(id: $id) { id givenName } }", {"id": old_id}
        )
        assert data["customer"] == {"id": ana_id, "givenName": "Ana"}


async def test_a_replay_into_an_empty_graph_gives_the_same_ids(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    from tests.conftest import wipe

    first = [(r["customerId"], r["mergedCustomerIds"]) for r in await replay(client)]
    await wipe(empty_graph, database)
    second = [(r["customerId"], r["mergedCustomerIds"]) for r in await replay(client)]
    assert first == second

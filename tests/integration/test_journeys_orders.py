"""Orders across channels: bought online, made ready and picked up in a store, told as one story;
and the store's list of pickups waiting for their customers."""

from __future__ import annotations

from typing import Any

from neo4j import AsyncDriver

from graph.seed.reference import load_reference_data
from resolvers.principal import Role
from tests.utils.examples import event, example_events, ingest
from tests.utils.graphql import GraphQLClient

ORDER = """query($id: ID!) { order(id: $id) {
  id channel status journey statusHistory { status channel at store { id } } } }"""


async def test_anas_orders_tell_their_journey(graphql: GraphQLClient) -> None:
    pickup = (await graphql.data(ORDER, {"id": "ord-3002"}))["order"]
    assert pickup["journey"] == "placed on WEB, picked up in STORE"
    assert [(s["status"], s["channel"], s["store"]) for s in pickup["statusHistory"]] == [
        ("PLACED", "WEB", None),
        ("PICKED_UP", "STORE", {"id": "store-lisbon-1"}),
    ]
    till = (await graphql.data(ORDER, {"id": "ord-3001"}))["order"]
    assert till["journey"] == "paid in STORE"


async def test_a_click_and_collect_order_in_the_demo_data_reads_as_one_story(
    graphql: GraphQLClient, demo_graph: AsyncDriver, database: str
) -> None:
    records, _, _ = await demo_graph.execute_query(
        "MATCH (o:Order {fulfillment: 'PICKUP_IN_STORE'})-[:HAS_STATUS]->(:OrderStatus {status: 'READY_FOR_PICKUP'}) "
        "MATCH (o)-[:FULFILLED_AT]->(s:Store) RETURN o.id AS id, o.channel AS channel, s.id AS store "
        "ORDER BY o.id LIMIT 1",
        database_=database,
    )
    truth = records[0]
    order = (await graphql.data(ORDER, {"id": truth["id"]}))["order"]
    assert order["journey"].startswith(f"placed and paid on {truth['channel']}, ")
    assert f"ready in {truth['store']}" in order["journey"]
    assert order["journey"].endswith("picked up in STORE")


def _bopis(order_id: str, email: str, store: str, steps: list[tuple[str, str]]) -> list[Any]:
    """An order placed on the web for pickup at `store`, then (status, at) steps in the store."""
    ids = [("EMAIL", email)]
    events = [
        event(f"{order_id}-0", "order", "WEB", ids, "2026-05-01T10:00:00Z",
              order={"orderId": order_id, "status": "PLACED", "currency": "EUR", "total": 35.5,
                     "fulfillment": "PICKUP_IN_STORE", "fulfillmentStoreId": store,
                     "lines": [{"sku": "SCF-020", "quantity": 1, "unitPrice": 35.5}]}),
    ]  # fmt: skip
    for n, (status, at) in enumerate(steps, start=1):
        events.append(
            event(f"{order_id}-{n}", "order", "STORE", ids, at, storeId=store,
                  order={"orderId": order_id, "status": status})
        )  # fmt: skip
    return events


PICKUPS = """query($store: ID!) { store(id: $store) {
  pickupsReady { order { id journey fulfillmentStore { id } } customer { id givenName identifiers { type value } } } } }"""


async def test_a_store_sees_the_orders_ready_for_pickup(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    await load_reference_data(empty_graph, database)
    await ingest(client, [
        event("who-1", "identify", "WEB", [("EMAIL", "lia@example.com")], "2026-04-30T10:00:00Z",
              traits={"givenName": "Lia"}),
        *_bopis("ord-ready", "lia@example.com", "store-lisbon-1",
                [("READY_FOR_PICKUP", "2026-05-02T09:00:00Z")]),
        *_bopis("ord-gone", "lia@example.com", "store-lisbon-1",
                [("READY_FOR_PICKUP", "2026-05-02T09:00:00Z"), ("PICKED_UP", "2026-05-03T17:00:00Z")]),
        # the pickup reached the store system before the ready step that happened earlier
        *_bopis("ord-late", "lia@example.com", "store-lisbon-1",
                [("PICKED_UP", "2026-05-04T17:00:00Z"), ("READY_FOR_PICKUP", "2026-05-02T09:30:00Z")]),
        *_bopis("ord-porto", "lia@example.com", "store-porto-1",
                [("READY_FOR_PICKUP", "2026-05-02T09:00:00Z")]),
    ])  # fmt: skip

    associate = client.as_role(Role.ASSOCIATE, store_id="store-lisbon-1")
    (pickup,) = (await associate.data(PICKUPS, {"store": "store-lisbon-1"}))["store"][
        "pickupsReady"
    ]
    assert pickup["order"]["id"] == "ord-ready"
    assert pickup["order"]["journey"] == "placed on WEB, ready in store-lisbon-1"
    assert pickup["order"]["fulfillmentStore"] == {"id": "store-lisbon-1"}
    assert pickup["customer"]["givenName"] == "Lia"
    assert pickup["customer"]["identifiers"] == [{"type": "EMAIL", "value": "l***@example.com"}]

    late = (await client.data(ORDER, {"id": "ord-late"}))["order"]
    assert late["status"] == "PICKED_UP"
    assert late["journey"] == "placed on WEB, ready in store-lisbon-1, picked up in STORE"

    agent = await client.as_role(Role.AGENT).data(PICKUPS, {"store": "store-porto-1"})
    assert [p["order"]["id"] for p in agent["store"]["pickupsReady"]] == ["ord-porto"]


async def test_store_lists_are_for_staff_and_associates_see_their_own_store(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    await load_reference_data(empty_graph, database)
    await ingest(client, _bopis("ord-x", "lia@example.com", "store-lisbon-1", []))
    for role, store in [
        (Role.ASSOCIATE, "store-porto-1"),
        (Role.CUSTOMER, "store-lisbon-1"),
        (Role.ANALYST, "store-lisbon-1"),
    ]:
        caller = client.as_role(role, store_id="store-lisbon-1", customer_id="cus-someone")
        body = await caller.execute(PICKUPS, {"store": store})
        assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"], (role, body)


async def test_every_example_order_step_keeps_its_channel(client: GraphQLClient) -> None:
    await ingest(client, example_events())
    order = (await client.data(ORDER, {"id": "ord-3002"}))["order"]
    assert order["journey"] == "placed on WEB, picked up in STORE"

"""Recommendations from the graph, each with a reason a person reads: the cart, what was viewed
on another channel and not bought, what others bought with it; never what was bought already,
unless it runs out; nothing for someone who refused personalisation."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import AsyncDriver

from graph.seed.reference import load_reference_data
from resolvers.principal import Role
from tests.utils.examples import event, ingest
from tests.utils.graphql import GraphQLClient

ZE = [("EMAIL", "ze@example.com")]


def _order(order_id: str, email: str, at: str, skus: list[str]) -> dict[str, Any]:
    lines = [{"sku": sku, "quantity": 1, "unitPrice": 10.0} for sku in skus]
    return event(order_id, "order", "STORE", [("EMAIL", email)], at, storeId="store-lisbon-1",
                 order={"orderId": order_id, "status": "PAID", "currency": "EUR",
                        "total": 10.0 * len(skus), "fulfillment": "IN_STORE", "lines": lines})  # fmt: skip


EVENTS = [
    # Zé bought the rain jacket in Lisbon, and a face cream (which runs out)
    _order("ord-ze-1", "ze@example.com", "2026-03-01T10:00:00Z", ["JKT-100"]),
    _order("ord-ze-2", "ze@example.com", "2026-03-02T10:00:00Z", ["BTY-020"]),
    # ...then looked at a sweater and the cream again in the app, the jacket on the web
    event("ze-v1", "interaction", "MOBILE_APP", ZE, "2026-03-12T20:00:00Z",
          interaction={"kind": "PRODUCT_VIEW", "sku": "SWT-010"}),
    event("ze-v2", "interaction", "MOBILE_APP", ZE, "2026-03-10T20:00:00Z",
          interaction={"kind": "PRODUCT_VIEW", "sku": "BTY-020"}),
    event("ze-v3", "interaction", "WEB", ZE, "2026-03-11T20:00:00Z",
          interaction={"kind": "PRODUCT_VIEW", "sku": "JKT-100"}),
    # ...and put a scarf in the cart
    event("ze-c1", "cart", "WEB", ZE, "2026-03-13T09:00:00Z",
          cart={"action": "ADD", "sku": "SCF-020", "quantity": 1, "unitPrice": 35.5}),
    # Bea bought the jacket with ankle boots; Cai bought the jacket, and later a candle
    _order("ord-bea", "bea@example.com", "2026-02-01T10:00:00Z", ["JKT-100", "BTS-010"]),
    _order("ord-cai-1", "cai@example.com", "2026-02-02T10:00:00Z", ["JKT-100"]),
    _order("ord-cai-2", "cai@example.com", "2026-02-20T10:00:00Z", ["HOM-010"]),
]  # fmt: skip

RECOMMENDATIONS = """query($first: Int) { customerByIdentifier(type: EMAIL, value: "ze@example.com") {
  recommendations(first: $first) { product { sku name category price } score reason } } }"""


@pytest.fixture
async def shop(client: GraphQLClient, empty_graph: AsyncDriver, database: str) -> GraphQLClient:
    await load_reference_data(empty_graph, database)
    await ingest(client, EVENTS)
    return client


async def _suggested(client: GraphQLClient, first: int | None = None) -> list[dict[str, Any]]:
    data = await client.data(RECOMMENDATIONS, {"first": first} if first is not None else {})
    customer = data["customerByIdentifier"]
    result: list[dict[str, Any]] = customer["recommendations"]
    return result


async def test_each_suggestion_says_why(shop: GraphQLClient) -> None:
    suggested = await _suggested(shop, 10)
    assert [(r["product"]["sku"], r["reason"]) for r in suggested] == [
        ("SCF-020", "in your cart"),
        ("BTY-020", "viewed in the app on 10 Mar"),  # bought before, but it runs out
        ("SWT-010", "viewed in the app on 12 Mar"),
        ("BTS-010", "bought together with Rain jacket"),
        ("HOM-010", "customers who bought Rain jacket also bought it"),
    ]
    assert [r["score"] for r in suggested] == [1.0, 0.7, 0.7, 0.35, 0.2]
    assert suggested[0]["product"] == {
        "sku": "SCF-020", "name": "Wool scarf", "category": "accessories", "price": 35.5
    }  # fmt: skip
    assert "JKT-100" not in {r["product"]["sku"] for r in suggested}, "bought already"


async def test_first_defaults_to_five_and_bounds_the_list(shop: GraphQLClient) -> None:
    assert len(await _suggested(shop)) == 5
    assert [r["product"]["sku"] for r in await _suggested(shop, 2)] == ["SCF-020", "BTY-020"]
    assert await _suggested(shop, 0) == []
    error = await shop.error(RECOMMENDATIONS, {"first": 101})
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "first"}


async def test_nothing_is_suggested_to_someone_who_refused_personalisation(
    shop: GraphQLClient,
) -> None:
    refuse = event("ze-p1", "consent", "WEB", ZE, "2026-03-14T09:00:00Z",
                   consent={"purpose": "PERSONALIZATION", "channel": "ALL", "granted": False})  # fmt: skip
    await ingest(shop, [refuse])
    assert await _suggested(shop) == []
    associate = shop.as_role(Role.ASSOCIATE)
    assert (await associate.data(RECOMMENDATIONS))["customerByIdentifier"]["recommendations"] == []
    grant = event("ze-p2", "consent", "MOBILE_APP", ZE, "2026-03-15T09:00:00Z",
                  consent={"purpose": "PERSONALIZATION", "channel": "ALL", "granted": True})  # fmt: skip
    await ingest(shop, [grant])
    assert len(await _suggested(shop)) == 5


async def test_who_may_ask_for_recommendations(shop: GraphQLClient) -> None:
    ze = await shop.data('{ customerByIdentifier(type: EMAIL, value: "ze@example.com") { id } }')
    ze_id = ze["customerByIdentifier"]["id"]
    own = await shop.as_role(Role.CUSTOMER, customer_id=ze_id).data(
        "{ me { recommendations(first: 1) { reason } } }"
    )
    assert own["me"]["recommendations"] == [{"reason": "in your cart"}]
    associate = await shop.as_role(Role.ASSOCIATE).data(RECOMMENDATIONS, {"first": 1})
    assert associate["customerByIdentifier"]["recommendations"][0]["reason"] == "in your cart"
    body = await shop.as_role(Role.ANALYST).execute(
        '{ customer(id: "%s") { recommendations { reason } } }' % ze_id
    )
    assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]

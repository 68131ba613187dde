"""Products are met in events before any catalogue names them: the first order line does."""

from __future__ import annotations

from tests.utils.graphql import GraphQLClient

INGEST = """mutation($events: [EventInput!]!) { ingestEvents(events: $events) { status } }"""
EMAIL = [{"type": "EMAIL", "value": "lea@example.com"}]


async def test_a_product_first_put_in_a_cart_gets_its_name_from_the_first_order(
    client: GraphQLClient,
) -> None:
    events = [
        {"eventId": "p-1", "type": "cart", "at": "2026-05-01T10:00:00Z", "channel": "WEB",
         "identifiers": EMAIL, "cart": {"action": "ADD", "sku": "MUG-010", "quantity": 1}},
        {"eventId": "p-2", "type": "order", "at": "2026-05-01T10:05:00Z", "channel": "WEB",
         "identifiers": EMAIL,
         "order": {"orderId": "ord-p-2", "status": "PLACED", "currency": "EUR", "total": 12.5,
                   "lines": [{"sku": "MUG-010", "name": "Stoneware mug", "category": "home",
                              "quantity": 1, "unitPrice": 12.5}]}},
    ]  # fmt: skip
    results = (await client.data(INGEST, {"events": events}))["ingestEvents"]
    assert [r["status"] for r in results] == ["APPLIED", "APPLIED"]
    found = await client.data('{ product(sku: "MUG-010") { name category } }')
    assert found["product"] == {"name": "Stoneware mug", "category": "home"}

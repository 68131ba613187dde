"""`POST /events`: NDJSON or a JSON array in, one NDJSON result per event out."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from graph.metrics import cypher_total
from tests.utils.graphql import GraphQLClient

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples.jsonl"


async def test_ndjson_in_ndjson_out(client: GraphQLClient) -> None:
    body = EXAMPLES.read_text() + "{broken\n"
    async with client.http() as http:
        response = await http.post(
            "/events", content=body, headers={"Content-Type": "application/x-ndjson"}
        )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    results = [json.loads(line) for line in response.text.splitlines()]
    assert len(results) == 17
    assert {r["status"] for r in results[:16]} == {"APPLIED"}
    assert results[16]["status"] == "REJECTED"
    assert results[16]["error"]["code"] == "INVALID_JSON"
    assert results[2]["mergedCustomerIds"], "ex-03 stitches the anonymous cookie"


async def test_a_json_array_and_a_replay(client: GraphQLClient) -> None:
    events = [json.loads(line) for line in EXAMPLES.read_text().splitlines()][:3]
    async with client.http() as http:
        first = await http.post("/events", json=events)
        again = await http.post("/events", json=events)
    assert [json.loads(x)["status"] for x in first.text.splitlines()] == ["APPLIED"] * 3
    assert [json.loads(x)["status"] for x in again.text.splitlines()] == ["DUPLICATE"] * 3


async def test_bodies_it_cannot_read(client: GraphQLClient) -> None:
    async with client.http() as http:
        not_json = await http.post(
            "/events", content=b"[1,", headers={"Content-Type": "application/json"}
        )
        not_array = await http.post("/events", json={"eventId": "x"})
        wrong_type = await http.post(
            "/events", content=b"<xml/>", headers={"Content-Type": "application/xml"}
        )
        # curl's `--data-binary @missing-file.jsonl` sends nothing: not a success
        empty = await http.post(
            "/events", content=b"", headers={"Content-Type": "application/x-ndjson"}
        )
        empty_array = await http.post("/events", json=[])
    for nothing in (empty, empty_array):
        assert nothing.status_code == 400
        assert nothing.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        assert "no event" in nothing.json()["errors"][0]["message"]
    assert not_json.status_code == 400
    assert not_json.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert not_array.status_code == 400
    assert wrong_type.status_code == 415


def _visits(tag: str, people: int) -> list[dict[str, object]]:
    return [
        {"eventId": f"{tag}-{n}", "type": "interaction", "at": "2026-03-02T10:00:00Z",
         "channel": "WEB", "identifiers": [{"type": "COOKIE_ID", "value": f"ck-{tag}-{n}"}],
         "interaction": {"kind": "PAGE_VIEW", "url": "https://shop.example.com/"}}
        for n in range(people)
    ]  # fmt: skip


async def test_concurrent_requests_are_written_together(client: GraphQLClient) -> None:
    """Sixteen channel systems posting at once share the gateway's ingestion queue (with
    `ingestEvents`): their events go in a few transactions, not one each."""
    async with client.http() as http:
        await http.post("/events", json=_visits("warm", 1))  # the batch statement compiled

        async def post(tag: str) -> list[str]:
            response = await http.post("/events", json=_visits(tag, 5))
            return [json.loads(line)["status"] for line in response.text.splitlines()]

        before = cypher_total()
        for n in range(16):
            assert await post(f"one-{n}") == ["APPLIED"] * 5
        one_by_one = cypher_total() - before

        before = cypher_total()
        answers = await asyncio.gather(*(post(f"together-{n}") for n in range(16)))
        together = cypher_total() - before
    assert answers == [["APPLIED"] * 5] * 16
    # the first requests find the queue free and go alone (as many as it writes and prepares
    # at once: `graph/ingest/queue.py`), the others wait and go together
    assert together * 2 < one_by_one, (together, one_by_one)


async def test_a_large_body_is_applied_in_order(client: GraphQLClient) -> None:
    """A body of several chunks (`gateway/events.py` CHUNK) is submitted at once and still
    applied as its lines are ordered: an order created in the first chunk, its shipping
    reported in the last one by other identifiers, a cart filled across all of them."""
    who = [{"type": "EMAIL", "value": "bulk@example.com"}]
    fill = [
        {"eventId": f"bulk-{n}", "type": "cart", "at": f"2026-03-01T10:{n // 60 % 60:02d}:{n % 60:02d}Z",
         "channel": "WEB", "source": "shopify", "identifiers": who,
         "cart": {"action": "ADD", "sku": "TEE-010", "quantity": 1, "unitPrice": 30.0}}
        for n in range(2400)
    ]  # fmt: skip
    created = {"eventId": "bulk-order", "type": "order", "at": "2026-03-01T09:00:00Z",
               "channel": "STORE", "source": "pos", "storeId": "store-lisbon-1",
               "identifiers": [{"type": "LOYALTY_ID", "value": "LN-BULK"}],
               "order": {"orderId": "ord-bulk", "status": "PAID", "currency": "EUR",
                         "total": 30.0, "fulfillment": "SHIP",
                         "lines": [{"sku": "TEE-010", "name": "Tee", "quantity": 1,
                                    "unitPrice": 30.0}]}}  # fmt: skip
    shipped = {"eventId": "bulk-shipped", "type": "order", "at": "2026-03-02T09:00:00Z",
               "channel": "WEB", "source": "warehouse",
               "identifiers": [{"type": "EMAIL", "value": "bulk-ship@example.com"}],
               "order": {"orderId": "ord-bulk", "status": "SHIPPED"}}  # fmt: skip
    events = [created, *fill, shipped]
    async with client.http() as http:
        response = await http.post("/events", json=events)
    results = [json.loads(line) for line in response.text.splitlines()]
    assert [r["eventId"] for r in results] == [e["eventId"] for e in events]
    assert {r["status"] for r in results} == {"APPLIED"}
    data = await client.data(
        'query { buyer: customerByIdentifier(type: EMAIL, value: "bulk@example.com") '
        "{ cart { items { sku quantity } } } "
        'till: customerByIdentifier(type: LOYALTY_ID, value: "LN-BULK") '
        "{ orders(first: 5) { edges { node { id status } } } } }"
    )
    # every ADD counted once, in a cart that no chunk overtook
    assert data["buyer"]["cart"]["items"] == [{"sku": "TEE-010", "quantity": 2400}]
    assert data["till"]["orders"]["edges"] == [{"node": {"id": "ord-bulk", "status": "SHIPPED"}}]

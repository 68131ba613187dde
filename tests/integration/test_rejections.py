"""Rejected events: named and explained, never half-written, never stopping their neighbours.

EVENTS.md, "Results": an event is applied whole or not at all, and a rejected event names the
field and the reason and never stops the events around it.
"""

from __future__ import annotations

from typing import Any

from neo4j import AsyncDriver

from tests.utils.graphql import GraphQLClient

INGEST = """mutation($events: [EventInput!]!) { ingestEvents(events: $events) {
    eventId status customerId mergedCustomerIds warnings error { code field message }
    reason { code field message } } }"""

ANA = """query { customerByIdentifier(type: EMAIL, value: "ana.lima@example.com") {
  id loyalty { points ledger { totalCount } }
  orders { totalCount edges { node { id } } }
  interactions { totalCount }
  timeline { totalCount }
} }"""

GRAPH = """
MATCH (n) WHERE NOT n:Meta AND NOT n:Channel
WITH count(n) AS nodes, collect(n) AS all
RETURN nodes, COUNT { ()-[]->() } AS relationships,
       reduce(total = 0, n IN all | total + size(keys(n))) AS properties
"""

ANA_EMAIL = {"type": "EMAIL", "value": "ana.lima@example.com"}
RUI_EMAIL = {"type": "EMAIL", "value": "rui.lima@example.com"}


def event(
    event_id: str, kind: str, day: int, *, ids: list[dict[str, str]] | None = None, **rest: Any
) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "eventId": event_id,
        "type": kind,
        "at": f"2026-03-{day:02d}T10:00:00Z",
        "channel": "WEB",
        "identifiers": ids if ids is not None else [ANA_EMAIL],
    }
    raw.update(rest)
    return raw


def visit(event_id: str, day: int, **rest: Any) -> dict[str, Any]:
    return event(event_id, "interaction", day, interaction={"kind": "PAGE_VIEW"}, **rest)


def loyalty(event_id: str, day: int, action: str, points: int) -> dict[str, Any]:
    return event(event_id, "loyalty", day, loyalty={"action": action, "points": points})


def order(event_id: str, day: int, **fields: Any) -> dict[str, Any]:
    body = {
        "orderId": "ord-1",
        "status": "PAID",
        "currency": "EUR",
        "total": 120.0,
        "lines": [{"sku": "JKT-100", "quantity": 1, "unitPrice": 120.0}],
    }
    body.update(fields)
    return event(event_id, "order", day, order={k: v for k, v in body.items() if v is not None})


async def ingest(client: GraphQLClient, *events: dict[str, Any]) -> list[dict[str, Any]]:
    body = await client.data(INGEST, {"events": list(events)})
    results: list[dict[str, Any]] = body["ingestEvents"]
    return results


async def graph_size(driver: AsyncDriver, database: str) -> dict[str, int]:
    records, _, _ = await driver.execute_query(GRAPH, database_=database)
    return {key: int(value) for key, value in records[0].data().items()}


async def ana(client: GraphQLClient) -> dict[str, Any]:
    customer: dict[str, Any] = (await client.data(ANA))["customerByIdentifier"]
    assert customer is not None
    return customer


async def test_a_malformed_event_in_the_middle_of_a_batch_is_rejected_alone(
    client: GraphQLClient,
) -> None:
    results = await ingest(
        client,
        visit("ev-1", 1),
        visit("ev-2", 2, ids=[{"type": "EMAIL", "value": "rui.lima@"}]),
        visit("ev-3", 3, ids=[RUI_EMAIL]),
    )
    assert [(r["eventId"], r["status"]) for r in results] == [
        ("ev-1", "APPLIED"),
        ("ev-2", "REJECTED"),
        ("ev-3", "APPLIED"),
    ]
    rejected = results[1]
    assert rejected["customerId"] is None and rejected["mergedCustomerIds"] == []
    assert rejected["error"]["code"] == "INVALID_FIELD"
    assert rejected["error"]["field"] == "identifiers[0].value"
    assert "'rui.lima@' is not a valid email address" in rejected["error"]["message"]
    assert results[0]["error"] is None and results[2]["error"] is None
    assert (await ana(client))["interactions"]["totalCount"] == 1


async def test_an_invalid_event_writes_nothing(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    await ingest(client, visit("ev-1", 1))
    before = await graph_size(empty_graph, database)
    (result,) = await ingest(
        client, event("ev-2", "order", 2, order={"orderId": "ord-9", "status": "PAID"}, at="soon")
    )
    assert result["status"] == "REJECTED" and result["error"]["field"] == "at"
    assert await graph_size(empty_graph, database) == before


async def test_a_rejected_event_can_be_corrected_and_sent_again_under_the_same_id(
    client: GraphQLClient,
) -> None:
    (first,) = await ingest(client, visit("ev-1", 1, ids=[{"type": "PHONE", "value": "91234"}]))
    assert first["status"] == "REJECTED"
    (second,) = await ingest(client, visit("ev-1", 1))
    assert second["status"] == "APPLIED", "a rejected event id was never applied"
    (third,) = await ingest(client, visit("ev-1", 1))
    assert third["status"] == "DUPLICATE"


async def test_redeeming_more_points_than_the_balance_waits_and_takes_no_points(
    client: GraphQLClient,
) -> None:
    await ingest(client, loyalty("ev-1", 1, "EARN", 100))
    (result,) = await ingest(client, loyalty("ev-2", 2, "REDEEM", 150))
    assert result["status"] == "PENDING" and result["error"] is None
    assert result["reason"]["code"] == "INSUFFICIENT_POINTS"
    assert result["reason"]["field"] == "loyalty.points"
    assert "150" in result["reason"]["message"] and "100" in result["reason"]["message"]
    customer = await ana(client)
    assert customer["loyalty"]["points"] == 100
    assert customer["loyalty"]["ledger"]["totalCount"] == 1, "the waiting redeem moves nothing"
    (again,) = await ingest(client, loyalty("ev-2", 2, "REDEEM", 150))
    assert again["status"] == "DUPLICATE", "kept: a replay changes nothing"


async def test_redeeming_exactly_the_balance_is_allowed(client: GraphQLClient) -> None:
    results = await ingest(
        client, loyalty("ev-1", 1, "EARN", 100), loyalty("ev-2", 2, "REDEEM", 100)
    )
    assert [r["status"] for r in results] == ["APPLIED", "APPLIED"]
    assert (await ana(client))["loyalty"]["points"] == 0


async def test_a_waiting_redemption_does_not_stop_the_next_one(client: GraphQLClient) -> None:
    results = await ingest(
        client,
        loyalty("ev-1", 1, "EARN", 10),
        loyalty("ev-2", 2, "REDEEM", 50),
        loyalty("ev-3", 3, "REDEEM", 5),
    )
    assert [r["status"] for r in results] == ["APPLIED", "PENDING", "APPLIED"]
    assert (await ana(client))["loyalty"]["points"] == 5


async def test_a_brand_new_customer_redeeming_waits_with_no_points(client: GraphQLClient) -> None:
    (result,) = await ingest(client, loyalty("ev-1", 1, "REDEEM", 10))
    assert result["status"] == "PENDING"
    assert result["reason"]["code"] == "INSUFFICIENT_POINTS"
    customer = await ana(client)
    assert customer["loyalty"]["points"] == 0
    assert customer["loyalty"]["ledger"]["totalCount"] == 0


async def test_an_order_redeeming_too_many_points_is_kept_and_its_redemption_waits(
    client: GraphQLClient,
) -> None:
    await ingest(client, loyalty("ev-1", 1, "EARN", 30))
    (result,) = await ingest(
        client, order("ev-2", 2, loyaltyPointsRedeemed=50, loyaltyPointsEarned=120)
    )
    assert result["status"] == "PENDING"
    assert result["reason"]["code"] == "INSUFFICIENT_POINTS"
    assert result["reason"]["field"] == "order.loyaltyPointsRedeemed"
    customer = await ana(client)
    assert customer["orders"]["totalCount"] == 1, "the order happened: it is kept"
    assert customer["loyalty"]["points"] == 150, "what it earned counts; its redemption waits"


async def test_an_order_step_before_the_order_waits_for_it(client: GraphQLClient) -> None:
    await ingest(client, visit("ev-1", 1))
    (result,) = await ingest(client, order("ev-2", 2, lines=None))
    assert result["status"] == "PENDING" and result["error"] is None
    assert (result["reason"]["code"], result["reason"]["field"]) == (
        "WAITING_FOR_ORDER",
        "order.orderId",
    )
    assert "ord-1" in result["reason"]["message"]
    assert (await client.data('{ order(id: "ord-1") { id } }'))["order"] is None
    customer = await ana(client)
    assert customer["timeline"]["totalCount"] == 1, "nothing of it is applied yet"


async def test_later_events_of_an_order_need_no_lines(client: GraphQLClient) -> None:
    results = await ingest(
        client,
        order("ev-1", 1, status="PLACED"),
        order("ev-2", 2, status="SHIPPED", lines=None, currency=None, total=None),
    )
    assert [r["status"] for r in results] == ["APPLIED", "APPLIED"]
    status = await client.data('{ order(id: "ord-1") { status lines { sku quantity } } }')
    assert status["order"] == {"status": "SHIPPED", "lines": [{"sku": "JKT-100", "quantity": 1}]}


async def test_more_than_a_thousand_events_in_one_call_is_refused(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    before = await graph_size(empty_graph, database)
    events = [visit(f"ev-{n}", 1) for n in range(1001)]
    error = await client.error(INGEST, {"events": events})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "1000" in error["message"] and "split" in error["message"]
    assert "Traceback" not in str(error)
    assert await graph_size(empty_graph, database) == before, "not one of them was applied"


async def test_a_thousand_events_in_one_call_are_accepted(client: GraphQLClient) -> None:
    # invalid phones: validation answers each one without touching the graph, so this stays fast
    events = [visit(f"ev-{n}", 1, ids=[{"type": "PHONE", "value": "12"}]) for n in range(1000)]
    results = await ingest(client, *events)
    assert len(results) == 1000
    assert [r["eventId"] for r in results] == [e["eventId"] for e in events]
    assert {r["error"]["code"] for r in results} == {"INVALID_FIELD"}

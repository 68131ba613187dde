"""What an event depends on may arrive after it: the graph ends as if everything came in order.

Each scenario sends Ana's events one call at a time in an arrival order that differs from the
order of `at`, reads her back through the API, and compares the whole graph with the serial run
sorted by `at` (`tests/utils/graph_dump.py`): nothing else differs.
"""

from __future__ import annotations

from typing import Any

from neo4j import AsyncDriver

from tests.conftest import wipe
from tests.utils.graph_dump import customers_by_identifiers, differences, graph_dump
from tests.utils.graphql import GraphQLClient

INGEST = """mutation($events: [EventInput!]!) { ingestEvents(events: $events) {
    eventId status customerId error { code field message } reason { code field message } } }"""

ANA = """query { customerByIdentifier(type: CUSTOMER_ID, value: "ana-1") {
  loyalty { points ledger { edges { node { action points at } } } }
  cart { items { sku quantity } }
  orders { edges { node { id status statusHistory { status channel }
                          cart { status items { sku quantity } } } } }
} }"""

ANA_ID = {"type": "CUSTOMER_ID", "value": "ana-1"}


def at(month: int, day: int) -> str:
    return f"2026-{month:02d}-{day:02d}T10:00:00Z"


def event(event_id: str, kind: str, when: str, channel: str = "WEB", **payload: Any) -> Any:
    raw = {"eventId": event_id, "type": kind, "at": when, "channel": channel,
           "identifiers": [ANA_ID], **payload}  # fmt: skip
    if channel == "STORE":
        raw["storeId"] = "store-lisbon-1"
    return raw


def placed(event_id: str, when: str, order_id: str = "ord-1", **fields: Any) -> Any:
    body = {"orderId": order_id, "status": "PLACED", "currency": "EUR", "total": 40.0,
            "fulfillment": "PICKUP_IN_STORE",
            "lines": [{"sku": "SCF-020", "quantity": 1, "unitPrice": 40.0}], **fields}  # fmt: skip
    return event(event_id, "order", when, order=body)


def step(event_id: str, when: str, status: str, channel: str = "STORE") -> Any:
    return event(event_id, "order", when, channel, order={"orderId": "ord-1", "status": status})


def loyalty(event_id: str, when: str, action: str, points: int) -> Any:
    return event(event_id, "loyalty", when, loyalty={"action": action, "points": points,
                                                     "reference": event_id})  # fmt: skip


def cart(event_id: str, when: str, action: str, sku: str, quantity: int) -> Any:
    return event(event_id, "cart", when, cart={"action": action, "sku": sku,
                                               "quantity": quantity, "unitPrice": 10.0})  # fmt: skip


async def arrive(client: GraphQLClient, *events: Any) -> list[dict[str, Any]]:
    """The events arrive in this order, each in its own call."""
    results = []
    for raw in events:
        (result,) = (await client.data(INGEST, {"events": [raw]}))["ingestEvents"]
        results.append(result)
    return results


async def same_as_in_order(
    client: GraphQLClient, driver: AsyncDriver, database: str, events: list[Any]
) -> None:
    """The graph now equals the one the same events leave when sent sorted by `at`."""
    # who read Ana's profile meanwhile (the audit trail of reads) is not what the events built
    await driver.execute_query(
        "MATCH (a:AuditRecord) WHERE a.role <> 'ingest' DELETE a", database_=database
    )
    shuffled = customers_by_identifiers(await graph_dump(driver, database))
    await wipe(driver, database)
    await arrive(client, *sorted(events, key=lambda e: e["at"]))
    serial = customers_by_identifiers(await graph_dump(driver, database))
    assert shuffled == serial, differences(shuffled, serial)


async def ana(client: GraphQLClient) -> dict[str, Any]:
    customer: dict[str, Any] = (await client.data(ANA))["customerByIdentifier"]
    return customer


async def test_a_pickup_reported_before_the_order_waits_for_it_and_then_applies(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    events = [
        step("store-2", at(3, 4), "PICKED_UP"),
        step("store-1", at(3, 3), "READY_FOR_PICKUP"),
        placed("web-1", at(3, 1)),
    ]
    first, second, third = await arrive(client, *events)
    assert [first["status"], second["status"]] == ["PENDING", "PENDING"]
    assert first["reason"]["code"] == "WAITING_FOR_ORDER" and first["error"] is None
    assert third["status"] == "APPLIED"
    (order,) = [e["node"] for e in (await ana(client))["orders"]["edges"]]
    assert order["status"] == "PICKED_UP"
    assert [(s["status"], s["channel"]) for s in order["statusHistory"]] == [
        ("PLACED", "WEB"),
        ("READY_FOR_PICKUP", "STORE"),
        ("PICKED_UP", "STORE"),
    ]
    replay = await arrive(client, step("store-2", at(3, 4), "PICKED_UP"))
    assert replay[0]["status"] == "DUPLICATE", "applied once, when the order came"
    leftovers, _, _ = await empty_graph.execute_query(
        "MATCH (n) WHERE n:PendingEvent OR n:Awaited RETURN count(n) AS n", database_=database
    )
    assert leftovers[0]["n"] == 0, "nothing waits any more"
    await same_as_in_order(client, empty_graph, database, events)


async def test_a_waiting_step_is_kept_in_the_graph_until_its_order_comes(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    (result,) = await arrive(client, step("store-2", at(3, 4), "PICKED_UP"))
    assert result["status"] == "PENDING"
    kept, _, _ = await empty_graph.execute_query(
        "MATCH (p:PendingEvent)-[:WAITS_FOR]->(a:Awaited) RETURN p.id AS id, a.key AS key",
        database_=database,
    )
    assert [(r["id"], r["key"]) for r in kept] == [("store-2", "order:ord-1")]
    assert (await client.data('{ order(id: "ord-1") { id } }'))["order"] is None
    assert await ana(client) is None, "nothing of the step is applied while it waits"
    (again,) = await arrive(client, step("store-2", at(3, 4), "PICKED_UP"))
    assert again["status"] == "PENDING", "a replay of a waiting event is kept once"


async def test_a_redeem_arriving_before_the_points_it_spends_applies_when_they_come(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    events = [loyalty("app-2", at(3, 5), "REDEEM", 30), loyalty("till-1", at(3, 1), "EARN", 50)]
    redeem, earn = await arrive(client, *events)
    assert redeem["status"] == "PENDING" and redeem["reason"]["code"] == "INSUFFICIENT_POINTS"
    assert earn["status"] == "APPLIED"
    loyalty_view = (await ana(client))["loyalty"]
    assert loyalty_view["points"] == 20
    assert [
        (m["node"]["action"], m["node"]["points"]) for m in loyalty_view["ledger"]["edges"]
    ] == [
        ("REDEEM", -30),
        ("EARN", 50),
    ]
    await same_as_in_order(client, empty_graph, database, events)


async def test_a_late_earlier_redeem_counts_and_the_later_one_it_uncovers_waits(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    events = [
        loyalty("till-1", at(3, 1), "EARN", 50),
        loyalty("app-3", at(3, 3), "REDEEM", 40),
        loyalty("web-2", at(3, 2), "REDEEM", 30),  # synced late: it happened first
    ]
    results = await arrive(client, *events)
    assert [r["status"] for r in results] == ["APPLIED", "APPLIED", "APPLIED"]
    loyalty_view = (await ana(client))["loyalty"]
    assert loyalty_view["points"] == 20, "by `at`: 50 - 30, and 20 cannot cover 40"
    assert [
        (m["node"]["action"], m["node"]["points"]) for m in loyalty_view["ledger"]["edges"]
    ] == [
        ("REDEEM", -30),
        ("EARN", 50),
    ]
    await same_as_in_order(client, empty_graph, database, events)


async def test_a_cart_change_from_before_the_checkout_lands_in_the_checked_out_cart(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    events = [
        cart("app-1", at(2, 20), "ADD", "SCF-020", 1),
        placed("till-1", at(3, 1), cartCheckout=True),
        cart("app-3", at(3, 2), "ADD", "BOOT-1", 1),
        cart("app-2", at(2, 21), "SET_QUANTITY", "SCF-020", 2),  # the phone was offline
    ]
    results = await arrive(client, *events)
    assert all(r["status"] == "APPLIED" for r in results), results
    customer = await ana(client)
    assert customer["cart"]["items"] == [{"sku": "BOOT-1", "quantity": 1}], (
        "the open cart holds only what came after the checkout"
    )
    (order,) = [e["node"] for e in customer["orders"]["edges"]]
    assert order["cart"] == {"status": "CHECKED_OUT", "items": [{"sku": "SCF-020", "quantity": 2}]}
    await same_as_in_order(client, empty_graph, database, events)


async def test_a_checkout_arriving_after_later_changes_splits_the_cart_by_time(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    events = [
        cart("app-3", at(3, 2), "ADD", "BOOT-1", 1),
        cart("app-1", at(2, 20), "ADD", "SCF-020", 1),
        placed("till-1", at(3, 1), cartCheckout=True),
    ]
    await arrive(client, *events)
    customer = await ana(client)
    assert customer["cart"]["items"] == [{"sku": "BOOT-1", "quantity": 1}]
    (order,) = [e["node"] for e in customer["orders"]["edges"]]
    assert order["cart"]["items"] == [{"sku": "SCF-020", "quantity": 1}]
    await same_as_in_order(client, empty_graph, database, events)


async def test_a_merge_lets_a_waiting_redeem_count_and_undoing_it_makes_it_wait_again(
    client: GraphQLClient,
) -> None:
    card = {"type": "LOYALTY_ID", "value": "LN-ANA"}
    email = {"type": "EMAIL", "value": "ana@example.com"}

    def with_ids(raw: Any, *ids: dict[str, str]) -> Any:
        return {**raw, "identifiers": list(ids)}

    till, redeem, login = await arrive(
        client,
        with_ids(loyalty("till-1", at(3, 1), "EARN", 50), card),
        with_ids(loyalty("app-2", at(3, 2), "REDEEM", 30), email),  # a profile of its own
        with_ids(event("app-3", "identify", at(3, 3), traits={"givenName": "Ana"}), email, card),
    )
    assert [till["status"], redeem["status"], login["status"]] == ["APPLIED", "PENDING", "APPLIED"]
    points = """query($v: String!) { customerByIdentifier(type: EMAIL, value: $v) {
      loyalty { points ledger { totalCount } } identity { merges { id } } } }"""
    merged = (await client.data(points, {"v": "ana@example.com"}))["customerByIdentifier"]
    assert merged["loyalty"] == {"points": 20, "ledger": {"totalCount": 2}}, (
        "one person now: the points of 1 Mar cover the redeem of 2 Mar"
    )
    (merge,) = merged["identity"]["merges"]
    await client.data(
        "mutation($m: ID!) { unmergeCustomer(mergeId: $m) { id } }", {"m": merge["id"]}
    )
    restored = (await client.data(points, {"v": "ana@example.com"}))["customerByIdentifier"]
    assert restored["loyalty"] == {"points": 0, "ledger": {"totalCount": 0}}, (
        "apart again: the redeem waits on its own profile"
    )
    card_view = await client.data(
        '{ customerByIdentifier(type: LOYALTY_ID, value: "LN-ANA") { loyalty { points } } }'
    )
    assert card_view["customerByIdentifier"]["loyalty"]["points"] == 50

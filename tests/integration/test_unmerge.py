"""Undoing a merge (EVENTS.md, "Identity resolution" 4): `unmergeCustomer(mergeId)`.

The merged profile comes back with the identifiers, events, orders, carts and cases it brought;
whatever arrived after the merge stays with the survivor.
"""

from __future__ import annotations

import json
from typing import Any

from neo4j import AsyncDriver

from graph.ingest.plan import derived_id
from tests.utils.examples import example_events
from tests.utils.graphql import GraphQLClient

INGEST = """mutation($events: [EventInput!]!) { ingestEvents(events: $events) {
    eventId status customerId mergedCustomerIds warnings error { code field message } } }"""

UNMERGE = """mutation($id: ID!) { unmergeCustomer(mergeId: $id) { id anonymous givenName } }"""

PROFILE = """query($id: ID!) { customer(id: $id) {
  id anonymous givenName
  identifiers { type value }
  interactions { edges { node { id } } }
  orders { edges { node { id status } } }
  cart { items { sku quantity } }
  supportCases { id messages { text } }
  consents { purpose channel granted }
  loyalty { points }
  stats { lifetimeValue orderCount }
  identity { merges { id mergedCustomerId } }
} }"""

COOKIE = {"type": "COOKIE_ID", "value": "ck-7f3a"}
EMAIL = {"type": "EMAIL", "value": "ana.lima@example.com"}


def event(
    event_id: str, kind: str, day: int, channel: str, *ids: dict[str, str], **rest: Any
) -> Any:
    raw = {
        "eventId": event_id,
        "type": kind,
        "at": f"2026-03-{day:02d}T10:00:00Z",
        "channel": channel,
        "identifiers": list(ids),
    }
    raw.update(rest)
    return raw


def visit(event_id: str, day: int, channel: str, *ids: dict[str, str]) -> Any:
    return event(event_id, "interaction", day, channel, *ids, interaction={"kind": "PAGE_VIEW"})


def placed(event_id: str, day: int, order_id: str, *ids: dict[str, str], total: float) -> Any:
    body = {
        "orderId": order_id,
        "status": "PLACED",
        "currency": "EUR",
        "total": total,
        "fulfillment": "SHIP",
        "lines": [{"sku": f"SKU-{order_id}", "quantity": 1, "unitPrice": total}],
    }
    return event(event_id, "order", day, "WEB", *ids, order=body)


def added_to_cart(event_id: str, day: int, sku: str, *ids: dict[str, str]) -> Any:
    cart = {"action": "ADD", "sku": sku, "quantity": 1, "unitPrice": 10.0}
    return event(event_id, "cart", day, "WEB", *ids, cart=cart)


# What the anonymous web visitor did before logging in: browsing, a cart, a guest order, a chat.
VISITOR = [
    visit("web-1", 1, "WEB", COOKIE),
    added_to_cart("web-2", 1, "SCF-020", COOKIE),
    placed("web-3", 1, "ord-guest", COOKIE, total=35.5),
    event(
        "chat-1", "support", 1, "CHAT", COOKIE,
        support={"caseId": "case-77", "action": "OPEN", "subject": "Delivery", "text": "When?"},
    ),
    event(
        "web-4", "consent", 1, "WEB", COOKIE,
        consent={"purpose": "ANALYTICS", "channel": "ALL", "granted": True},
    ),
]  # fmt: skip

# Ana, known on the app.
ANA = [
    event("app-1", "identify", 2, "MOBILE_APP", EMAIL, traits={"givenName": "Ana"}),
    visit("app-2", 2, "MOBILE_APP", EMAIL),
    placed("app-3", 2, "ord-app", EMAIL, total=120.0),
    event("app-4", "loyalty", 2, "MOBILE_APP", EMAIL, loyalty={"action": "EARN", "points": 50}),
]

LOGIN = visit("web-5", 3, "WEB", COOKIE, EMAIL)  # the cookie logs in: stitched to Ana


async def ingest(client: GraphQLClient, *events: Any) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    for raw in events:  # one call each: arrival order is the scenario's
        (result,) = (await client.data(INGEST, {"events": [raw]}))["ingestEvents"]
        assert result["status"] == "APPLIED", result
        results.append(result)
    return results


async def profile(client: GraphQLClient, customer_id: str) -> dict[str, Any]:
    customer: dict[str, Any] = (await client.data(PROFILE, {"id": customer_id}))["customer"]
    return customer


async def stitched(client: GraphQLClient) -> tuple[str, str, str]:
    """The visitor and Ana, then the login that merges them: (visitor, Ana, merge id)."""
    visitor = (await ingest(client, *VISITOR))[0]["customerId"]
    ana = (await ingest(client, *ANA))[0]["customerId"]
    (login,) = await ingest(client, LOGIN)
    assert login["customerId"] == ana and login["mergedCustomerIds"] == [visitor]
    (merge,) = (await profile(client, ana))["identity"]["merges"]
    assert merge["mergedCustomerId"] == visitor
    return visitor, ana, str(merge["id"])


def ids(connection: dict[str, Any]) -> set[str]:
    return {edge["node"]["id"] for edge in connection["edges"]}


async def test_undoing_a_merge_brings_the_visitor_back_with_what_she_brought(
    client: GraphQLClient,
) -> None:
    visitor, ana, merge_id = await stitched(client)
    merged = await profile(client, ana)
    assert ids(merged["interactions"]) == {"web-1", "app-2", "web-5"}
    assert ids(merged["orders"]) == {"ord-guest", "ord-app"}

    restored = (await client.data(UNMERGE, {"id": merge_id}))["unmergeCustomer"]
    assert restored == {"id": visitor, "anonymous": True, "givenName": None}

    back = await profile(client, visitor)
    assert back["id"] == visitor, "the restored id no longer resolves to the survivor"
    assert back["identifiers"] == [COOKIE]
    assert ids(back["interactions"]) == {"web-1"}
    assert ids(back["orders"]) == {"ord-guest"}
    assert back["cart"] == {"items": [{"sku": "SCF-020", "quantity": 1}]}
    assert [case["id"] for case in back["supportCases"]] == ["case-77"]
    assert back["consents"] == [{"purpose": "ANALYTICS", "channel": "ALL", "granted": True}]
    assert back["stats"] == {"lifetimeValue": 35.5, "orderCount": 1}

    survivor = await profile(client, ana)
    assert survivor["identifiers"] == [EMAIL]
    assert ids(survivor["interactions"]) == {"app-2", "web-5"}, "the login stays with Ana"
    assert ids(survivor["orders"]) == {"ord-app"}
    assert survivor["cart"] is None and survivor["supportCases"] == []
    assert survivor["consents"] == []
    assert survivor["loyalty"] == {"points": 50}
    assert survivor["stats"] == {"lifetimeValue": 120.0, "orderCount": 1}
    assert survivor["identity"]["merges"] == [], "the merge is no longer on record"


async def test_what_arrived_after_the_merge_stays_with_the_survivor(
    client: GraphQLClient,
) -> None:
    visitor, ana, merge_id = await stitched(client)
    await ingest(
        client,
        visit("web-6", 4, "WEB", COOKIE),  # the cookie now leads to Ana
        placed("web-7", 4, "ord-after", COOKIE, total=10.0),
        event("app-5", "identify", 4, "MOBILE_APP", EMAIL, traits={"familyName": "Lima"}),
    )
    await client.data(UNMERGE, {"id": merge_id})

    back = await profile(client, visitor)
    assert ids(back["interactions"]) == {"web-1"}
    assert ids(back["orders"]) == {"ord-guest"}
    survivor = await profile(client, ana)
    assert ids(survivor["interactions"]) == {"app-2", "web-5", "web-6"}
    assert ids(survivor["orders"]) == {"ord-app", "ord-after"}
    assert survivor["givenName"] == "Ana"
    later = await client.data('{ order(id: "ord-after") { customer { id } } }')
    assert later["order"] == {"customer": {"id": ana}}


async def test_an_order_the_visitor_placed_keeps_its_later_status_when_it_goes_back(
    client: GraphQLClient,
) -> None:
    visitor, _, merge_id = await stitched(client)
    shipped = {"orderId": "ord-guest", "status": "SHIPPED"}
    await ingest(client, event("wh-1", "order", 4, "WEB", EMAIL, order=shipped))
    await client.data(UNMERGE, {"id": merge_id})
    back = await profile(client, visitor)
    assert back["orders"]["edges"] == [{"node": {"id": "ord-guest", "status": "SHIPPED"}}]


async def test_an_item_added_after_the_merge_stays_in_the_survivors_cart(
    client: GraphQLClient,
) -> None:
    visitor, ana, merge_id = await stitched(client)
    await ingest(client, added_to_cart("app-6", 4, "JKT-100", EMAIL))
    await client.data(UNMERGE, {"id": merge_id})

    back = await profile(client, visitor)
    assert back["cart"] == {"items": [{"sku": "SCF-020", "quantity": 1}]}
    survivor = await profile(client, ana)
    assert survivor["cart"] == {"items": [{"sku": "JKT-100", "quantity": 1}]}


async def test_undoing_the_same_merge_twice_is_refused(client: GraphQLClient) -> None:
    _, _, merge_id = await stitched(client)
    await client.data(UNMERGE, {"id": merge_id})
    error = await client.error(UNMERGE, {"id": merge_id})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "already undone" in error["message"]


async def test_undoing_an_unknown_merge_is_not_found(client: GraphQLClient) -> None:
    error = await client.error(UNMERGE, {"id": "merge-does-not-exist"})
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert "merge-does-not-exist" in error["message"]


async def test_a_survivor_merged_again_must_be_undone_first(client: GraphQLClient) -> None:
    _, ana, merge_id = await stitched(client)
    card = {"type": "LOYALTY_ID", "value": "LN-5521"}
    store = {"storeId": "store-lisbon-1"}
    await ingest(
        client,
        event("store-0", "interaction", 1, "STORE", card, interaction={"kind": "STORE_VISIT"},
              at="2026-02-28T10:00:00Z", **store),
        event("store-1", "identify", 5, "STORE", card, EMAIL, traits={}, **store),
    )  # fmt: skip
    survivor = await profile(client, ana)
    assert survivor["id"] != ana, "Ana's profile was merged into the card profile, seen first"
    error = await client.error(UNMERGE, {"id": merge_id})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "undo that merge first" in error["message"]


# -- undo restores exactly ----------------------------------------------------------------------

# Everything one hop (and, for carts, orders and cases, two hops) from a customer, with every
# property but merge bookkeeping (`viaMerges`, `mergedInto`) and lock flags.
FACTS = """
MATCH (c {id: $id}) WHERE c:Customer OR c:MergedCustomer
OPTIONAL MATCH (c)-[r]->(x) WHERE NOT type(r) IN ['ABSORBED', 'MERGED_INTO']
OPTIONAL MATCH (x)-[r2]->(y) WHERE x:Cart OR x:Order OR x:SupportCase
RETURN properties(c) AS customer, labels(c) AS labels,
       collect(DISTINCT [type(r), properties(r), labels(x), properties(x)]) AS facts,
       collect(DISTINCT [properties(x).id, type(r2), properties(r2), labels(y), properties(y)])
         AS details
"""

_VOLATILE = {"locked", "viaMerges", "mergedInto"}


def _canonical(value: Any, ignore: frozenset[str] = frozenset()) -> Any:
    if isinstance(value, dict):
        skip = _VOLATILE | ignore
        return {k: _canonical(v, ignore) for k, v in sorted(value.items()) if k not in skip}
    if isinstance(value, list):
        return [_canonical(v, ignore) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)  # neo4j temporal values


async def facts_of(
    driver: AsyncDriver, database: str, customer_id: str, *, ignore: frozenset[str] = frozenset()
) -> dict[str, Any]:
    records, _, _ = await driver.execute_query(FACTS, id=customer_id, database_=database)
    row = records[0].data()
    return {
        "labels": sorted(row["labels"]),
        "customer": _canonical(row["customer"], ignore),
        "facts": sorted(json.dumps(_canonical(f, ignore)) for f in row["facts"]),
        "details": sorted(json.dumps(_canonical(d, ignore)) for d in row["details"]),
    }


async def holdings_of(driver: AsyncDriver, database: str, customer_id: str) -> set[str]:
    """What a customer holds, by relationship and the held thing's id (or type:value, name)."""
    records, _, _ = await driver.execute_query(
        "MATCH (:Customer {id: $id})-[r]->(x) WHERE type(r) <> 'ABSORBED' "
        "RETURN type(r) + ' ' + coalesce(x.id, x.type + ':' + x.value, x.name) AS held",
        id=customer_id,
        database_=database,
    )
    return {record["held"] for record in records}


async def merge_and_undo(client: GraphQLClient, visitor: str, ana: str) -> None:
    """Ana logs in on the visitor's cookie, uses the app the next day, then the merge is undone."""
    (login,) = await ingest(client, LOGIN)
    assert login["mergedCustomerIds"] == [visitor]
    (merge,) = (await profile(client, ana))["identity"]["merges"]
    await ingest(client, visit("app-9", 4, "MOBILE_APP", EMAIL))
    await client.data(UNMERGE, {"id": merge["id"]})


async def test_undo_restores_the_merged_profile_exactly(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    visitor = (await ingest(client, *VISITOR))[0]["customerId"]
    ana = (await ingest(client, *ANA))[0]["customerId"]
    before = await facts_of(empty_graph, database, visitor)
    await merge_and_undo(client, visitor, ana)
    assert await facts_of(empty_graph, database, visitor) == before
    last_seen = await client.data(
        "query($id: ID!) { customer(id: $id) { stats { lastSeen } } }", {"id": visitor}
    )
    assert last_seen["customer"]["stats"]["lastSeen"].startswith("2026-03-01")


async def test_undo_restores_every_fact_of_the_merged_profile(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    """All but when the linking cookie was last seen (see the exact test above)."""
    visitor = (await ingest(client, *VISITOR))[0]["customerId"]
    ana = (await ingest(client, *ANA))[0]["customerId"]
    last_seen = frozenset({"lastSeen"})
    before = await facts_of(empty_graph, database, visitor, ignore=last_seen)
    await merge_and_undo(client, visitor, ana)
    after = await facts_of(empty_graph, database, visitor, ignore=last_seen)
    assert len(before["facts"]) == 7, "cookie, visit, cart, cart change, order, case, consent"
    assert after["details"] == before["details"], "carts, orders and cases as they were"
    assert after == before


async def test_the_survivor_keeps_what_it_had_and_what_arrived_later(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    visitor = (await ingest(client, *VISITOR))[0]["customerId"]
    ana = (await ingest(client, *ANA))[0]["customerId"]
    before = await holdings_of(empty_graph, database, ana)
    await merge_and_undo(client, visitor, ana)
    after = await holdings_of(empty_graph, database, ana)
    assert after == before | {"PERFORMED web-5", "PERFORMED app-9"}


# -- rule 1 after an undo: a person identifier goes back with the profile that brought it --------

WHO_HOLDS = """query($type: IdentifierType!, $value: String!) {
  customerByIdentifier(type: $type, value: $value) { id } }"""


async def test_undoing_the_loyalty_card_merge_gives_the_card_and_phone_back_alone(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    """The public journey: Ana's card and phone were met in the store (ex-05), merged into her by
    ex-06, and carried by her later events too (ex-07, ex-10): after the undo they are the
    restored profile's only, and those later events stay with Ana."""
    await ingest(client, *example_events())
    ana_id = (await client.data(WHO_HOLDS, {"type": "EMAIL", "value": "ana.lima@example.com"}))[
        "customerByIdentifier"
    ]["id"]
    card_profile = derived_id("cus", "ex-05")  # the profile the store visit started
    merges = (await profile(client, ana_id))["identity"]["merges"]
    (card_merge,) = [m for m in merges if m["mergedCustomerId"] == card_profile]
    ana_before = await profile(client, ana_id)
    restored = (await client.data(UNMERGE, {"id": card_merge["id"]}))["unmergeCustomer"]

    counts, _, _ = await empty_graph.execute_query(
        "MATCH (i:Identifier)<-[:HAS_IDENTIFIER]-(c:Customer) "
        "WHERE i.type IN ['CUSTOMER_ID', 'LOYALTY_ID', 'EMAIL', 'PHONE', 'SOCIAL_HANDLE'] "
        "WITH i, count(DISTINCT c) AS holders WHERE holders > 1 RETURN i.type + ':' + i.value AS k",
        database_=database,
    )
    assert [r["k"] for r in counts] == [], "rule 1: a person identifier on one customer only"
    for kind, value in [("LOYALTY_ID", "LN-5521"), ("PHONE", "+351912345678")]:
        holder = await client.data(WHO_HOLDS, {"type": kind, "value": value})
        assert holder["customerByIdentifier"]["id"] == restored["id"], value

    ana = await profile(client, ana_id)
    restored_profile = await profile(client, restored["id"])
    assert {(i["type"], i["value"]) for i in restored_profile["identifiers"]} == {
        ("LOYALTY_ID", "LN-5521"), ("PHONE", "+351912345678"),
    }  # fmt: skip
    assert {(i["type"], i["value"]) for i in ana["identifiers"]} == {
        (i["type"], i["value"]) for i in ana_before["identifiers"]
    } - {("LOYALTY_ID", "LN-5521"), ("PHONE", "+351912345678")}
    assert ids(ana["orders"]) == ids(ana_before["orders"]), "ex-07 and ex-12 stay with Ana"
    assert ana["loyalty"] == ana_before["loyalty"]
    assert restored["id"] == card_profile
    assert ids(restored_profile["interactions"]) == {"ex-05"}, "the store visit goes back"

"""Undoing a merge (EVENTS.md, "Identity resolution" 4): `unmergeCustomer(mergeId)`.

The merged profile comes back with the identifiers, events, orders, carts and cases it brought;
whatever arrived after the merge stays with the survivor.
That an undo restores the merged profile exactly, fact by fact: test_unmerge_restores.py.
"""

from __future__ import annotations

from neo4j import AsyncDriver

from graph.ingest.events import derived_id
from tests.utils.examples import example_events
from tests.utils.graphql import GraphQLClient
from tests.utils.unmerge_events import (
    COOKIE,
    EMAIL,
    UNMERGE,
    added_to_cart,
    event,
    ids,
    ingest,
    placed,
    profile,
    stitched,
    visit,
)


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

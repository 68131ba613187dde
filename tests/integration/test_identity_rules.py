"""Identity resolution end to end: events in through `ingestEvents`, people out through the API.

One scenario per rule of EVENTS.md ("Identity resolution"), against a real Neo4j: anonymous
profiles and shared devices here; several known customers, merge protection, the limits on new
identifiers and the identity evidence in test_identity_merges.py.
"""

from __future__ import annotations

from typing import Any

from tests.utils.graphql import GraphQLClient
from tests.utils.identity_events import (
    ANA,
    COOKIE,
    INGEST,
    POS,
    RUI,
    TABLET,
    at,
    event,
    identify,
    keys,
    known,
    order,
    send,
    visit,
    who,
)

# -- anonymous profiles --------------------------------------------------------------------------


async def test_an_anonymous_visitor_who_signs_up_keeps_her_history(client: GraphQLClient) -> None:
    browsing, signing_up = await send(
        client,
        visit("web-1", at(1), "WEB", COOKIE),
        identify("web-2", at(2), "WEB", COOKIE, ANA, givenName="Ana"),
    )
    assert signing_up["customerId"] == browsing["customerId"]
    assert signing_up["mergedCustomerIds"] == []
    ana = await known(client, ANA)
    assert ana["id"] == browsing["customerId"]
    assert ana["anonymous"] is False and ana["givenName"] == "Ana"
    assert ana["interactions"]["totalCount"] == 1
    assert keys(ana) == {ANA, COOKIE}


async def test_a_web_cookie_that_later_logs_in_is_stitched_to_the_known_customer(
    client: GraphQLClient,
) -> None:
    web, app, login = await send(
        client,
        visit("web-1", at(1), "WEB", COOKIE),
        identify("app-1", at(2), "MOBILE_APP", ANA, givenName="Ana"),
        visit("web-2", at(3), "WEB", COOKIE, ANA),
    )
    assert web["customerId"] != app["customerId"], "two profiles until the login"
    assert login["customerId"] == app["customerId"], "the known customer survives"
    assert login["mergedCustomerIds"] == [web["customerId"]]

    ana = await known(client, ANA)
    assert keys(ana) == {ANA, COOKIE}
    assert ana["interactions"]["totalCount"] == 2, "the anonymous browsing is hers now"
    (merge,) = ana["identity"]["merges"]
    assert merge["mergedCustomerId"] == web["customerId"]
    assert merge["eventId"] == "web-2"
    assert merge["linkedBy"] == [{"type": "COOKIE_ID", "value": "ck-7f3a"}]
    assert (await known(client, COOKIE))["id"] == ana["id"]


async def test_anonymous_profiles_reached_through_a_cookie_and_a_device_become_one(
    client: GraphQLClient,
) -> None:
    tablet, web, both = await send(
        client,
        visit("app-1", at(1), "MOBILE_APP", device=TABLET),
        visit("web-1", at(2), "WEB", COOKIE),
        visit("web-2", at(3), "WEB", COOKIE, device=TABLET),
    )
    assert tablet["customerId"] != web["customerId"]
    assert both["customerId"] == tablet["customerId"], "merged into the one seen first"
    assert both["mergedCustomerIds"] == [web["customerId"]]
    visitor = await known(client, COOKIE)
    assert visitor["anonymous"] is True
    assert visitor["interactions"]["totalCount"] == 3
    assert keys(visitor) == {COOKIE, ("DEVICE_ID", "dev-family-tablet")}


CART = """query { customerByIdentifier(type: EMAIL, value: "ana.lima@example.com") {
  cart { items { sku quantity } } } }"""


def added_to_cart(event_id: str, when: str, sku: str, *ids: tuple[str, str]) -> Any:
    cart = {"action": "ADD", "sku": sku, "quantity": 1, "unitPrice": 10.0}
    return event(event_id, "cart", when, "WEB", *ids, cart=cart)


async def test_after_stitching_the_customer_has_one_cart_with_everything_she_added(
    client: GraphQLClient,
) -> None:
    await send(
        client,
        added_to_cart("web-1", at(1), "SCF-020", COOKIE),
        added_to_cart("app-1", at(2), "JKT-100", ANA),
        visit("web-2", at(3), "WEB", COOKIE, ANA),
        added_to_cart("app-2", at(4), "BOOT-1", ANA),
    )
    cart = (await client.data(CART))["customerByIdentifier"]["cart"]
    assert sorted(item["sku"] for item in cart["items"]) == ["BOOT-1", "JKT-100", "SCF-020"]


# -- shared devices ------------------------------------------------------------------------------


async def test_a_tablet_only_ana_uses_takes_an_anonymous_visit_to_her(
    client: GraphQLClient,
) -> None:
    ana, browsing = await send(
        client,
        identify("app-1", at(1), "MOBILE_APP", ANA, device=TABLET, givenName="Ana"),
        visit("app-2", at(2), "MOBILE_APP", device=TABLET),
    )
    assert browsing["customerId"] == ana["customerId"]
    assert (await known(client, ANA))["interactions"]["totalCount"] == 1


async def test_a_family_tablet_never_merges_two_known_customers(client: GraphQLClient) -> None:
    ana, _, rui, couch = await send(
        client,
        visit("app-1", at(1), "MOBILE_APP", ANA, device=TABLET),
        identify("web-1", at(2), "WEB", RUI, givenName="Rui"),
        visit("app-2", at(3), "MOBILE_APP", RUI, device=TABLET),
        visit("app-3", at(4), "MOBILE_APP", device=TABLET),
    )
    assert rui["customerId"] != ana["customerId"]
    assert rui["mergedCustomerIds"] == []
    assert couch["customerId"] not in (ana["customerId"], rui["customerId"]), (
        "nobody can tell who is on the couch: a new profile"
    )
    assert couch["mergedCustomerIds"] == []
    for person in (ANA, RUI):
        customer = await known(client, person)
        assert customer["identity"]["merges"] == []
        assert customer["interactions"]["totalCount"] == 1, "the couch visit is nobody's"
        assert "dev-family-tablet" in {d["id"] for d in customer["devices"]}


async def test_two_customers_paying_at_the_same_pos_stay_apart(client: GraphQLClient) -> None:
    ana, rui = await send(
        client,
        order("pos-1", at(1, 10), "STORE", "ord-a", ANA, device=POS),
        order("pos-2", at(1, 11), "STORE", "ord-r", RUI, device=POS),
    )
    assert ana["customerId"] != rui["customerId"]
    assert rui["mergedCustomerIds"] == []
    assert await who(client, ("DEVICE_ID", POS["id"])) is None, "a terminal identifies nobody"
    for person, order_id in ((ANA, "ord-a"), (RUI, "ord-r")):
        customer = await known(client, person)
        assert customer["devices"] == [], "the POS is the store's, not the customer's"
        assert ("DEVICE_ID", POS["id"]) not in keys(customer)
        (placed,) = customer["orders"]["edges"]
        assert placed["node"]["id"] == order_id
        assert placed["node"]["device"] == POS, "kept as the touchpoint where it happened"


async def test_a_kiosk_alone_cannot_identify_anyone(client: GraphQLClient) -> None:
    kiosk = visit("kiosk-1", at(1), "KIOSK", device={"id": "kiosk-7", "kind": "KIOSK"})
    (result,) = (await client.data(INGEST, {"events": [kiosk]}))["ingestEvents"]
    assert result["status"] == "REJECTED"
    assert result["error"]["code"] == "NO_IDENTIFIER"
    assert result["customerId"] is None

"""Identity resolution end to end: events in through `ingestEvents`, people out through the API.

One scenario per rule of EVENTS.md ("Identity resolution"), against a real Neo4j.
"""

from __future__ import annotations

from typing import Any

from tests.utils.graphql import GraphQLClient

INGEST = """mutation($events: [EventInput!]!) { ingestEvents(events: $events) {
    eventId status customerId mergedCustomerIds warnings error { code field message } } }"""

WHO = """query($type: IdentifierType!, $value: String!) {
  customerByIdentifier(type: $type, value: $value) {
    id anonymous givenName
    identifiers { type value }
    devices { id kind }
    interactions { totalCount }
    orders { edges { node { id device { id kind } } } }
    identity {
      merges { id mergedCustomerId eventId linkedBy { type value } }
      conflicts { reason eventId customerIds identifiers { type value } }
    }
  }
}"""

BY_ID = "query($id: ID!) { customer(id: $id) { id givenName anonymous } }"

ANA = ("EMAIL", "ana.lima@example.com")
RUI = ("EMAIL", "rui.lima@example.com")
ANA_PHONE = ("PHONE", "+351912345678")
ANA_CARD = ("LOYALTY_ID", "LN-5521")
RUI_CARD = ("LOYALTY_ID", "LN-7788")
COOKIE = ("COOKIE_ID", "ck-7f3a")
TABLET = {"id": "dev-family-tablet", "kind": "TABLET"}
POS = {"id": "pos-lisbon-1-03", "kind": "POS"}


def at(day: int, hour: int = 10) -> str:
    return f"2026-03-{day:02d}T{hour:02d}:00:00Z"


def event(
    event_id: str, kind: str, when: str, channel: str, *ids: tuple[str, str], **rest: Any
) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "eventId": event_id,
        "type": kind,
        "at": when,
        "channel": channel,
        "identifiers": [{"type": t, "value": v} for t, v in ids],
    }
    if channel in ("STORE", "KIOSK"):
        raw["storeId"] = "store-lisbon-1"
    raw.update(rest)
    return raw


def visit(event_id: str, when: str, channel: str, *ids: tuple[str, str], **rest: Any) -> Any:
    """Someone looks at a jacket."""
    interaction = {"kind": "PRODUCT_VIEW", "sku": "JKT-100"}
    return event(event_id, "interaction", when, channel, *ids, interaction=interaction, **rest)


def identify(
    event_id: str,
    when: str,
    channel: str,
    *ids: tuple[str, str],
    device: dict[str, str] | None = None,
    **traits: Any,
) -> Any:
    rest: dict[str, Any] = {"device": device} if device else {}
    return event(event_id, "identify", when, channel, *ids, traits=traits, **rest)


def order(
    event_id: str, when: str, channel: str, order_id: str, *ids: tuple[str, str], **rest: Any
) -> Any:
    body = {
        "orderId": order_id,
        "status": "PAID",
        "currency": "EUR",
        "total": 120.0,
        "fulfillment": "IN_STORE",
        "lines": [{"sku": "JKT-100", "quantity": 1, "unitPrice": 120.0}],
    }
    return event(event_id, "order", when, channel, *ids, order=body, **rest)


async def ingest(client: GraphQLClient, *events: dict[str, Any]) -> list[dict[str, Any]]:
    """Send the events in one call; every one must be applied."""
    body = await client.data(INGEST, {"events": list(events)})
    results: list[dict[str, Any]] = body["ingestEvents"]
    assert [r["status"] for r in results] == ["APPLIED"] * len(events), results
    return results


async def send(client: GraphQLClient, *events: dict[str, Any]) -> list[dict[str, Any]]:
    """Send each event in its own call, in this order: arrival order is the test's to choose."""
    return [(await ingest(client, e))[0] for e in events]


async def who(client: GraphQLClient, identifier: tuple[str, str]) -> dict[str, Any] | None:
    kind, value = identifier
    body = await client.data(WHO, {"type": kind, "value": value})
    customer: dict[str, Any] | None = body["customerByIdentifier"]
    return customer


async def known(client: GraphQLClient, identifier: tuple[str, str]) -> dict[str, Any]:
    customer = await who(client, identifier)
    assert customer is not None, f"nobody has {identifier}"
    return customer


def keys(customer: dict[str, Any]) -> set[tuple[str, str]]:
    return {(i["type"], i["value"]) for i in customer["identifiers"]}


async def live_customers(client: GraphQLClient, ids: list[str]) -> set[str]:
    """The ids the API answers for: merged-away ids answer with their survivor."""
    found = set()
    for customer_id in ids:
        customer = (await client.data(BY_ID, {"id": customer_id}))["customer"]
        found.add(customer["id"])
    return found


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


# -- several known customers ---------------------------------------------------------------------


async def test_the_loyalty_card_met_in_store_merges_into_the_customer_seen_first(
    client: GraphQLClient,
) -> None:
    app, store, linked = await send(
        client,
        identify("app-1", at(1), "MOBILE_APP", ANA, givenName="Ana"),
        visit("store-1", at(3), "STORE", ANA_CARD, ANA_PHONE),
        identify("store-2", at(3, 11), "STORE", ANA_CARD, ANA),
    )
    assert store["customerId"] != app["customerId"]
    assert linked["customerId"] == app["customerId"]
    assert linked["mergedCustomerIds"] == [store["customerId"]]
    ana = await known(client, ANA_CARD)
    assert ana["id"] == app["customerId"]
    assert keys(ana) == {ANA, ANA_CARD, ANA_PHONE}
    (merge,) = ana["identity"]["merges"]
    assert merge["linkedBy"] == [{"type": "LOYALTY_ID", "value": "LN-5521"}]
    assert ana["identity"]["conflicts"] == []


async def test_seen_first_means_the_earliest_event_not_the_first_to_arrive(
    client: GraphQLClient,
) -> None:
    app, store, linked = await send(
        client,
        identify("app-1", at(5), "MOBILE_APP", ANA, givenName="Ana"),
        visit("store-1", at(1), "STORE", ANA_CARD),  # a till that synced late
        identify("store-2", at(6), "STORE", ANA_CARD, ANA),
    )
    assert linked["customerId"] == store["customerId"]
    assert linked["mergedCustomerIds"] == [app["customerId"]]


async def test_a_merged_profile_id_resolves_to_the_survivor(client: GraphQLClient) -> None:
    app, store, _ = await send(
        client,
        identify("app-1", at(1), "MOBILE_APP", ANA, givenName="Ana"),
        visit("store-1", at(2), "STORE", ANA_CARD),
        identify("store-2", at(3), "STORE", ANA_CARD, ANA),
    )
    survivor = (await client.data(BY_ID, {"id": store["customerId"]}))["customer"]
    assert survivor == {"id": app["customerId"], "givenName": "Ana", "anonymous": False}


async def test_a_chain_of_merges_still_resolves_to_the_last_survivor(
    client: GraphQLClient,
) -> None:
    results = await send(
        client,
        visit("web-1", at(1), "WEB", COOKIE),
        identify("app-1", at(2), "MOBILE_APP", ANA, givenName="Ana"),
        visit("store-1", at(3), "STORE", ANA_CARD),
        visit("web-2", at(4), "WEB", COOKIE, ANA_CARD),  # the cookie joins the card profile
        identify("store-2", at(5), "STORE", ANA_CARD, ANA),  # Ana and the card profile join
    )
    # the card profile brought the cookie's day-1 history: it was seen first, it survives
    card_profile = results[2]["customerId"]
    assert results[4]["customerId"] == card_profile
    assert results[4]["mergedCustomerIds"] == [results[1]["customerId"]]
    every_id = [r["customerId"] for r in results]
    assert await live_customers(client, every_id) == {card_profile}


# -- merge protection ----------------------------------------------------------------------------


async def test_two_loyalty_cards_never_end_up_on_one_person(client: GraphQLClient) -> None:
    ana, rui, shared = await send(
        client,
        visit("store-1", at(1), "STORE", ANA, ANA_CARD),
        visit("store-2", at(2), "STORE", ANA_PHONE, RUI_CARD),
        identify("app-1", at(3), "MOBILE_APP", ANA, ANA_PHONE),  # the phone was Rui's
    )
    assert shared["mergedCustomerIds"] == []
    assert shared["customerId"] == ana["customerId"], "EMAIL outranks PHONE"
    assert any("conflict" in w and "LOYALTY_ID" in w for w in shared["warnings"])

    ana_now, rui_now = await known(client, ANA), await known(client, RUI_CARD)
    assert ana_now["id"] != rui_now["id"]
    assert keys(ana_now) == {ANA, ANA_CARD}
    assert keys(rui_now) == {ANA_PHONE, RUI_CARD}, "the phone stays with its owner"
    for customer in (ana_now, rui_now):
        (conflict,) = customer["identity"]["conflicts"]
        assert "LOYALTY_ID" in conflict["reason"]
        assert set(conflict["customerIds"]) == {ana["customerId"], rui["customerId"]}
        assert conflict["eventId"] == "app-1"
        assert {(i["type"], i["value"]) for i in conflict["identifiers"]} == {ANA, ANA_PHONE}
        assert customer["identity"]["merges"] == []


async def test_two_customer_accounts_never_merge_and_the_account_decides(
    client: GraphQLClient,
) -> None:
    ana_account, rui_account = ("CUSTOMER_ID", "C-1"), ("CUSTOMER_ID", "C-2")
    ana, rui, checkout = await send(
        client,
        identify("web-1", at(1), "WEB", ana_account, ANA, givenName="Ana"),
        identify("web-2", at(2), "WEB", rui_account, RUI_CARD, givenName="Rui"),
        order("web-3", at(3), "WEB", "ord-1", ANA, rui_account),
    )
    assert checkout["customerId"] == rui["customerId"], "CUSTOMER_ID outranks EMAIL"
    assert checkout["mergedCustomerIds"] == []
    rui_now = await known(client, rui_account)
    assert [e["node"]["id"] for e in rui_now["orders"]["edges"]] == ["ord-1"]
    assert ANA not in keys(rui_now), "Ana's email is hers, not attached to Rui"
    ana_now = await known(client, ANA)
    assert ana_now["id"] == ana["customerId"]
    assert ana_now["orders"]["edges"] == []
    assert "CUSTOMER_ID" in ana_now["identity"]["conflicts"][0]["reason"]


async def test_profiles_whose_emails_together_exceed_the_limit_are_not_merged(
    client: GraphQLClient,
) -> None:
    ana_mails = [("EMAIL", f"ana.{n}@example.com") for n in range(3)]
    shop_mails = [("EMAIL", f"ana.shop{n}@example.com") for n in range(3)]
    ana, shop, both = await send(
        client,
        identify("app-1", at(1), "MOBILE_APP", *ana_mails, givenName="Ana"),
        identify("web-1", at(2), "WEB", *shop_mails, givenName="Ana"),
        visit("web-2", at(3), "WEB", ana_mails[0], shop_mails[0]),
    )
    assert both["mergedCustomerIds"] == []
    customer = await known(client, ana_mails[0])
    (conflict,) = customer["identity"]["conflicts"]
    assert "EMAIL" in conflict["reason"] and "5" in conflict["reason"]
    assert set(conflict["customerIds"]) == {ana["customerId"], shop["customerId"]}
    assert (await known(client, shop_mails[0]))["id"] == shop["customerId"]


# -- per-type limits on new identifiers -----------------------------------------------------------


async def test_the_sixth_email_is_not_attached_and_the_result_says_so(
    client: GraphQLClient,
) -> None:
    account = ("CUSTOMER_ID", "C-1")
    mails = [("EMAIL", f"ana.{n}@example.com") for n in range(6)]
    results = await send(
        client,
        *(identify(f"web-{n}", at(n + 1), "WEB", account, mail) for n, mail in enumerate(mails)),
    )
    assert {r["customerId"] for r in results} == {results[0]["customerId"]}
    assert all(r["warnings"] == [] for r in results[:5])
    (warning,) = results[5]["warnings"]
    assert "ana.5@example.com" in warning and "not attached" in warning
    ana = await known(client, account)
    assert sorted(v for t, v in keys(ana) if t == "EMAIL") == [m[1] for m in mails[:5]]
    assert await who(client, mails[5]) is None


async def test_a_second_loyalty_card_is_not_attached(client: GraphQLClient) -> None:
    _, second = await send(
        client,
        visit("store-1", at(1), "STORE", ANA, ANA_CARD),
        visit("store-2", at(2), "STORE", ANA, RUI_CARD),
    )
    assert any("LN-7788" in w and "not attached" in w for w in second["warnings"])
    assert keys(await known(client, ANA)) == {ANA, ANA_CARD}
    assert await who(client, RUI_CARD) is None


# -- identity evidence ---------------------------------------------------------------------------


async def test_identity_evidence_tells_where_and_when_an_identifier_was_seen(
    client: GraphQLClient,
) -> None:
    await send(
        client,
        visit("app-1", at(2), "MOBILE_APP", ANA, source="app-backend"),
        visit("store-1", at(4), "STORE", ANA, source="pos-sync"),
        visit("web-1", at(1), "WEB", ANA, source="shop"),  # arrives last, happened first
    )
    evidence = await client.data(
        """query { customerByIdentifier(type: EMAIL, value: " Ana.Lima@Example.com ") {
          identity { identifiers { type value firstSeen lastSeen channels sources } } } }"""
    )
    (email,) = evidence["customerByIdentifier"]["identity"]["identifiers"]
    assert (email["type"], email["value"]) == ANA
    assert email["firstSeen"].startswith("2026-03-01T10:00")
    assert email["lastSeen"].startswith("2026-03-04T10:00")
    assert set(email["channels"]) == {"MOBILE_APP", "STORE", "WEB"}
    assert set(email["sources"]) == {"app-backend", "pos-sync", "shop"}

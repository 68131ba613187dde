"""Identity resolution end to end, when several known customers meet (EVENTS.md "Identity
resolution"): who survives a merge, what merge protection refuses, the per-type limits on new
identifiers, and the evidence `identity` shows for each identifier.
"""

from __future__ import annotations

from tests.utils.graphql import GraphQLClient
from tests.utils.identity_events import (
    ANA,
    ANA_CARD,
    ANA_PHONE,
    BY_ID,
    COOKIE,
    RUI_CARD,
    at,
    identify,
    keys,
    known,
    live_customers,
    order,
    send,
    visit,
    who,
)

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

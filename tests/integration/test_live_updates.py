"""Live updates: the store and the contact centre see what happens the moment it is ingested."""

from __future__ import annotations

from typing import Any

from graph.ingest.events import derived_id
from resolvers.principal import Role
from tests.integration.test_journey import INGEST, replay
from tests.utils.graphql import GraphQLClient
from tests.utils.live import subscribe
from tests.utils.people import ANA, RUI

ACTIVITY = "eventId kind channel at summary customerId storeId customer { id givenName }"
CUSTOMER_FEED = "subscription($id: ID!) { customerActivity(customerId: $id) { %s } }" % ACTIVITY
STORE_FEED = "subscription($id: ID!) { storeActivity(storeId: $id) { %s } }" % ACTIVITY
ANA_EMAIL = [{"type": "EMAIL", "value": "ana.lima@example.com"}]
LISBON = "store-lisbon-1"


def check_in(event_id: str, store: str = LISBON, ids: Any = None) -> dict[str, Any]:
    return {
        "eventId": event_id, "type": "interaction", "at": "2026-05-02T10:00:00Z",
        "channel": "STORE", "storeId": store, "identifiers": ids or ANA_EMAIL,
        "interaction": {"kind": "STORE_VISIT"},
    }  # fmt: skip


async def ingest(client: GraphQLClient, *events: dict[str, Any]) -> None:
    results = (await client.data(INGEST, {"events": list(events)}))["ingestEvents"]
    assert {r["status"] for r in results} == {"APPLIED"}, results


async def test_an_agent_watching_ana_sees_her_walk_into_the_store(client: GraphQLClient) -> None:
    await replay(client)
    agent = client.as_role(Role.AGENT)
    async with subscribe(client.app, CUSTOMER_FEED, {"id": ANA}, headers=agent.headers) as feed:
        await feed.listening(f"customer:{ANA}")
        await ingest(client, check_in("live-ana-1"))
        activity = (await feed.next())["data"]["customerActivity"]
    assert activity == {
        "eventId": "live-ana-1", "kind": "CHECK_IN", "channel": "STORE",
        "at": "2026-05-02T10:00:00+00:00", "summary": "Checked in at store-lisbon-1",
        "customerId": ANA, "storeId": LISBON, "customer": {"id": ANA, "givenName": "Ana"},
    }  # fmt: skip


async def test_the_lisbon_store_sees_check_ins_carts_and_pickups_of_its_own(
    client: GraphQLClient,
) -> None:
    await replay(client)
    associate = client.as_role(Role.ASSOCIATE, store_id=LISBON)
    order = {"orderId": "ord-live-1", "currency": "EUR", "total": 35.5}
    events = [
        check_in("live-s-1"),
        check_in("live-s-2", store="store-porto-1"),  # another store: not Lisbon's business
        {"eventId": "live-s-3", "type": "cart", "at": "2026-05-02T10:05:00Z", "channel": "STORE",
         "storeId": LISBON, "identifiers": ANA_EMAIL,
         "cart": {"action": "ADD", "sku": "SCF-020", "quantity": 2, "unitPrice": 35.5}},
        {"eventId": "live-s-4", "type": "order", "at": "2026-05-02T11:00:00Z", "channel": "WEB",
         "identifiers": ANA_EMAIL,
         "order": {**order, "status": "PLACED", "fulfillment": "PICKUP_IN_STORE",
                   "fulfillmentStoreId": LISBON,
                   "lines": [{"sku": "SCF-020", "quantity": 1, "unitPrice": 35.5}]}},
        {"eventId": "live-s-5", "type": "order", "at": "2026-05-02T15:00:00Z", "channel": "STORE",
         "storeId": LISBON, "identifiers": ANA_EMAIL,
         "order": {"orderId": "ord-live-1", "status": "READY_FOR_PICKUP"}},
        {"eventId": "live-s-6", "type": "support", "at": "2026-05-02T16:00:00Z", "channel": "STORE",
         "storeId": LISBON, "identifiers": ANA_EMAIL,
         "support": {"caseId": "case-live-1", "action": "OPEN", "subject": "Wrong size",
                     "text": "My private words"}},
    ]  # fmt: skip
    async with subscribe(client.app, STORE_FEED, {"id": LISBON}, headers=associate.headers) as feed:
        await feed.listening(f"store:{LISBON}")
        await ingest(client, *events)
        seen = [(await feed.next())["data"]["storeActivity"] for _ in range(5)]
    assert [(a["eventId"], a["kind"], a["summary"]) for a in seen] == [
        ("live-s-1", "CHECK_IN", "Checked in at store-lisbon-1"),
        ("live-s-3", "CART_CHANGED", "Cart: ADD 2 x SCF-020"),
        ("live-s-4", "ORDER_PLACED", "Order ord-live-1 placed: 35.50 EUR"),
        ("live-s-5", "PICKUP_READY", "Order ord-live-1 ready for pickup at store-lisbon-1"),
        ("live-s-6", "CASE_OPENED", "Case case-live-1 opened: Wrong size"),
    ]
    assert {a["customer"]["givenName"] for a in seen} == {"Ana"}, "the associate knows who it is"
    assert {a["storeId"] for a in seen} == {LISBON}


async def test_events_posted_to_the_events_door_are_live_too(client: GraphQLClient) -> None:
    await replay(client)
    async with (
        subscribe(client.app, STORE_FEED, {"id": LISBON}, headers=client.headers) as feed,
        client.http() as http,
    ):
        await feed.listening(f"store:{LISBON}")
        response = await http.post("/events", json=[check_in("live-door-1")])
        assert response.status_code == 200, response.text
        activity = (await feed.next())["data"]["storeActivity"]
    assert (activity["eventId"], activity["kind"]) == ("live-door-1", "CHECK_IN")


async def test_a_feed_of_a_merged_away_profile_follows_the_survivor(client: GraphQLClient) -> None:
    await replay(client)
    cookie_profile = derived_id("cus", "ex-01")  # Ana's anonymous web visit, merged into her
    agent = client.as_role(Role.AGENT)
    async with subscribe(
        client.app, CUSTOMER_FEED, {"id": cookie_profile}, headers=agent.headers
    ) as feed:
        await feed.listening(f"customer:{ANA}")
        await ingest(client, check_in("live-merged-1"))
        activity = (await feed.next())["data"]["customerActivity"]
    assert (activity["eventId"], activity["customerId"]) == ("live-merged-1", ANA)


async def test_a_feed_follows_its_profile_when_it_is_merged_while_watched(
    client: GraphQLClient,
) -> None:
    await replay(client)
    browsing = {"eventId": "live-anon-1", "type": "interaction", "at": "2026-05-03T09:00:00Z",
                "channel": "WEB", "identifiers": [{"type": "COOKIE_ID", "value": "ck-live-1"}],
                "interaction": {"kind": "PAGE_VIEW", "url": "/"}}  # fmt: skip
    await ingest(client, browsing)
    anonymous = derived_id("cus", "live-anon-1")
    sign_in = {"eventId": "live-anon-2", "type": "identify", "at": "2026-05-03T09:05:00Z",
               "channel": "WEB",
               "identifiers": [*ANA_EMAIL, {"type": "COOKIE_ID", "value": "ck-live-1"}],
               "traits": {"locale": "pt-PT"}}  # fmt: skip
    agent = client.as_role(Role.AGENT)
    async with subscribe(
        client.app, CUSTOMER_FEED, {"id": anonymous}, headers=agent.headers
    ) as feed:
        await feed.listening(f"customer:{anonymous}")
        await ingest(client, sign_in)
        merged = (await feed.next())["data"]["customerActivity"]
        await ingest(client, check_in("live-anon-3"))
        later = (await feed.next())["data"]["customerActivity"]
    assert (merged["eventId"], merged["kind"], merged["customerId"]) == (
        "live-anon-2", "PROFILE_UPDATED", ANA,
    )  # fmt: skip
    assert (later["eventId"], later["customerId"]) == ("live-anon-3", ANA), "now Ana's feed"


async def test_a_customer_follows_only_themselves(client: GraphQLClient) -> None:
    await replay(client)
    ana = client.as_role(Role.CUSTOMER, customer_id=ANA)
    async with subscribe(client.app, CUSTOMER_FEED, {"id": ANA}, headers=ana.headers) as feed:
        await feed.listening(f"customer:{ANA}")
        await ingest(client, check_in("live-self-1"))
        assert (await feed.next())["data"]["customerActivity"]["eventId"] == "live-self-1"
    for someone in (RUI, "cus-does-not-exist"):
        async with subscribe(
            client.app, CUSTOMER_FEED, {"id": someone}, headers=ana.headers
        ) as feed:
            refused = await feed.next()
            assert refused["data"] is None
            assert [e["extensions"]["code"] for e in refused["errors"]] == ["FORBIDDEN"]
            assert (await feed.message())["type"] == "complete"


async def test_who_may_follow_what(client: GraphQLClient) -> None:
    await replay(client)
    cases = [
        (client.as_role(Role.ANALYST), CUSTOMER_FEED, ANA, "FORBIDDEN"),
        (client.as_role(Role.ANALYST), STORE_FEED, LISBON, "FORBIDDEN"),
        (client.as_role(Role.INGEST), CUSTOMER_FEED, ANA, "FORBIDDEN"),
        (client.as_role(Role.CUSTOMER, customer_id=ANA), STORE_FEED, LISBON, "FORBIDDEN"),
        (client.as_role(Role.ASSOCIATE, store_id="store-porto-1"), STORE_FEED, LISBON, "FORBIDDEN"),
        (client.as_role(Role.AGENT), CUSTOMER_FEED, "cus-does-not-exist", "NOT_FOUND"),
        (client.as_role(Role.AGENT), STORE_FEED, "store-nowhere", "NOT_FOUND"),
    ]
    for caller, query, target, code in cases:
        async with subscribe(client.app, query, {"id": target}, headers=caller.headers) as feed:
            refused = await feed.next()
        assert [e["extensions"]["code"] for e in refused["errors"]] == [code], (query, target)
    # an associate follows anyone, masked as in queries; staff reads are audited
    associate = client.as_role(Role.ASSOCIATE, store_id="store-porto-1", subject="assoc-porto")
    query = (
        'subscription { customerActivity(customerId: "%s") { customer { identifiers { type value } } } }'
        % ANA
    )
    async with subscribe(client.app, query, {}, headers=associate.headers) as feed:
        await feed.listening(f"customer:{ANA}")
        await ingest(client, check_in("live-masked-1", store="store-porto-1"))
        customer = (await feed.next())["data"]["customerActivity"]["customer"]
    assert {"type": "EMAIL", "value": "a***@example.com"} in customer["identifiers"]
    audit = await client.data(
        '{ auditRecords(customerId: "%s", action: READ) { actor operation } }' % ANA
    )
    assert {"actor": "assoc-porto", "operation": "customerActivity"} in audit["auditRecords"]

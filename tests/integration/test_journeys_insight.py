"""Journey insight: the path across channels, its channel changes, research online and buy in the
store (and the reverse), and where recency, frequency and spend put a customer."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Any

from resolvers.principal import Role
from tests.utils.examples import days_ago, event, ingest
from tests.utils.graphql import GraphQLClient
from tests.utils.people import ANA_ID

JOURNEY = """query($id: ID!, $first: Int, $last: Int) { customer(id: $id) {
  journey { touchpoints path(first: $first, last: $last) { channel at kind }
            channelTransitions { from to count }
            researchOnlineBuyOffline researchOfflineBuyOnline } } }"""

# Ana's touchpoints in examples.jsonl; her sign-in (ex-02, an identify) is none, and the points
# the till sale earned (ex-07) are the same moment on the same channel as the sale.
ANAS_PATH = [
    ("WEB", "PRODUCT_VIEW"), ("WEB", "PAGE_VIEW"), ("MOBILE_APP", "CART_ADD"),
    ("STORE", "STORE_VISIT"), ("STORE", "ORDER_PAID"), ("CHAT", "CASE_OPEN"),
    ("EMAIL", "CASE_MESSAGE"), ("CALL_CENTER", "CASE_RESOLVE"), ("CALL_CENTER", "CONSENT"),
    ("WEB", "ORDER_PLACED"), ("STORE", "ORDER_PICKED_UP"), ("MOBILE_APP", "SEARCH"),
    ("MOBILE_APP", "LOYALTY_REDEEM"),
]  # fmt: skip


async def test_anas_path_runs_over_six_channels(graphql: GraphQLClient) -> None:
    journey = (await graphql.data(JOURNEY, {"id": ANA_ID, "first": 50}))["customer"]["journey"]
    assert journey["touchpoints"] == len(ANAS_PATH)
    assert [(s["channel"], s["kind"]) for s in journey["path"]] == ANAS_PATH
    assert journey["path"][0]["at"].startswith("2026-03-01T19:02:11")
    ats = [s["at"] for s in journey["path"]]
    assert ats == sorted(ats)
    # every change of channel between two consecutive touchpoints, once each here
    assert {(t["from"], t["to"]): t["count"] for t in journey["channelTransitions"]} == {
        ("WEB", "MOBILE_APP"): 1, ("MOBILE_APP", "STORE"): 1, ("STORE", "CHAT"): 1,
        ("CHAT", "EMAIL"): 1, ("EMAIL", "CALL_CENTER"): 1, ("CALL_CENTER", "WEB"): 1,
        ("WEB", "STORE"): 1, ("STORE", "MOBILE_APP"): 1,
    }  # fmt: skip
    # she looked at the rain jacket on the web and bought it in Lisbon; she visited the store
    # and ordered the scarf online six days later
    assert journey["researchOnlineBuyOffline"] is True
    assert journey["researchOfflineBuyOnline"] is True


async def test_the_path_pages_from_either_end(graphql: GraphQLClient) -> None:
    first = (await graphql.data(JOURNEY, {"id": ANA_ID, "first": 2}))["customer"]["journey"]
    assert [s["kind"] for s in first["path"]] == ["PRODUCT_VIEW", "PAGE_VIEW"]
    last = (await graphql.data(JOURNEY, {"id": ANA_ID, "last": 2}))["customer"]["journey"]
    assert [s["kind"] for s in last["path"]] == ["SEARCH", "LOYALTY_REDEEM"]
    none = (await graphql.data(JOURNEY, {"id": ANA_ID, "last": 0}))["customer"]["journey"]
    assert none["path"] == []
    body = await graphql.execute(JOURNEY, {"id": ANA_ID, "first": 2, "last": 2})
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "last"}
    body = await graphql.execute(JOURNEY, {"id": ANA_ID, "first": 101})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_transitions_count_every_change_of_channel(
    graphql: GraphQLClient,
) -> None:
    """For every demo customer, the transitions add up to the channel changes of the path."""
    data = await graphql.data(
        """{ customers(first: 30) { edges { node { journey {
            touchpoints path(first: 100) { channel } channelTransitions { from to count } } } } } }"""
    )
    checked = 0
    for edge in data["customers"]["edges"]:
        journey = edge["node"]["journey"]
        channels = [s["channel"] for s in journey["path"]]
        if journey["touchpoints"] > len(channels):
            continue  # a path longer than one page
        changes: dict[tuple[str, str], int] = {}
        for a, b in itertools.pairwise(channels):
            if a != b:
                changes[(a, b)] = changes.get((a, b), 0) + 1
        assert {(t["from"], t["to"]): t["count"] for t in journey["channelTransitions"]} == changes
        counts = [t["count"] for t in journey["channelTransitions"]]
        assert counts == sorted(counts, reverse=True)
        checked += 1
    assert checked >= 20


async def test_an_associate_and_an_analyst_see_the_journey_but_not_its_content(
    graphql: GraphQLClient,
) -> None:
    for role in (Role.ASSOCIATE, Role.ANALYST):
        client = graphql.as_role(role)
        query = (
            '{ customerByIdentifier(type: PHONE, value: "+351912345678") { journey {'
            " touchpoints researchOnlineBuyOffline } } }"
            if role is Role.ASSOCIATE
            else '{ customer(id: "%s") { journey { touchpoints researchOnlineBuyOffline } } }'
            % ANA_ID
        )
        data = await client.data(query)
        (customer,) = data.values()
        assert customer["journey"] == {
            "touchpoints": len(ANAS_PATH),
            "researchOnlineBuyOffline": True,
        }


RFM = """query($email: String!) { customerByIdentifier(type: EMAIL, value: $email) {
  stats { orderCount lifetimeValue recency frequency monetary rfmSegment } } }"""


def _order(n: int, email: str, channel: str, when: datetime, total: float) -> dict[str, Any]:
    return event(f"{email}-o{n}", "order", channel, [("EMAIL", email)], when,
                 **({"storeId": "store-lisbon-1"} if channel == "STORE" else {}),
                 order={"orderId": f"{email}-o{n}", "status": "PAID", "currency": "EUR",
                        "total": total, "fulfillment": "IN_STORE" if channel == "STORE" else "SHIP",
                        "lines": [{"sku": "SCF-020", "quantity": 1, "unitPrice": total}]})  # fmt: skip


async def test_recency_frequency_and_spend_name_the_segment(client: GraphQLClient) -> None:
    champion = [_order(n, "champ@example.com", "WEB", days_ago(3 + n), 150.0) for n in range(5)]
    sleeper = [_order(0, "old@example.com", "STORE", days_ago(400), 35.5)]
    regular = [
        _order(n, "reg@example.com", "STORE", days_ago(200 + 10 * n), 700.0) for n in range(3)
    ]
    prospect = [event("p-1", "identify", "WEB", [("EMAIL", "new@example.com")], days_ago(1),
                      traits={"givenName": "Nova"})]  # fmt: skip
    await ingest(client, [*champion, *sleeper, *regular, *prospect])

    async def stats(email: str) -> dict[str, object]:
        data = await client.data(RFM, {"email": email})
        result: dict[str, object] = data["customerByIdentifier"]["stats"]
        return result

    assert await stats("champ@example.com") == {
        "orderCount": 5, "lifetimeValue": 750.0, "recency": 5, "frequency": 4, "monetary": 4,
        "rfmSegment": "CHAMPIONS",
    }  # fmt: skip
    old = await stats("old@example.com")
    assert (old["recency"], old["frequency"], old["monetary"]) == (1, 1, 1)
    assert old["rfmSegment"] == "HIBERNATING"
    # three big orders, but none for over six months
    regular_stats = await stats("reg@example.com")
    assert (regular_stats["recency"], regular_stats["frequency"], regular_stats["monetary"]) == (
        2, 3, 5,
    )  # fmt: skip
    assert regular_stats["rfmSegment"] == "CANT_LOSE"
    nova = await stats("new@example.com")
    assert (nova["recency"], nova["frequency"], nova["monetary"]) == (None, None, None)
    assert nova["rfmSegment"] == "PROSPECT"


async def test_buying_online_after_a_store_visit_only_counts_within_a_week(
    client: GraphQLClient,
) -> None:
    email = [("EMAIL", "vi@example.com")]
    await ingest(client, [
        event("v-1", "interaction", "STORE", email, days_ago(30), storeId="store-lisbon-1",
              interaction={"kind": "STORE_VISIT"}),
        _order(1, "vi@example.com", "WEB", days_ago(20), 40.0),
        # seen in a store, bought online much later: the same product counts at any distance
        event("v-2", "interaction", "STORE", email, days_ago(19), storeId="store-lisbon-1",
              interaction={"kind": "SEARCH", "query": "scarf"}),
    ])  # fmt: skip
    query = """{ customerByIdentifier(type: EMAIL, value: "vi@example.com") {
        journey { researchOfflineBuyOnline researchOnlineBuyOffline } } }"""
    journey = (await client.data(query))["customerByIdentifier"]["journey"]
    assert journey == {"researchOfflineBuyOnline": False, "researchOnlineBuyOffline": False}

    await ingest(client, [
        event("v-3", "interaction", "KIOSK", email, days_ago(18), storeId="store-lisbon-1",
              interaction={"kind": "PRODUCT_VIEW", "sku": "JKT-100"}),
        event("v-4", "order", "MOBILE_APP", email, days_ago(2),
              order={"orderId": "ord-v4", "status": "PLACED", "currency": "EUR", "total": 120.0,
                     "fulfillment": "SHIP",
                     "lines": [{"sku": "JKT-100", "quantity": 1, "unitPrice": 120.0}]}),
    ])  # fmt: skip
    journey = (await client.data(query))["customerByIdentifier"]["journey"]
    assert journey == {"researchOfflineBuyOnline": True, "researchOnlineBuyOffline": False}

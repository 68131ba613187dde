"""Events arrive out of order: every "latest" rule follows `at`, never arrival (EVENTS.md).

Each scenario sends its events one call at a time, in an arrival order that differs from the
order in which things happened, and reads the customer back through the API.
"""

from __future__ import annotations

from typing import Any

from tests.utils.graphql import GraphQLClient

INGEST = """mutation($events: [EventInput!]!) { ingestEvents(events: $events) {
    eventId status customerId error { code field message } } }"""

ANA = """query { customerByIdentifier(type: EMAIL, value: "ana.lima@example.com") {
  givenName familyName locale sizes address { city country }
  consents { purpose channel granted at }
  supportCases { id status messages { channel text at } }
  stats { firstSeen lastSeen }
  timeline { edges { node { at kind channel summary } } }
} }"""

ORDER = """query($id: ID!) { order(id: $id) {
  status channel placedAt total
  statusHistory { status channel at store { id } }
} }"""

EMAIL = {"type": "EMAIL", "value": "ana.lima@example.com"}


def at(day: int, hour: int = 10) -> str:
    return f"2026-03-{day:02d}T{hour:02d}:00:00Z"


def event(event_id: str, kind: str, when: str, channel: str = "WEB", **rest: Any) -> Any:
    raw = {
        "eventId": event_id,
        "type": kind,
        "at": when,
        "channel": channel,
        "identifiers": [EMAIL],
    }
    if channel == "STORE":
        raw["storeId"] = "store-lisbon-1"
    raw.update(rest)
    return raw


def identify(event_id: str, when: str, **traits: Any) -> Any:
    return event(event_id, "identify", when, "MOBILE_APP", traits=traits)


def order_step(event_id: str, when: str, channel: str, status: str, **fields: Any) -> Any:
    return event(event_id, "order", when, channel, order={"orderId": "ord-1", "status": status,
                                                          **fields})  # fmt: skip


def consent(event_id: str, when: str, channel: str, granted: bool) -> Any:
    body = {"purpose": "MARKETING", "channel": channel, "granted": granted}
    return event(event_id, "consent", when, "EMAIL", consent=body)


async def arrive(client: GraphQLClient, *events: Any) -> None:
    """The events arrive in this order, each in its own call."""
    for raw in events:
        (result,) = (await client.data(INGEST, {"events": [raw]}))["ingestEvents"]
        assert result["status"] == "APPLIED", result


async def ana(client: GraphQLClient) -> dict[str, Any]:
    customer: dict[str, Any] = (await client.data(ANA))["customerByIdentifier"]
    return customer


# -- traits --------------------------------------------------------------------------------------


async def test_a_late_arriving_older_name_does_not_overwrite_a_newer_one(
    client: GraphQLClient,
) -> None:
    await arrive(
        client,
        identify("app-2", at(5), givenName="Ana"),
        identify("app-1", at(2), givenName="Anna", familyName="Lima"),  # synced late
    )
    customer = await ana(client)
    assert customer["givenName"] == "Ana", "the value with the latest `at` wins"
    assert customer["familyName"] == "Lima", "an older value still fills a trait never set since"


async def test_a_newer_value_arriving_late_still_wins(client: GraphQLClient) -> None:
    await arrive(
        client,
        identify("app-1", at(2), givenName="Anna"),
        identify("app-2", at(5), givenName="Ana"),
    )
    assert (await ana(client))["givenName"] == "Ana"


async def test_latest_is_by_instant_whatever_the_offset(client: GraphQLClient) -> None:
    await arrive(
        client,
        identify("lisbon", "2026-03-02T10:00:00Z", locale="pt-PT"),
        identify("sao-paulo", "2026-03-02T11:00:00+02:00", locale="pt-BR"),  # 09:00Z: earlier
    )
    assert (await ana(client))["locale"] == "pt-PT"


async def test_null_does_not_erase_a_trait(client: GraphQLClient) -> None:
    await arrive(
        client,
        identify("app-1", at(1), givenName="Ana", sizes={"jacket": "M"},
                 address={"city": "Lisbon", "country": "PT"}),
        identify("app-2", at(3), givenName=None, sizes={"jacket": None, "shoes": "38"},
                 address={"city": None, "country": "PT"}),
    )  # fmt: skip
    customer = await ana(client)
    assert customer["givenName"] == "Ana"
    assert customer["sizes"] == {"jacket": "M", "shoes": "38"}
    assert customer["address"] == {"city": "Lisbon", "country": "PT"}


async def test_each_trait_follows_its_own_latest_value(client: GraphQLClient) -> None:
    await arrive(
        client,
        identify("app-3", at(6), sizes={"jacket": "L"}),
        identify("app-1", at(1), sizes={"jacket": "S", "shoes": "37"}, locale="pt-PT"),
        identify("app-2", at(4), sizes={"shoes": "38"}),
    )
    customer = await ana(client)
    assert customer["sizes"] == {"jacket": "L", "shoes": "38"}
    assert customer["locale"] == "pt-PT"


# -- orders --------------------------------------------------------------------------------------


async def test_a_pickup_reported_before_the_order_was_ready_stays_picked_up(
    client: GraphQLClient,
) -> None:
    await arrive(
        client,
        order_step("web-1", at(1), "WEB", "PLACED", currency="EUR", total=35.5,
                   fulfillment="PICKUP_IN_STORE",
                   lines=[{"sku": "SCF-020", "quantity": 1, "unitPrice": 35.5}]),
        order_step("store-2", at(4), "STORE", "PICKED_UP"),
        order_step("store-1", at(3), "STORE", "READY_FOR_PICKUP"),  # the store's late sync
    )  # fmt: skip
    order = (await client.data(ORDER, {"id": "ord-1"}))["order"]
    assert order["status"] == "PICKED_UP", "the step with the latest `at` is current"
    assert order["channel"] == "WEB", "placed on the web"
    assert [(s["status"], s["channel"]) for s in order["statusHistory"]] == [
        ("PLACED", "WEB"),
        ("READY_FOR_PICKUP", "STORE"),
        ("PICKED_UP", "STORE"),
    ], "every step kept, in time order"
    assert [s["at"][:10] for s in order["statusHistory"]] == [
        "2026-03-01",
        "2026-03-03",
        "2026-03-04",
    ]
    assert order["statusHistory"][2]["store"] == {"id": "store-lisbon-1"}


async def test_a_late_payment_notice_does_not_undo_a_delivery(client: GraphQLClient) -> None:
    await arrive(
        client,
        order_step("web-1", at(1), "WEB", "PLACED", currency="EUR", total=120.0,
                   lines=[{"sku": "JKT-100", "quantity": 1, "unitPrice": 120.0}]),
        order_step("carrier-1", at(5), "WEB", "DELIVERED"),
        order_step("psp-1", at(1, 11), "WEB", "PAID", total=110.0),  # with a discount
    )  # fmt: skip
    order = (await client.data(ORDER, {"id": "ord-1"}))["order"]
    assert order["status"] == "DELIVERED"
    assert [s["status"] for s in order["statusHistory"]] == ["PLACED", "PAID", "DELIVERED"]


# -- consents ------------------------------------------------------------------------------------


async def test_the_consent_in_force_is_the_latest_by_time_not_by_arrival(
    client: GraphQLClient,
) -> None:
    await arrive(
        client,
        consent("sms-2", at(5), "SMS", granted=True),
        consent("sms-1", at(2), "SMS", granted=False),  # an old refusal, replayed late
        consent("mail-1", at(3), "EMAIL", granted=False),
    )
    customer = await ana(client)
    in_force = {(c["channel"], c["granted"], c["at"][:10]) for c in customer["consents"]}
    assert in_force == {("SMS", True, "2026-03-05"), ("EMAIL", False, "2026-03-03")}
    history = [e["node"] for e in customer["timeline"]["edges"] if e["node"]["kind"] == "CONSENT"]
    assert [(h["at"][:10], h["summary"]) for h in history] == [
        ("2026-03-05", "MARKETING on SMS granted"),
        ("2026-03-03", "MARKETING on EMAIL refused"),
        ("2026-03-02", "MARKETING on SMS refused"),
    ], "the history is kept, newest first"


# -- support cases and the timeline -------------------------------------------------------------


async def test_a_case_keeps_its_messages_in_time_order_whatever_the_arrival(
    client: GraphQLClient,
) -> None:
    def case(event_id: str, when: str, channel: str, action: str, text: str) -> Any:
        body = {"caseId": "case-77", "action": action, "text": text, "subject": "Zip"}
        return event(event_id, "support", when, channel, support=body)

    await arrive(
        client,
        case("chat-1", at(6, 10), "CHAT", "OPEN", "The zip is stuck."),
        case("call-1", at(7, 9), "CALL_CENTER", "RESOLVE", "Exchange arranged."),
        case("mail-1", at(6, 15), "EMAIL", "MESSAGE", "Photo attached."),
    )
    (support,) = (await ana(client))["supportCases"]
    assert [m["channel"] for m in support["messages"]] == ["CHAT", "EMAIL", "CALL_CENTER"]
    assert support["status"] == "RESOLVED"


async def test_first_and_last_seen_follow_time_not_arrival(client: GraphQLClient) -> None:
    await arrive(
        client,
        identify("app-2", at(5), givenName="Ana"),
        identify("app-3", at(9), locale="pt-PT"),
        identify("app-1", at(2), familyName="Lima"),
    )
    stats = (await ana(client))["stats"]
    assert stats["firstSeen"].startswith("2026-03-02T10:00")
    assert stats["lastSeen"].startswith("2026-03-09T10:00")


async def test_the_timeline_is_in_time_order_whatever_the_arrival(client: GraphQLClient) -> None:
    def view(event_id: str, when: str, sku: str) -> Any:
        return event(
            event_id, "interaction", when, interaction={"kind": "PRODUCT_VIEW", "sku": sku}
        )

    await arrive(
        client,
        view("v-2", at(4), "SCF-020"),
        view("v-3", at(7), "BOOT-1"),
        view("v-1", at(1), "JKT-100"),
    )
    timeline = [e["node"]["summary"] for e in (await ana(client))["timeline"]["edges"]]
    assert timeline == ["product view BOOT-1", "product view SCF-020", "product view JKT-100"]

"""Clienteling: the associate's notes and dates worth remembering, who came into the store today,
and the store's customers who have not been back for a while."""

from __future__ import annotations

from typing import Any

from neo4j import AsyncDriver

from graph.seed.reference import load_reference_data
from resolvers.principal import Role
from tests.utils.examples import ANA_EMAIL, days_ago, event, events_before, example_events, ingest
from tests.utils.graphql import GraphQLClient

ADD_NOTE = """mutation($id: ID!, $text: String!) { addNote(customerId: $id, text: $text) {
  id text at author authorRole store { id name } } }"""
NOTES = """query($id: ID!) { customer(id: $id) { id notes { id text author store { id } } } }"""


async def _by_phone(client: GraphQLClient) -> dict[str, Any]:
    data = await client.data(
        '{ customerByIdentifier(type: PHONE, value: "+351 912 345 678") { id givenName } }'
    )
    found: dict[str, Any] = data["customerByIdentifier"]
    return found


async def test_an_associate_notes_what_ana_likes_and_the_note_follows_her_profile(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    await load_reference_data(empty_graph, database)
    # Ana shows her loyalty card and phone at the till: a profile of its own, for now
    await ingest(client, events_before("ex-06"))
    associate = client.as_role(Role.ASSOCIATE, store_id="store-lisbon-1", subject="maria")
    card = await _by_phone(associate)
    note = await associate.data(ADD_NOTE, {"id": card["id"], "text": "  Prefers slim fit.  "})
    note = note["addNote"]
    assert note["text"] == "Prefers slim fit."
    assert (note["author"], note["authorRole"]) == ("maria", "associate")
    assert note["store"] == {"id": "store-lisbon-1", "name": "Lisbon Chiado"}
    assert note["id"].startswith("note-") and note["at"]

    # the card is then linked to her e-mail: the card's profile is merged into Ana
    await ingest(client, [e for e in example_events() if e["eventId"] == "ex-06"])
    ana = await _by_phone(associate)
    assert ana["id"] != card["id"] and ana["givenName"] == "Ana"
    # an agent adds one by the merged-away id: it lands on Ana
    agent = client.as_role(Role.AGENT, subject="joao")
    second = await agent.data(ADD_NOTE, {"id": card["id"], "text": "Called about the zip."})
    assert second["addNote"]["store"] is None, "the contact centre is no store"

    notes = (await client.data(NOTES, {"id": ana["id"]}))["customer"]["notes"]
    assert [(n["text"], n["author"]) for n in notes] == [
        ("Called about the zip.", "joao"),
        ("Prefers slim fit.", "maria"),
    ]

    # undoing the merge gives the card's profile back its own note
    merges = await client.data(
        '{ customer(id: "%s") { identity { merges { id mergedCustomerId } } } }' % ana["id"]
    )
    (merge,) = [m for m in merges["customer"]["identity"]["merges"]
                if m["mergedCustomerId"] == card["id"]]  # fmt: skip
    await client.data('mutation { unmergeCustomer(mergeId: "%s") { id } }' % merge["id"])
    back = (await client.data(NOTES, {"id": card["id"]}))["customer"]
    assert back["id"] == card["id"]
    assert [n["text"] for n in back["notes"]] == ["Prefers slim fit."]
    assert [
        n["text"] for n in (await client.data(NOTES, {"id": ana["id"]}))["customer"]["notes"]
    ] == ["Called about the zip."]


async def test_notes_are_checked_and_kept_to_staff(client: GraphQLClient) -> None:
    results = await ingest(client, events_before("ex-07"))
    ana_id = results[-1]["customerId"]
    for text, field in [("   ", "text"), ("x" * 4001, "text")]:
        error = await client.error(ADD_NOTE, {"id": ana_id, "text": text})
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    error = await client.error(ADD_NOTE, {"id": "cus-nobody", "text": "Hello"})
    assert error["extensions"] == {"code": "NOT_FOUND", "field": "customerId"}
    for role in (Role.ANALYST, Role.CUSTOMER, Role.INGEST):
        caller = client.as_role(role, customer_id=ana_id)
        body = await caller.execute(ADD_NOTE, {"id": ana_id, "text": "Hello"})
        assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"], role
    await client.data(ADD_NOTE, {"id": ana_id, "text": "Likes green."})
    for role, query in [
        (Role.ANALYST, NOTES),
        (Role.CUSTOMER, "{ me { notes { text } } }"),
    ]:
        body = await client.as_role(role, customer_id=ana_id).execute(query, {"id": ana_id})
        assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"], role


DATES = """query($id: ID!) { customer(id: $id) { importantDates { kind date nextOccurrence } } }"""
ADD_DATE = """mutation($id: ID!, $kind: String!, $date: Date!) {
  addImportantDate(customerId: $id, kind: $kind, date: $date) { kind date } }"""


async def test_birthdays_and_the_dates_staff_record(client: GraphQLClient) -> None:
    results = await ingest(client, [
        event("d-1", "identify", "WEB", ANA_EMAIL, "2026-03-01T10:00:00Z",
              traits={"givenName": "Ana", "birthDate": "1990-03-12"}),
    ])  # fmt: skip
    ana_id = results[0]["customerId"]
    associate = client.as_role(Role.ASSOCIATE)
    added = await associate.data(
        ADD_DATE, {"id": ana_id, "kind": " wedding anniversary ", "date": "2015-06-20"}
    )
    assert added["addImportantDate"] == {"kind": "WEDDING_ANNIVERSARY", "date": "2015-06-20"}

    dates = (await client.data(DATES, {"id": ana_id}))["customer"]["importantDates"]
    assert [(d["kind"], d["date"]) for d in dates] == [
        ("BIRTHDAY", "1990-03-12"), ("WEDDING_ANNIVERSARY", "2015-06-20")
    ]  # fmt: skip
    birthday = dates[0]["nextOccurrence"]
    assert birthday.endswith("-03-12") and birthday >= days_ago(0).date().isoformat()
    # store staff see no birth date, so no birthday: the dates they record they do see
    query = '{ customerByIdentifier(type: EMAIL, value: "ana.lima@example.com") { importantDates { kind } } }'
    seen = (await associate.data(query))["customerByIdentifier"]["importantDates"]
    assert seen == [{"kind": "WEDDING_ANNIVERSARY"}]
    error = await client.error(ADD_DATE, {"id": ana_id, "kind": "", "date": "2015-06-20"})
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "kind"}
    body = await client.as_role(Role.ANALYST).execute(DATES, {"id": ana_id})
    assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]


async def test_export_has_the_notes_and_erasure_removes_them(client: GraphQLClient) -> None:
    results = await ingest(client, example_events())
    ana_id = results[-1]["customerId"]
    await client.data(ADD_NOTE, {"id": ana_id, "text": "Size M in jackets."})
    await client.data(ADD_DATE, {"id": ana_id, "kind": "ANNIVERSARY", "date": "2015-06-20"})
    document = (await client.data('{ exportCustomer(id: "%s") }' % ana_id))["exportCustomer"]
    assert [n["text"] for n in document["notes"]] == ["Size M in jackets."]
    assert [d["kind"] for d in document["importantDates"]] == ["ANNIVERSARY"]
    await client.data('mutation { eraseCustomer(id: "%s") { customerId } }' % ana_id)
    after = (await client.data(NOTES, {"id": ana_id}))["customer"]
    assert after["notes"] == []
    assert (await client.data(DATES, {"id": ana_id}))["customer"]["importantDates"] == []


VISITS = """query($store: ID!, $at: DateTime) { store(id: $store) {
  visitsToday(at: $at) { id givenName identifiers { type value } } } }"""


async def test_who_came_into_the_store_on_a_day(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    await load_reference_data(empty_graph, database)
    await ingest(client, [
        *example_events(),  # Ana visits store-lisbon-1 on 4 March at 17:30 UTC
        event("w-1", "interaction", "STORE", [("EMAIL", "lia@example.com")], days_ago(0),
              storeId="store-lisbon-1", interaction={"kind": "STORE_VISIT"}),
        event("w-2", "interaction", "STORE", [("EMAIL", "rio@example.com")], days_ago(0),
              storeId="store-porto-1", interaction={"kind": "STORE_VISIT"}),
    ])  # fmt: skip
    associate = client.as_role(Role.ASSOCIATE, store_id="store-lisbon-1")

    async def visitors(at: str | None, store: str = "store-lisbon-1") -> list[dict[str, Any]]:
        data = await associate.data(VISITS, {"store": store, "at": at})
        found: list[dict[str, Any]] = data["store"]["visitsToday"]
        return found

    (ana,) = await visitors("2026-03-04T09:00:00Z")
    assert ana["givenName"] == "Ana"
    assert {"type": "PHONE", "value": "*** *** 678"} in ana["identifiers"]
    assert await visitors("2026-03-05T09:00:00Z") == []
    # the day is the one of `at`, in its own offset: 4 March in Azores time ends at 01:00 UTC
    assert [v["givenName"] for v in await visitors("2026-03-04T23:30:00-01:00")] == ["Ana"]
    assert [v["givenName"] for v in await visitors("2026-03-05T00:30:00+01:00")] == []
    today = await visitors(None)
    assert len(today) == 1 and today[0]["id"] != ana["id"]
    error = await associate.error(VISITS, {"store": "store-porto-1", "at": None})
    assert error["extensions"]["code"] == "FORBIDDEN"
    error = await associate.error(VISITS, {"store": "store-lisbon-1", "at": "2026-03-04T09:00:00"})
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "at"}

    reads = await client.data(
        '{ auditRecords(customerId: "%s", action: READ) { role storeId } }' % ana["id"]
    )
    assert {"role": "associate", "storeId": "store-lisbon-1"} in reads["auditRecords"]


LAPSED = """query($first: Int, $days: Int!) { store(id: "store-lisbon-1") {
  lapsedCustomers(first: $first, days: $days) { givenName } } }"""


def _shopper(name: str, orders: list[tuple[float, str, str | None]]) -> list[dict[str, Any]]:
    """`name` and their orders: (days ago, channel, store placed at or picked up in)."""
    email = [("EMAIL", f"{name.lower()}@example.com")]
    events = [
        event(f"{name}-0", "identify", "WEB", email, days_ago(900), traits={"givenName": name})
    ]
    for n, (ago, channel, store) in enumerate(orders, start=1):
        body: dict[str, Any] = {"orderId": f"ord-{name}-{n}", "status": "PAID", "currency": "EUR",
                                "total": 20.0, "fulfillment": "SHIP",
                                "lines": [{"sku": "SCF-020", "quantity": 1, "unitPrice": 20.0}]}  # fmt: skip
        extra: dict[str, Any] = {}
        if channel == "STORE":
            extra["storeId"] = store
            body["fulfillment"] = "IN_STORE"
        elif store is not None:
            body |= {"fulfillment": "PICKUP_IN_STORE", "fulfillmentStoreId": store}
        events.append(
            event(f"{name}-{n}", "order", channel, email, days_ago(ago), order=body, **extra)
        )
    return events


async def test_the_stores_customers_who_have_not_ordered_for_six_months(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    await load_reference_data(empty_graph, database)
    await ingest(client, [
        *_shopper("Lena", [(400, "STORE", "store-lisbon-1"), (200, "STORE", "store-lisbon-1")]),
        *_shopper("Pia", [(250, "WEB", "store-lisbon-1")]),  # picked up here
        *_shopper("Rita", [(10, "STORE", "store-lisbon-1")]),
        *_shopper("Sara", [(300, "STORE", "store-lisbon-1"), (5, "WEB", None)]),
        *_shopper("Tom", [(400, "STORE", "store-porto-1")]),
    ])  # fmt: skip
    associate = client.as_role(Role.ASSOCIATE, store_id="store-lisbon-1")

    async def lapsed(first: int | None = None, days: int = 180) -> list[str]:
        data = await associate.data(LAPSED, {"first": first, "days": days})
        return [c["givenName"] for c in data["store"]["lapsedCustomers"]]

    assert await lapsed() == ["Lena", "Pia"], "most recently lapsed first"
    assert await lapsed(first=1) == ["Lena"]
    assert await lapsed(days=220) == ["Pia"]
    error = await associate.error(LAPSED, {"first": 5, "days": 0})
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "days"}

"""The demo's day in Lisbon Chiado (`graph/seed/story.py`), as a store associate reads it through
the API: two pickups ready, Ana and Rui in today, Ana's cart started on her phone, her open case
from the chat to e-mail, her birthday in 12 days; a customer of the store opens by id, a
stranger to it does not; her timeline without her own words; the story told twice adds nothing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from neo4j import AsyncDriver

from gateway.settings import Settings
from graph.seed.load import tell_story
from resolvers.principal import Role
from tests.utils.graphql import GraphQLClient
from tests.utils.people import ANA_ID


@pytest.fixture
def graphql(demo_day: AsyncDriver, settings: Settings) -> GraphQLClient:
    """A client of the gateway serving the demo data with today's story."""
    return GraphQLClient(demo_day, settings)


STORE_DAY = """query($at: DateTime) { store(id: "store-lisbon-1") {
  timeZone locale
  pickupsReady { order { id lines { sku } } customer { givenName } }
  visitsToday(at: $at) { givenName familyName } } }"""
ANA = """query($id: ID!) { store(id: "store-lisbon-1") { customer(id: $id) {
  givenName sizes
  cart { items { sku } history(first: 10) { edges { node { channel } } } }
  openCases { subject channels }
  consents { purpose channel granted }
  importantDates { kind nextOccurrence }
  notes { author }
  recommendations(first: 5) { score reason }
  timeline(first: 30) { edges { node { kind summary interaction { query text } } } } } } }"""


async def test_the_day_in_chiado_as_an_associate_reads_it(
    demo_day: AsyncDriver, graphql: GraphQLClient
) -> None:
    associate = graphql.as_role(Role.ASSOCIATE, store_id="store-lisbon-1")
    now = datetime.now(UTC).isoformat()
    store = (await associate.data(STORE_DAY, {"at": now}))["store"]
    assert (store["timeZone"], store["locale"]) == ("Europe/Lisbon", "pt-PT")
    assert [(p["customer"]["givenName"], p["order"]["lines"][0]["sku"])
            for p in store["pickupsReady"]] == [("Marta", "BAG-040"), ("Ana", "SWT-050")]  # fmt: skip
    assert {(v["givenName"], v["familyName"]) for v in store["visitsToday"]} == {
        ("Ana", "Lima"), ("Rui", "Lima")
    }  # fmt: skip

    ana = (await associate.data(ANA, {"id": ANA_ID}))["store"]["customer"]
    assert ana["sizes"] == {"jacket": "M", "shoes": "38", "trousers": "36"}
    assert {i["sku"] for i in ana["cart"]["items"]} == {"BTS-070", "BLT-010"}
    changes = [e["node"]["channel"] for e in ana["cart"]["history"]["edges"]]
    assert changes[-1] == "MOBILE_APP" and "WEB" in changes, "started on her phone"
    assert ana["openCases"] == [
        {"subject": "Chelsea boots: which size?", "channels": ["CHAT", "EMAIL"]}
    ]
    consents = {
        (c["channel"], c["granted"]) for c in ana["consents"] if c["purpose"] == "MARKETING"
    }
    assert consents == {("EMAIL", True), ("SMS", False)}
    birthday = next(d for d in ana["importantDates"] if d["kind"] == "BIRTHDAY")
    assert date.fromisoformat(birthday["nextOccurrence"]) - date.today() == timedelta(days=12)
    assert {n["author"] for n in ana["notes"]} >= {"lisbon-1-maria", "cc-joao"}
    scores = [r["score"] for r in ana["recommendations"]]
    assert len(set(scores)) >= 3 and len({r["reason"] for r in ana["recommendations"]}) >= 3
    # her timeline, for store staff: what she did, never what she wrote or searched for
    entries = [e["node"] for e in ana["timeline"]["edges"]]
    assert {"ORDER", "INTERACTION", "CART", "CASE_MESSAGE", "CONSENT", "LOYALTY"} <= {
        e["kind"] for e in entries
    }
    for entry in entries:
        assert "boots" not in entry["summary"] and "size" not in entry["summary"], entry
        assert entry["interaction"] in (None, {"query": None, "text": None}), entry


async def test_a_store_opens_its_own_customers_by_id_and_nobody_else(
    demo_day: AsyncDriver, graphql: GraphQLClient
) -> None:
    query = 'query($id: ID!) { store(id: "%s") { customer(id: $id) { id givenName } } }'
    associate = graphql.as_role(Role.ASSOCIATE, store_id="store-lisbon-1")
    ana = await associate.data(query % "store-lisbon-1", {"id": ANA_ID})
    assert ana["store"]["customer"] == {"id": ANA_ID, "givenName": "Ana"}
    # the loyalty-card profile of ex-05 was merged into Ana: its id still opens her
    merges = await graphql.data(
        '{ customer(id: "%s") { identity { merges { mergedCustomerId } } } }' % ANA_ID
    )
    merged = merges["customer"]["identity"]["merges"][0]["mergedCustomerId"]
    again = await associate.data(query % "store-lisbon-1", {"id": merged})
    assert again["store"]["customer"]["id"] == ANA_ID
    # someone who never came to Chiado nor ordered there: not this store's to open
    stranger = await graphql.data(
        "{ customers(first: 100) { edges { node { id stats { channels } } } } }"
    )
    online = [e["node"]["id"] for e in stranger["customers"]["edges"]
              if "STORE" not in e["node"]["stats"]["channels"]]  # fmt: skip
    assert online, "the demo data has online-only shoppers"
    nobody = await associate.data(query % "store-lisbon-1", {"id": online[0]})
    assert nobody["store"]["customer"] is None
    error = await associate.error(query % "store-porto-1", {"id": ANA_ID})
    assert error["extensions"]["code"] == "FORBIDDEN"
    for role in (Role.ANALYST, Role.CUSTOMER):
        body = await graphql.as_role(role, customer_id=ANA_ID).execute(
            query % "store-lisbon-1", {"id": ANA_ID}
        )
        assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"], role
    reads = await graphql.data(
        '{ auditRecords(customerId: "%s", action: READ) { role storeId } }' % ANA_ID
    )
    assert {"role": "associate", "storeId": "store-lisbon-1"} in reads["auditRecords"]


async def test_telling_the_days_story_twice_adds_nothing(
    demo_day: AsyncDriver, database: str, graphql: GraphQLClient
) -> None:
    before = await graphql.data(
        '{ customer(id: "%s") { notes { id } importantDates { kind } } }' % ANA_ID
    )
    counts = await tell_story(demo_day, database, datetime.now(UTC))
    assert counts["APPLIED"] == 0 and counts["DUPLICATE"] > 10
    after = await graphql.data(
        '{ customer(id: "%s") { notes { id } importantDates { kind } } }' % ANA_ID
    )
    assert after == before

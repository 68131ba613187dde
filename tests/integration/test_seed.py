"""The demo data: Ana's journey as EVENTS.md tells it, and a generated crowd that is the same on
every run, never doubles up, and uses every channel the way real shoppers do."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

import phonenumbers
import pytest
from neo4j import AsyncDriver

from graph.cypher import customers, orders
from graph.driver import GraphReader
from graph.identifiers import RULES, IdentifierClass
from graph.seed import SeedReport, seed_demo_data
from tests.conftest import DEMO_CUSTOMERS, DEMO_SEED, wipe

CHANNELS = {
    "WEB",
    "MOBILE_APP",
    "STORE",
    "CALL_CENTER",
    "EMAIL",
    "SMS",
    "SOCIAL",
    "CHAT",
    "KIOSK",
    "MARKETPLACE",
}
PERSON_TYPES = [kind for kind, rule in RULES.items() if rule.klass is IdentifierClass.PERSON]


async def _rows(
    driver: AsyncDriver, database: str, cypher: str, **params: Any
) -> list[dict[str, Any]]:
    records, _, _ = await driver.execute_query(cypher, params, database_=database)
    return [record.data() for record in records]


async def _value(driver: AsyncDriver, database: str, cypher: str, **params: Any) -> Any:
    rows = await _rows(driver, database, cypher, **params)
    return next(iter(rows[0].values()))


async def _fingerprint(driver: AsyncDriver, database: str) -> str:
    """Counts per label and relationship type, plus every customer, order and interaction."""
    parts = [
        await _rows(
            driver, database, "MATCH (n) RETURN labels(n) AS labels, count(*) AS n ORDER BY labels"
        ),
        await _rows(
            driver, database, "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type"
        ),
        await _rows(driver, database, "MATCH (c:Customer) RETURN c {.*} AS c ORDER BY c.id"),
        await _rows(
            driver,
            database,
            "MATCH (c:Customer)-[:PLACED]->(o:Order) "
            "RETURN c.id AS customer, o {.*} AS o ORDER BY o.id",
        ),
        await _rows(
            driver, database, "MATCH (i:Interaction) RETURN i.id AS id, i.at AS at ORDER BY i.id"
        ),
        await _rows(
            driver,
            database,
            "MATCH (c:Customer)-[r:HAS_IDENTIFIER]->(i:Identifier) "
            "RETURN c.id AS c, i.type AS t, i.value AS v, r.firstSeen AS f "
            "ORDER BY c, t, v",
        ),
    ]
    return hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


async def _assert_ana_end_state(driver: AsyncDriver, database: str) -> None:
    reader = GraphReader(driver, database)
    ana = (await customers.customers_by_id(reader, ["cus-ana"]))["cus-ana"]
    assert (ana["givenName"], ana["familyName"], ana["locale"]) == ("Ana", "Lima", "pt-BR")
    assert json.loads(ana["sizesJson"]) == {"jacket": "M"}
    assert (ana["addressCity"], ana["addressCountry"]) == ("Lisbon", "PT")
    assert ana["anonymous"] is False
    assert (ana["loyaltyPoints"], ana["loyaltyTier"]) == (20, "BASIC")

    stats = (await customers.stats(reader, ["cus-ana"]))["cus-ana"]
    assert {c["channel"] for c in stats["channels"]} == {
        "WEB",
        "MOBILE_APP",
        "STORE",
        "CHAT",
        "EMAIL",
        "CALL_CENTER",
    }
    assert stats["orderCount"] == 2
    assert stats["lifetimeValue"] == pytest.approx(155.50)

    history = (await orders.status_history(reader, ["ord-3002"]))["ord-3002"]
    assert [
        (s["status"], s["channel"], s["at"].to_native(), s.get("storeId")) for s in history
    ] == [
        ("PLACED", "WEB", _utc("2026-03-10T12:00:00"), None),
        ("PICKED_UP", "STORE", _utc("2026-03-11T18:10:00"), "store-lisbon-1"),
    ]
    placed = await orders.orders_by_id(reader, ["ord-3001", "ord-3002"])
    assert placed["ord-3002"]["status"] == "PICKED_UP"
    assert placed["ord-3002"]["fulfillmentStoreId"] == "store-lisbon-1"
    assert (placed["ord-3001"]["storeId"], placed["ord-3001"]["deviceId"]) == (
        "store-lisbon-1",
        "pos-lisbon-1-03",
    )

    (case,) = (await customers.support_cases(reader, ["cus-ana"]))["cus-ana"]
    assert (case["id"], case["subject"], case["status"], case["orderId"]) == (
        "case-77",
        "Zip is stuck",
        "RESOLVED",
        "ord-3001",
    )
    assert [m["channel"] for m in case["messages"]] == ["CHAT", "EMAIL", "CALL_CENTER"]

    (consent,) = (await customers.consents(reader, ["cus-ana"]))["cus-ana"]
    assert (consent["purpose"], consent["channel"], consent["granted"]) == (
        "MARKETING",
        "SMS",
        False,
    )

    cart = (await customers.open_carts(reader, ["cus-ana"]))["cus-ana"]
    assert cart["items"] == []
    assert await _value(
        driver,
        database,
        "MATCH (:Customer {id: 'cus-ana'})-[:HAS_CART]->(c:Cart "
        "{status: 'CHECKED_OUT'})-[:CONTAINS]->(p:Product) RETURN collect(p.sku)",
    ) == ["JKT-100"]

    devices = await customers.devices(reader, ["cus-ana", "cus-rui"])
    assert {d["id"] for d in devices["cus-ana"]} == {"dev-ana-phone", "dev-family-tablet"}
    assert [d["id"] for d in devices["cus-rui"]] == ["dev-family-tablet"]


async def test_ana_and_rui_are_written_even_without_generated_customers(
    neo4j_driver: AsyncDriver, database: str
) -> None:
    await wipe(neo4j_driver, database)
    report = await seed_demo_data(neo4j_driver, database, 0, progress=False)

    assert report.customers == 0
    assert report.records > 0
    assert await _value(neo4j_driver, database, "MATCH (c:Customer) RETURN collect(c.id)") in (
        ["cus-ana", "cus-rui"],
        ["cus-rui", "cus-ana"],
    )
    await _assert_ana_end_state(neo4j_driver, database)
    again = await seed_demo_data(neo4j_driver, database, 0, progress=False)
    assert (again.records, again.skipped) == (0, 2)


@pytest.fixture(scope="module")
async def seeded(neo4j_driver: AsyncDriver, database: str) -> SeedReport:
    """The demo graph the rest of the suite uses (same customers and seed)."""
    await wipe(neo4j_driver, database)
    return await seed_demo_data(
        neo4j_driver, database, DEMO_CUSTOMERS, seed=DEMO_SEED, progress=False
    )


async def test_ana_keeps_her_journey_among_generated_customers(
    seeded: SeedReport, neo4j_driver: AsyncDriver, database: str
) -> None:
    assert seeded.customers == DEMO_CUSTOMERS
    assert seeded.records_per_second > 0
    assert await _value(neo4j_driver, database, "MATCH (c:Customer) RETURN count(c)") == (
        DEMO_CUSTOMERS + 2
    )
    await _assert_ana_end_state(neo4j_driver, database)


async def test_a_second_run_adds_nothing(
    seeded: SeedReport, neo4j_driver: AsyncDriver, database: str
) -> None:
    before = await _fingerprint(neo4j_driver, database)

    again = await seed_demo_data(
        neo4j_driver, database, DEMO_CUSTOMERS, seed=DEMO_SEED, progress=False
    )

    assert (again.records, again.skipped) == (0, DEMO_CUSTOMERS + 2)
    assert await _fingerprint(neo4j_driver, database) == before


async def test_the_same_seed_gives_the_same_graph_whatever_the_batch_size(
    seeded: SeedReport, neo4j_driver: AsyncDriver, database: str
) -> None:
    before = await _fingerprint(neo4j_driver, database)
    await wipe(neo4j_driver, database)

    report = await seed_demo_data(
        neo4j_driver,
        database,
        DEMO_CUSTOMERS,
        seed=DEMO_SEED,
        batch_size=16,
        progress=False,
        concurrency=1,
    )

    assert report.records == seeded.records
    assert await _fingerprint(neo4j_driver, database) == before


async def test_another_seed_gives_other_customers(
    seeded: SeedReport, neo4j_driver: AsyncDriver, database: str
) -> None:
    from graph.seed.catalogue import Catalogue as _Catalogue
    from graph.seed.customers import generate_block as _generate_block
    from graph.seed.rows import Batch as _Batch

    def first_block(seed: int) -> list[Any]:
        batch = _Batch()
        _generate_block(batch, _Catalogue(), seed, 0, DEMO_CUSTOMERS)
        return batch.rows["customers"]

    assert first_block(DEMO_SEED) == first_block(DEMO_SEED)
    assert first_block(DEMO_SEED) != first_block(DEMO_SEED + 1)


async def test_every_channel_sees_orders_or_interactions(
    seeded: SeedReport, neo4j_driver: AsyncDriver, database: str
) -> None:
    used = await _value(
        neo4j_driver,
        database,
        "MATCH (x)-[:ON_CHANNEL]->(ch:Channel) WHERE x:Order OR x:Interaction "
        "RETURN collect(DISTINCT ch.code)",
    )
    assert set(used) == CHANNELS
    mismatched = await _value(
        neo4j_driver,
        database,
        "MATCH (x)-[:ON_CHANNEL]->(ch:Channel) WHERE x.channel <> ch.code RETURN count(x)",
    )
    assert mismatched == 0
    assert (
        await _value(
            neo4j_driver,
            database,
            "MATCH (o:Order) WHERE NOT (o)-[:ON_CHANNEL]->() RETURN count(o)",
        )
        == 0
    )


async def test_store_orders_happen_at_a_store_on_a_till(
    seeded: SeedReport, neo4j_driver: AsyncDriver, database: str
) -> None:
    rows = await _rows(
        neo4j_driver,
        database,
        "MATCH (o:Order {channel: 'STORE'}) "
        "OPTIONAL MATCH (o)-[:AT_STORE]->(s:Store) OPTIONAL MATCH (o)-[:FROM_DEVICE]->(d:Device) "
        "RETURN o.id AS id, s.id AS store, d.kind AS device",
    )
    assert rows
    assert all(row["store"] and row["device"] == "POS" for row in rows)
    pickups = await _rows(
        neo4j_driver,
        database,
        "MATCH (o:Order {fulfillment: 'PICKUP_IN_STORE'})-[:FULFILLED_AT]->(:Store) "
        "MATCH (o)-[:HAS_STATUS]->(s:OrderStatus) WITH o, s ORDER BY s.at "
        "RETURN o.status AS status, collect(s.status) AS steps, collect(s.channel) AS channels",
    )
    assert pickups
    for pickup in pickups:
        assert pickup["steps"][0] == "PLACED"
        assert pickup["status"] == pickup["steps"][-1]
        if pickup["status"] == "PICKED_UP":
            assert pickup["channels"][-1] == "STORE"


async def test_order_status_is_its_latest_step_and_totals_add_up(
    seeded: SeedReport, neo4j_driver: AsyncDriver, database: str
) -> None:
    rows = await _rows(
        neo4j_driver,
        database,
        "MATCH (o:Order) "
        "CALL (o) { MATCH (o)-[:HAS_STATUS]->(s) WITH s ORDER BY s.at DESC "
        "  RETURN collect(s)[0] AS latest } "
        "CALL (o) { MATCH (o)-[l:CONTAINS]->(:Product) "
        "  RETURN sum(l.quantity * l.unitPrice) AS sum, collect(l.line) AS lines } "
        "RETURN o.status AS status, latest.status AS latest, o.updatedAt = latest.at AS same, "
        "o.total AS total, sum, lines",
    )
    assert len(rows) > DEMO_CUSTOMERS
    for row in rows:
        assert (row["status"], row["same"]) == (row["latest"], True)
        assert row["total"] == pytest.approx(row["sum"])
        assert sorted(row["lines"]) == list(range(1, len(row["lines"]) + 1))


async def test_households_share_a_tablet_but_stay_separate_customers(
    seeded: SeedReport, neo4j_driver: AsyncDriver, database: str
) -> None:
    shared = await _rows(
        neo4j_driver,
        database,
        "MATCH (c:Customer)-[:USES_DEVICE]->(d:Device {kind: 'TABLET'}) "
        "WITH d, collect(c) AS members WHERE size(members) > 1 "
        "RETURN d.id AS device, [m IN members | m.familyName] AS families, "
        "COUNT { (:Customer)-[:HAS_IDENTIFIER]->(:Identifier {type: 'DEVICE_ID', value: d.id}) }"
        " AS owners",
    )
    assert len(shared) >= 2  # the Limas' and at least one generated household
    for household in shared:
        assert 2 <= len(household["families"]) <= 4
        assert len(set(household["families"])) == 1
        assert household["owners"] == len(household["families"])


async def test_person_identifiers_belong_to_one_customer_and_phones_are_valid(
    seeded: SeedReport, neo4j_driver: AsyncDriver, database: str
) -> None:
    assert (
        await _value(
            neo4j_driver,
            database,
            "MATCH (i:Identifier) WHERE i.type IN $person AND COUNT { (i)<-[:HAS_IDENTIFIER]-() } > 1 "
            "RETURN count(i)",
            person=PERSON_TYPES,
        )
        == 0
    )
    phones = await _value(
        neo4j_driver, database, "MATCH (i:Identifier {type: 'PHONE'}) RETURN collect(i.value)"
    )
    assert phones
    assert all(phonenumbers.is_valid_number(phonenumbers.parse(p)) for p in phones)


async def test_anonymous_visitors_have_no_person_identifiers_nor_traits(
    seeded: SeedReport, neo4j_driver: AsyncDriver, database: str
) -> None:
    rows = await _rows(
        neo4j_driver,
        database,
        "MATCH (c:Customer {anonymous: true}) "
        "RETURN c {.*} AS c, [(c)-[:HAS_IDENTIFIER]->(i) | i.type] AS types, "
        "COUNT { (c)-[:PLACED]->() } AS orders, COUNT { (c)-[:PERFORMED]->() } AS interactions",
    )
    assert rows
    for row in rows:
        assert set(row["types"]) <= {"COOKIE_ID", "DEVICE_ID"}
        assert "COOKIE_ID" in row["types"]
        assert row["c"].get("givenName") is None and row["c"].get("familyName") is None
        assert (row["orders"], row["interactions"] > 0) == (0, True)


async def test_customers_profiles_are_consistent_with_their_activity(
    seeded: SeedReport, neo4j_driver: AsyncDriver, database: str
) -> None:
    rows = await _rows(
        neo4j_driver,
        database,
        "MATCH (c:Customer) "
        "CALL (c) { OPTIONAL MATCH (c)-[:EARNED_OR_SPENT]->(m) RETURN coalesce(sum(m.points), 0)"
        "  AS points } "
        "CALL (c) { OPTIONAL MATCH (c)-[:PERFORMED]->(i) RETURN min(i.at) AS firstI,"
        "  max(i.at) AS lastI } "
        "RETURN c {.*} AS c, points, firstI, lastI, "
        "COUNT { (c)-[:HAS_CART]->(:Cart {status: 'OPEN'}) } AS openCarts",
    )
    tiers = {
        "BASIC": (0, 500),
        "SILVER": (500, 2000),
        "GOLD": (2000, 5000),
        "PLATINUM": (5000, 10**9),
    }
    for row in rows:
        c = row["c"]
        assert c["loyaltyPoints"] == row["points"] >= 0
        if c.get("loyaltyTier"):
            low, high = tiers[c["loyaltyTier"]]
            assert low <= c["loyaltyPoints"] < high
        assert c["firstSeen"] <= c["lastSeen"]
        if row["firstI"] is not None:
            assert c["firstSeen"] <= row["firstI"] <= row["lastI"] <= c["lastSeen"]
        assert row["openCarts"] <= 1
        if not c["anonymous"] and c["id"] != "cus-rui":
            assert json.loads(c["sizesJson"])
    known = [row["c"] for row in rows if not row["c"]["anonymous"]]
    assert all(c["givenName"] and c["searchText"] for c in known)


async def test_the_catalogue_has_the_products_and_stores_of_the_examples(
    seeded: SeedReport, neo4j_driver: AsyncDriver, database: str
) -> None:
    products = await _rows(
        neo4j_driver,
        database,
        "MATCH (p:Product) WHERE p.sku IN ['JKT-100', 'SCF-020'] RETURN p {.*} AS p ORDER BY p.sku",
    )
    assert [(p["p"]["name"], p["p"]["category"], p["p"]["price"]) for p in products] == [
        ("Rain jacket", "outerwear", 120.0),
        ("Wool scarf", "accessories", 35.5),
    ]
    assert await _value(neo4j_driver, database, "MATCH (p:Product) RETURN count(p)") >= 250
    assert (
        await _value(
            neo4j_driver,
            database,
            "MATCH (p:Product) WHERE p.category IN ['beauty', 'food'] "
            "RETURN all(x IN collect(p.consumable) WHERE x)",
        )
        is True
    )
    assert (
        await _value(neo4j_driver, database, "MATCH (s:Store {id: 'store-lisbon-1'}) RETURN s.city")
        == "Lisbon"
    )

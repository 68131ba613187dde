"""Deterministic, realistic omni-channel demo data: `omnigraph seed --customers N --seed S`.

The same (customers, seed) always gives the same graph: customers are generated in blocks of
`BLOCK`, each from its own `random.Random(f"{seed}:{block}")`, with every time counted back from
a fixed epoch (2026-01-01, activity up to two years before it), so neither the batch size nor the
clock changes a single value. Ana and Rui, the two customers of `examples.jsonl`, are always
written too.

Writing is batched: one write transaction per batch of customers, one `UNWIND $rows` statement
per node kind, two transactions in flight. A customer is written whole in one transaction, so a
re-run skips the customers already present and adds nothing (an interrupted run, or a larger N,
just fills in the rest).

    report = await seed_demo_data(driver, "neo4j", customers=10_000, seed=42)
    print(f"{report.records:,} records, {report.records_per_second:,.0f}/s")
"""

from __future__ import annotations

import asyncio
import json
import math
import random
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction
from tqdm import tqdm

from graph import seed_data as data
from graph.identifiers import normalize, search_terms

Row = dict[str, Any]

EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
BLOCK = 8  # customers per random stream; a household never crosses a block
_HOUR = 3600
_DAY = 24 * _HOUR
_KINDS = (
    "customers",
    "identifiers",
    "devices",
    "accounts",
    "orders",
    "interactions",
    "carts",
    "cases",
    "consents",
    "loyalty",
)


@dataclass(frozen=True)
class SeedReport:
    customers: int  # generated customers asked for (Ana and Rui come on top)
    records: int  # nodes + relationships created
    seconds: float
    skipped: int = 0  # customers already in the graph, left as they were

    @property
    def records_per_second(self) -> float:
        return self.records / self.seconds if self.seconds > 0 else 0.0


# --- Cypher: one statement per node kind, each fed a list of rows -------------------------------

_CATALOGUE = (
    "UNWIND $products AS row MERGE (p:Product {sku: row.sku}) SET p += row",
    "UNWIND $stores AS row MERGE (s:Store {id: row.id}) SET s += row",
    "UNWIND $terminals AS row MERGE (d:Device {id: row.id}) SET d += row",
)

_EXISTING = "UNWIND $ids AS cid MATCH (c:Customer {id: cid}) RETURN collect(cid) AS ids"

# Times travel as Unix seconds and become DATETIMEs in Cypher: the driver's per-value conversion
# of Python datetimes costs more client CPU than everything else here together.
# Relationships are CREATEd: every statement below only ever sees customers that did not exist
# when the transaction started (see `_apply_batch`), so nothing they create can already exist.
# Properties are listed one by one (`SET n = map` would make the planner add Eager operators).
_STATEMENTS: dict[str, str] = {
    "customers": """
UNWIND $rows AS row
CREATE (:Customer {id: row.id, givenName: row.givenName, familyName: row.familyName,
  birthDate: row.birthDate, locale: row.locale, addressLine1: row.addressLine1,
  addressCity: row.addressCity, addressPostalCode: row.addressPostalCode,
  addressCountry: row.addressCountry, sizesJson: row.sizesJson,
  preferencesJson: row.preferencesJson, anonymous: row.anonymous,
  firstSeen: datetime({epochSeconds: row.firstSeen}),
  lastSeen: datetime({epochSeconds: row.lastSeen}), loyaltyPoints: row.loyaltyPoints,
  loyaltyTier: row.loyaltyTier, searchText: row.searchText})""",
    "identifiers": """
UNWIND $rows AS row
MATCH (c:Customer {id: row.customerId})
MERGE (i:Identifier {type: row.type, value: row.value})
CREATE (c)-[:HAS_IDENTIFIER {firstSeen: datetime({epochSeconds: row.firstSeen}),
  lastSeen: datetime({epochSeconds: row.lastSeen})}]->(i)""",
    "devices": """
UNWIND $rows AS row
MATCH (c:Customer {id: row.customerId})
MERGE (d:Device {id: row.device.id})
ON CREATE SET d.kind = row.device.kind, d.os = row.device.os, d.model = row.device.model,
  d.lastSeen = datetime({epochSeconds: row.device.lastSeen})
CREATE (c)-[:USES_DEVICE {firstSeen: datetime({epochSeconds: row.firstSeen}),
  lastSeen: datetime({epochSeconds: row.lastSeen})}]->(d)""",
    "accounts": """
UNWIND $rows AS row
MATCH (c:Customer {id: row.customerId})
CREATE (c)-[:HAS_ACCOUNT]->(:Account {id: row.id, kind: row.kind, status: row.status,
  createdAt: datetime({epochSeconds: row.createdAt})})""",
    "orders": """
UNWIND $rows AS row
MATCH (c:Customer {id: row.customerId})
MATCH (ch:Channel {code: row.channel})
CREATE (c)-[:PLACED]->(o:Order {id: row.id, channel: row.channel, status: row.status,
  fulfillment: row.fulfillment, placedAt: datetime({epochSeconds: row.placedAt}),
  updatedAt: datetime({epochSeconds: row.updatedAt}), currency: row.currency,
  total: row.total})-[:ON_CHANNEL]->(ch)
WITH o, row
CALL (o, row) {
  UNWIND row.lines AS line
  MATCH (p:Product {sku: line.sku})
  CREATE (o)-[:CONTAINS {line: line.line, quantity: line.quantity, unitPrice: line.unitPrice}]->(p)
}
CALL (o, row) {
  UNWIND row.statuses AS step
  CREATE (o)-[:HAS_STATUS]->(:OrderStatus {id: step.id, status: step.status,
    channel: step.channel, at: datetime({epochSeconds: step.at}), storeId: step.storeId})
}
CALL (o, row) { MATCH (s:Store {id: row.storeId}) CREATE (o)-[:AT_STORE]->(s) }
CALL (o, row) { MATCH (s:Store {id: row.fulfillmentStoreId}) CREATE (o)-[:FULFILLED_AT]->(s) }
CALL (o, row) { MATCH (d:Device {id: row.deviceId}) CREATE (o)-[:FROM_DEVICE]->(d) }""",
    "interactions": """
UNWIND $rows AS row
MATCH (c:Customer {id: row.customerId})
MATCH (ch:Channel {code: row.channel})
CREATE (c)-[:PERFORMED]->(i:Interaction {id: row.id, kind: row.kind, channel: row.channel,
  at: datetime({epochSeconds: row.at}), sku: row.sku, query: row.query, url: row.url,
  text: row.text, rating: row.rating, durationSeconds: row.durationSeconds})-[:ON_CHANNEL]->(ch)
WITH i, row
CALL (i, row) { MATCH (p:Product {sku: row.sku}) CREATE (i)-[:ABOUT]->(p) }
CALL (i, row) { MATCH (s:Store {id: row.storeId}) CREATE (i)-[:AT_STORE]->(s) }
CALL (i, row) { MATCH (d:Device {id: row.deviceId}) CREATE (i)-[:VIA_DEVICE]->(d) }""",
    "carts": """
UNWIND $rows AS row
MATCH (c:Customer {id: row.customerId})
CREATE (c)-[:HAS_CART]->(cart:Cart {id: row.id, status: row.status,
  updatedAt: datetime({epochSeconds: row.updatedAt}), lastChannel: row.lastChannel,
  lastDeviceId: row.lastDeviceId})
WITH c, cart, row
CALL (cart, row) {
  UNWIND row.items AS item
  MATCH (p:Product {sku: item.sku})
  CREATE (cart)-[:CONTAINS {quantity: item.quantity, unitPrice: item.unitPrice}]->(p)
}
CALL (c, cart, row) {
  UNWIND row.changes AS change
  CREATE (c)-[:CHANGED_CART]->(:CartChange {id: change.id, action: change.action,
    sku: change.sku, quantity: change.quantity, unitPrice: change.unitPrice,
    channel: change.channel, at: datetime({epochSeconds: change.at})})<-[:HAD_CHANGE]-(cart)
}""",
    "cases": """
UNWIND $rows AS row
MATCH (c:Customer {id: row.customerId})
CREATE (c)-[:OPENED_CASE]->(s:SupportCase {id: row.id, status: row.status, subject: row.subject,
  openedAt: datetime({epochSeconds: row.openedAt}),
  updatedAt: datetime({epochSeconds: row.updatedAt})})
WITH s, row
CALL (s, row) {
  UNWIND row.messages AS message
  CREATE (s)-[:HAS_MESSAGE]->(:CaseMessage {id: message.id, channel: message.channel,
    at: datetime({epochSeconds: message.at}), text: message.text, action: message.action})
}
CALL (s, row) { MATCH (o:Order {id: row.orderId}) CREATE (s)-[:CONCERNS]->(o) }""",
    "consents": """
UNWIND $rows AS row
MATCH (c:Customer {id: row.customerId})
CREATE (c)-[:GAVE_CONSENT]->(:Consent {id: row.id, purpose: row.purpose, channel: row.channel,
  granted: row.granted, at: datetime({epochSeconds: row.at}),
  documentVersion: row.documentVersion, eventChannel: row.eventChannel})""",
    "loyalty": """
UNWIND $rows AS row
MATCH (c:Customer {id: row.customerId})
CREATE (c)-[:EARNED_OR_SPENT]->(:LoyaltyMove {id: row.id, action: row.action,
  points: row.points, channel: row.channel, at: datetime({epochSeconds: row.at}),
  reference: row.reference})""",
}


# --- writing ------------------------------------------------------------------------------------


@dataclass
class _Batch:
    customer_ids: list[str] = field(default_factory=list)
    rows: dict[str, list[Row]] = field(default_factory=lambda: {kind: [] for kind in _KINDS})


@dataclass(frozen=True)
class _Written:
    customers: int
    records: int
    skipped: int


async def seed_demo_data(
    driver: AsyncDriver,
    database: str,
    customers: int,
    seed: int = 42,
    batch_size: int = 500,
    progress: bool = True,
    concurrency: int = 2,
) -> SeedReport:
    """Write the catalogue, Ana and Rui, and `customers` generated customers; see the module doc.

    Assumes `migrate()` has run: the uniqueness constraints make every MERGE an index lookup.
    `batch_size` is rounded down to whole blocks; `concurrency` write transactions overlap (two
    keep both of a small machine's cores busy, more only add lock waits).
    """
    if customers < 0 or batch_size < 1 or concurrency < 1:
        raise ValueError("customers must be >= 0, batch_size and concurrency >= 1")
    started = time.perf_counter()
    records = await _write_catalogue(driver, database)
    fixed = _Batch(customer_ids=["cus-ana", "cus-rui"], rows=data.fixed_customers())
    written = await _write_batch(driver, database, fixed)
    records += written.records
    skipped = written.skipped

    blocks = math.ceil(customers / BLOCK)
    per_batch = max(1, batch_size // BLOCK)
    catalogue = _Catalogue()
    in_flight: set[asyncio.Task[_Written]] = set()
    with tqdm(
        total=customers,
        unit="customer",
        disable=not progress,
        file=sys.stderr,
        desc="seed",
        smoothing=0.1,
    ) as bar:

        def done(finished: set[asyncio.Task[_Written]]) -> None:
            nonlocal records, skipped
            for task in finished:
                written = task.result()
                records += written.records
                skipped += written.skipped
                bar.update(written.customers)
            elapsed = time.perf_counter() - started
            bar.set_postfix(records=records, rate=f"{records / max(elapsed, 1e-9):,.0f}/s")

        try:
            for first_block in range(0, blocks, per_batch):
                batch = _Batch()
                for block in range(first_block, min(blocks, first_block + per_batch)):
                    _generate_block(batch, catalogue, seed, block, customers)
                if len(in_flight) >= concurrency:
                    finished, in_flight = await asyncio.wait(
                        in_flight, return_when=asyncio.FIRST_COMPLETED
                    )
                    done(finished)
                in_flight.add(asyncio.create_task(_write_batch(driver, database, batch)))
            if in_flight:
                finished, in_flight = await asyncio.wait(in_flight)
                done(finished)
        finally:
            for task in in_flight:  # only left on an error: the batches are rolled back
                task.cancel()
            await asyncio.gather(*in_flight, return_exceptions=True)
    return SeedReport(customers, records, time.perf_counter() - started, skipped)


async def _write_catalogue(driver: AsyncDriver, database: str) -> int:
    params = {
        "products": data.product_catalogue(),
        "stores": data.store_rows(),
        "terminals": data.terminal_rows(),
    }
    records = 0
    for statement in _CATALOGUE:
        _, summary, _ = await driver.execute_query(statement, params, database_=database)
        records += summary.counters.nodes_created + summary.counters.relationships_created
    return records


async def _write_batch(driver: AsyncDriver, database: str, batch: _Batch) -> _Written:
    async with driver.session(database=database) as session:
        return await session.execute_write(_apply_batch, batch)


async def _apply_batch(tx: AsyncManagedTransaction, batch: _Batch) -> _Written:
    result = await tx.run(_EXISTING, ids=batch.customer_ids)
    record = await result.single(strict=True)
    existing = set(record["ids"])
    records = 0
    for kind in _KINDS:
        rows = batch.rows[kind]
        if existing:
            key = "id" if kind == "customers" else "customerId"
            rows = [row for row in rows if row[key] not in existing]
        if not rows:
            continue
        result = await tx.run(_STATEMENTS[kind], rows=rows)
        counters = (await result.consume()).counters
        records += counters.nodes_created + counters.relationships_created
    return _Written(len(batch.customer_ids), records, len(existing))


# --- generation ---------------------------------------------------------------------------------


_EPOCH_UNIX = int(EPOCH.timestamp())


def _dt(seconds: int) -> int:
    """The Unix time `seconds` after the epoch (negative: before it)."""
    return _EPOCH_UNIX + seconds


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def _cum(weights: dict[str, int]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    keys = tuple(weights)
    total, cumulative = 0, []
    for key in keys:
        total += weights[key]
        cumulative.append(total)
    return keys, tuple(cumulative)


# How each kind of shopper spreads interactions and orders over the channels.
_PERSONAS: dict[str, tuple[dict[str, int], dict[str, int]]] = {
    "digital": (
        {
            "WEB": 30,
            "MOBILE_APP": 35,
            "EMAIL": 14,
            "SMS": 2,
            "SOCIAL": 6,
            "CHAT": 5,
            "STORE": 4,
            "KIOSK": 1,
            "CALL_CENTER": 1,
            "MARKETPLACE": 2,
        },
        {"WEB": 40, "MOBILE_APP": 42, "STORE": 6, "MARKETPLACE": 9, "CALL_CENTER": 1, "KIOSK": 2},
    ),
    "store": (
        {
            "STORE": 32,
            "WEB": 14,
            "MOBILE_APP": 8,
            "EMAIL": 15,
            "SMS": 9,
            "CALL_CENTER": 8,
            "KIOSK": 7,
            "CHAT": 2,
            "SOCIAL": 3,
            "MARKETPLACE": 2,
        },
        {"STORE": 62, "WEB": 12, "MOBILE_APP": 4, "KIOSK": 9, "CALL_CENTER": 11, "MARKETPLACE": 2},
    ),
    "omni": (
        {
            "WEB": 22,
            "MOBILE_APP": 22,
            "STORE": 18,
            "EMAIL": 12,
            "SMS": 4,
            "SOCIAL": 5,
            "CHAT": 5,
            "KIOSK": 4,
            "CALL_CENTER": 4,
            "MARKETPLACE": 4,
        },
        {"WEB": 28, "MOBILE_APP": 26, "STORE": 30, "KIOSK": 5, "CALL_CENTER": 4, "MARKETPLACE": 7},
    ),
}
_PERSONA_CUM = {
    name: (_cum(interactions), _cum(orders)) for name, (interactions, orders) in _PERSONAS.items()
}
_ANONYMOUS_CHANNELS = _cum({"WEB": 70, "MOBILE_APP": 30})
_KINDS_BY_CHANNEL = {
    channel: _cum(kinds)
    for channel, kinds in {
        "WEB": {"PAGE_VIEW": 30, "PRODUCT_VIEW": 42, "SEARCH": 22, "REVIEW": 3},
        "MOBILE_APP": {
            "PRODUCT_VIEW": 40,
            "SEARCH": 20,
            "PUSH_OPEN": 15,
            "PAGE_VIEW": 15,
            "REVIEW": 3,
        },
        "STORE": {"STORE_VISIT": 85, "APPOINTMENT": 15},
        "KIOSK": {"PRODUCT_VIEW": 60, "SEARCH": 40},
        "EMAIL": {"EMAIL_OPEN": 70, "EMAIL_CLICK": 30},
        "SMS": {"SMS_REPLY": 1},
        "SOCIAL": {"SOCIAL_MESSAGE": 1},
        "CHAT": {"CHAT_MESSAGE": 1},
        "CALL_CENTER": {"CALL": 1},
        "MARKETPLACE": {"PRODUCT_VIEW": 70, "REVIEW": 30},
    }.items()
}
_ANONYMOUS_KINDS = _cum({"PAGE_VIEW": 35, "PRODUCT_VIEW": 45, "SEARCH": 20})
_ONLINE_FULFILMENT = _cum({"SHIP": 65, "PICKUP_IN_STORE": 25, "CURBSIDE": 10})
_LINE_COUNTS = _cum({"1": 55, "2": 28, "3": 12, "4": 5})
_RATINGS = _cum({"1": 4, "2": 6, "3": 15, "4": 35, "5": 40})
_SIZES = ("XS", "S", "M", "L", "XL")
_STYLES = ("classic", "casual", "sporty", "minimal", "bold")
_COLOURS = ("navy", "black", "camel", "olive", "grey", "burgundy", "cream")
_COUPONS = ((100, "coupon-10eur"), (250, "coupon-25eur"), (500, "coupon-50eur"))
_CASE_CHANNELS = ("CHAT", "EMAIL", "CALL_CENTER")
_TAIL = 10_000_000  # phone numbers end in 7 digits that are unique per (customer, slot)


def _pick(rng: random.Random, table: tuple[tuple[str, ...], tuple[int, ...]]) -> str:
    keys, cumulative = table
    return rng.choices(keys, cum_weights=cumulative)[0]


class _Catalogue:
    """The catalogue and stores, indexed the way the generator draws from them."""

    def __init__(self) -> None:
        self.products = data.product_catalogue()
        self.stores_by_country: dict[str, list[data.Store]] = {}
        for store in data.STORES:
            self.stores_by_country.setdefault(store.country, []).append(store)
        self.stores_by_city = {store.city: store for store in data.STORES}


@dataclass
class _Household:
    """2-4 customers of one block with a family name, a home and a tablet in common."""

    family_name: str
    country: data.Country
    city: str
    address_line: str | None
    postal_code: str
    tablet: Row
    payment_token: str | None
    last_used: int = -(10**9)


@dataclass
class _Order:
    id: str
    channel: str
    placed: int
    total: float
    lines: list[Row]
    device_id: str | None
    status: str
    steps: list[tuple[str, str, int, str | None]]


def _generate_block(
    batch: _Batch, catalogue: _Catalogue, seed: int, block: int, customers: int
) -> None:
    rng = random.Random(f"{seed}:{block}")
    first, last = block * BLOCK, min(customers, (block + 1) * BLOCK)
    household: _Household | None = None
    members = 0
    if last - first >= 2 and rng.random() < 0.35:
        members = min(last - first, rng.choice((2, 2, 3, 4)))
        country = _country(rng)
        city = rng.choice(country.cities)
        os, model = rng.choice(data.DEVICE_MODELS["TABLET"])
        household = _Household(
            family_name=rng.choice(country.family),
            country=country,
            city=city,
            address_line=_street(rng, country),
            postal_code=_postal_code(rng, country.code),
            tablet={
                "id": f"dev-family-{block + 1:06d}",
                "kind": "TABLET",
                "os": os,
                "model": model,
            },
            payment_token=f"pt-{rng.getrandbits(64):016x}" if rng.random() < 0.3 else None,
        )
    for index in range(first, last):
        in_household = index - first < members
        anonymous = not in_household and rng.random() < 0.055
        builder = _CustomerBuilder(rng, batch, catalogue, index)
        builder.build(household if in_household else None, anonymous)
    if household is not None:
        household.tablet["lastSeen"] = _dt(household.last_used)


def _country(rng: random.Random) -> data.Country:
    return rng.choices(data.COUNTRIES, data.COUNTRY_WEIGHTS)[0]


def _street(rng: random.Random, country: data.Country) -> str | None:
    if rng.random() < 0.1:
        return None
    street, number = rng.choice(country.streets), rng.randint(1, 240)
    return f"{number} {street}" if country.code in ("GB", "US", "FR") else f"{street} {number}"


def _postal_code(rng: random.Random, country: str) -> str:
    if country == "PT":
        return f"{rng.randint(1000, 9999)}-{rng.randrange(1000):03d}"
    if country == "GB":
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        return (
            f"{rng.choice(('SW1A', 'EC1V', 'M1', 'B2', 'LS1', 'BS1', 'W1D', 'N1'))} "
            f"{rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
        )
    return f"{rng.randint(1001, 99950):05d}"


def _version(at: int) -> str:
    return "2024-03" if at < -365 * _DAY else "2025-01"


def _tier(points: int) -> str:
    if points < 500:
        return "BASIC"
    if points < 2000:
        return "SILVER"
    return "GOLD" if points < 5000 else "PLATINUM"


_MOBILE_KINDS = ("PHONE", "TABLET")
_WEB_KINDS = ("DESKTOP", "PHONE", "TABLET")


class _CustomerBuilder:
    """Builds one customer's rows into a batch; the block's rng drives every choice.

    Times are whole seconds relative to `EPOCH` (so negative) until they become rows.
    """

    def __init__(
        self, rng: random.Random, batch: _Batch, catalogue: _Catalogue, index: int
    ) -> None:
        self.rng = rng
        self.rows = batch.rows
        self.catalogue = catalogue
        self.index = index
        self.num = f"{index + 1:06d}"
        self.cid = f"cus-{self.num}"
        self.devices: list[Row] = []
        self.device_use: dict[str, list[int]] = {}  # id -> [first use, last use]
        self.channels: set[str] = set()
        batch.customer_ids.append(self.cid)
        span = rng.randint(30, 730) * _DAY
        self.start = -span + rng.randrange(_DAY)
        self.end = max(-min(int(rng.expovariate(1 / (25 * _DAY))), span // 2), self.start + _HOUR)
        self.last = self.start
        self.loyalty_since: int | None = None
        self.fx = 1.0  # anonymous visitors see prices in EUR

    def _seen(self, at: int, channel: str | None = None) -> None:
        if at > self.last:
            self.last = at
        if channel is not None:
            self.channels.add(channel)

    # -- the whole customer -------------------------------------------------------------------

    def build(self, household: _Household | None, anonymous: bool) -> None:
        if anonymous:
            self._build_anonymous()
            return
        rng = self.rng
        country = household.country if household else _country(rng)
        self.country = country
        self.fx = country.fx
        female = rng.random() < 0.55
        given = rng.choice(country.given_female if female else country.given_male)
        family = household.family_name if household else rng.choice(country.family)
        city = household.city if household else rng.choice(country.cities)
        self.stores = self.catalogue.stores_by_country[country.code]
        self.home_store = self.catalogue.stores_by_city.get(city) or rng.choice(self.stores)
        persona = rng.choices(("digital", "store", "omni"), (45, 25, 30))[0]
        self.interaction_channels, self.order_channels = _PERSONA_CUM[persona]
        if rng.random() < 0.55:
            self.loyalty_since = rng.randint(self.start, (self.start + self.end) // 2)
        self._own_devices(household)
        buys = rng.random() < 0.85
        orders = self._orders(rng.choice((1, 1, 2, 2, 3, 4, 5, 6, 8, 10, 12)) if buys else 0)
        self._interactions(min(40, int(rng.expovariate(1 / 9))), _KINDS_BY_CHANNEL)
        self._carts(orders)
        if rng.random() < 0.2:
            self._cases(orders)
        self._consents()
        points = self._loyalty(orders) if self.loyalty_since is not None else None
        identifiers = self._identifiers(given, family, household, bool(orders))
        self._accounts()
        self._customer_row(given, family, city, household, identifiers, points)

    def _build_anonymous(self) -> None:
        rng = self.rng
        self._add_device(rng.choice(("PHONE", "DESKTOP", "DESKTOP", "TABLET")))
        self.interaction_channels = _ANONYMOUS_CHANNELS
        self._interactions(rng.randint(1, 12), None)
        if rng.random() < 0.4:
            self._open_cart(self.start, 1)
        identifiers = [("COOKIE_ID", f"ck-{rng.getrandbits(48):012x}", self.start, self.last)]
        if rng.random() < 0.3:
            at = rng.randint(self.start, self.last)
            identifiers.append(("COOKIE_ID", f"ck-{rng.getrandbits(48):012x}", at, self.last))
        self._device_rows(identifiers, None)
        self._write_identifiers(identifiers)
        self.rows["customers"].append(
            {
                "id": self.cid,
                "anonymous": True,
                "firstSeen": _dt(self.start),
                "lastSeen": _dt(self.last),
                "loyaltyPoints": 0,
            }
        )

    # -- devices and identifiers --------------------------------------------------------------

    def _add_device(self, kind: str) -> None:
        os, model = self.rng.choice(data.DEVICE_MODELS[kind])
        device = {
            "id": f"dev-{self.num}-{len(self.devices) + 1}",
            "kind": kind,
            "os": os,
            "model": model,
        }
        self.devices.append(device)
        self.device_use[device["id"]] = [0, self.start]

    def _own_devices(self, household: _Household | None) -> None:
        rng = self.rng
        self._add_device("PHONE" if rng.random() < 0.8 else "DESKTOP")
        for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
            self._add_device(rng.choice(("DESKTOP", "DESKTOP", "TABLET", "WATCH", "TV", "PHONE")))
        if household is not None:
            self.devices.append(household.tablet)
            self.device_use[household.tablet["id"]] = [0, self.start]

    def _device_for(self, channel: str) -> str | None:
        """The customer's device a WEB or MOBILE_APP action came from (and mark it used)."""
        kinds = _MOBILE_KINDS if channel == "MOBILE_APP" else _WEB_KINDS
        usable = [d for d in self.devices if d["kind"] in kinds] or self.devices
        return str(self.rng.choice(usable)["id"]) if usable else None

    def _used(self, device_id: str | None, at: int) -> None:
        if device_id is not None and device_id in self.device_use:
            window = self.device_use[device_id]
            window[0] = min(window[0], at)
            window[1] = max(window[1], at)

    def _device_rows(
        self, identifiers: list[tuple[str, str, int, int]], household: _Household | None
    ) -> None:
        for device in self.devices:
            first, last = self.device_use[device["id"]]
            first = first if first < 0 else self.start
            last = max(first, last)
            identifiers.append(("DEVICE_ID", device["id"], first, last))
            if household is not None and device is household.tablet:
                household.last_used = max(household.last_used, last)
            else:
                device["lastSeen"] = _dt(last)
            self.rows["devices"].append(
                {
                    "customerId": self.cid,
                    "device": device,
                    "firstSeen": _dt(first),
                    "lastSeen": _dt(last),
                }
            )

    def _identifiers(
        self, given: str, family: str, household: _Household | None, buyer: bool
    ) -> list[tuple[str, str]]:
        rng = self.rng
        start, last = self.start, self.last
        found: list[tuple[str, str, int, int]] = []

        def add(kind: str, value: str, first: int | None = None) -> None:
            at = rng.randint(start, (start + last) // 2) if first is None else first
            found.append(
                (
                    kind,
                    normalize(kind, value),
                    at,
                    last if kind == "EMAIL" else rng.randint(at, last),
                )
            )

        given_ascii, family_ascii = _ascii(given), _ascii(family)
        number = self.index + 1
        add(
            "EMAIL", f"{given_ascii}.{family_ascii}{number}@{rng.choice(data.EMAIL_DOMAINS)}", start
        )
        if rng.random() < 0.12:
            add("EMAIL", f"{given_ascii}{number}@{rng.choice(data.EMAIL_DOMAINS)}")
        if rng.random() < 0.6:
            add("PHONE", self._phone(self.country, 0))
            if rng.random() < 0.06:
                add("PHONE", self._phone(_country(rng), 1))
        if self.loyalty_since is not None:
            add("LOYALTY_ID", f"LN-{100000 + self.index}", self.loyalty_since)
        if rng.random() < 0.15:
            network = rng.choice(data.SOCIAL_NETWORKS)
            add("SOCIAL_HANDLE", f"{network}:{given_ascii}_{family_ascii[:1]}{number}")
        if self.channels & {"WEB", "MOBILE_APP"}:
            add("COOKIE_ID", f"ck-{rng.getrandbits(48):012x}", start)
        if buyer:
            token = household.payment_token if household else None
            add("PAYMENT_TOKEN", token or f"pt-{rng.getrandbits(64):016x}")
        pairs = [(kind, value) for kind, value, _, _ in found]
        self._device_rows(found, household)
        self._write_identifiers(found)
        return pairs

    def _write_identifiers(self, found: list[tuple[str, str, int, int]]) -> None:
        append = self.rows["identifiers"].append
        for kind, value, first, last in found:
            append(
                {
                    "customerId": self.cid,
                    "type": kind,
                    "value": value,
                    "firstSeen": _dt(first),
                    "lastSeen": _dt(last),
                }
            )

    def _phone(self, country: data.Country, slot: int) -> str:
        # a bijection of (customer, slot) onto 7 digits keeps every number unique
        tail = ((self.index * 2 + slot) * 7_654_321 + 1_234_567) % _TAIL
        if country.code == "US":
            # area code from the first digit of the tail, exchange starts with 2-9
            area = country.phone_prefixes[tail // 1_000_000]
            return f"+1{area}{self.rng.randint(2, 9)}{tail % 1_000_000:06d}"
        return f"{self.rng.choice(country.phone_prefixes)}{tail:07d}"

    # -- orders ---------------------------------------------------------------------------------

    def _orders(self, count: int) -> list[_Order]:
        rng = self.rng
        fx = self.fx
        products = self.catalogue.products
        orders: list[_Order] = []
        for k, placed in enumerate(
            sorted(rng.randint(self.start, self.end) for _ in range(count)), 1
        ):
            oid = f"ord-{self.num}-{k:02d}"
            channel = _pick(rng, self.order_channels)
            lines: list[Row] = []
            total = 0.0
            for line, product in enumerate(rng.sample(products, int(_pick(rng, _LINE_COUNTS))), 1):
                quantity = 1 if rng.random() < 0.85 else rng.randint(2, 3)
                unit_price = round(product["price"] * fx, 2)
                lines.append(
                    {
                        "sku": product["sku"],
                        "line": line,
                        "quantity": quantity,
                        "unitPrice": unit_price,
                    }
                )
                total += quantity * unit_price
            store_id = pickup_id = device_id = None
            if channel in ("STORE", "KIOSK"):
                store = self.home_store if rng.random() < 0.85 else rng.choice(self.stores)
                store_id = store.id
                if channel == "STORE":
                    fulfillment = "IN_STORE"
                    device_id = store.pos_id(rng.randint(1, data.POS_PER_STORE))
                else:
                    fulfillment = "SHIP"
                    device_id = store.kiosk_id
            elif channel in ("WEB", "MOBILE_APP"):
                fulfillment = _pick(rng, _ONLINE_FULFILMENT)
                device_id = self._device_for(channel)
                self._used(device_id, placed)
            else:
                fulfillment = "SHIP"
            if fulfillment in ("PICKUP_IN_STORE", "CURBSIDE"):
                pickup_id = self.home_store.id
            steps = self._steps(channel, fulfillment, placed, store_id, pickup_id)
            status, updated = steps[-1][0], steps[-1][2]
            for _, step_channel, at, _ in steps:
                self._seen(at, step_channel)
            order = _Order(oid, channel, placed, round(total, 2), lines, device_id, status, steps)
            orders.append(order)
            self.rows["orders"].append(
                {
                    "customerId": self.cid,
                    "id": oid,
                    "channel": channel,
                    "status": status,
                    "fulfillment": fulfillment,
                    "placedAt": _dt(placed),
                    "updatedAt": _dt(updated),
                    "currency": self.country.currency,
                    "total": order.total,
                    "storeId": store_id,
                    "fulfillmentStoreId": pickup_id,
                    "deviceId": device_id,
                    "lines": lines,
                    "statuses": [
                        {
                            "id": f"{oid}-s{n}",
                            "status": step,
                            "channel": step_channel,
                            "at": _dt(at),
                            "storeId": step_store,
                        }
                        for n, (step, step_channel, at, step_store) in enumerate(steps, 1)
                    ],
                }
            )
        return orders

    def _steps(
        self,
        channel: str,
        fulfillment: str,
        placed: int,
        store_id: str | None,
        pickup_id: str | None,
    ) -> list[tuple[str, str, int, str | None]]:
        """The status history; steps that would fall after the epoch have not happened yet."""
        rng = self.rng
        if fulfillment == "IN_STORE":
            steps = [("PAID", "STORE", placed, store_id)]
            if rng.random() < 0.06:
                steps.append(("RETURNED", "STORE", placed + rng.randint(1, 25) * _DAY, store_id))
        elif fulfillment == "SHIP":
            steps = [("PLACED", channel, placed, store_id)]
            at = placed + rng.randint(60, 1800)
            if rng.random() < 0.05:
                steps.append(("CANCELLED", channel, at + rng.randint(600, 2 * _DAY), None))
            else:
                steps.append(("PAID", channel, at, store_id))
                at += rng.randint(6 * _HOUR, 2 * _DAY)
                steps.append(("SHIPPED", channel, at, None))
                at += rng.randint(_DAY, 4 * _DAY)
                steps.append(("DELIVERED", channel, at, None))
                if rng.random() < 0.07:
                    at += rng.randint(2 * _DAY, 25 * _DAY)
                    if rng.random() < 0.5:
                        steps.append(("RETURNED", "STORE", at, self.home_store.id))
                    else:
                        steps.append(("RETURNED", channel, at, None))
        else:  # PICKUP_IN_STORE, CURBSIDE: placed online, collected in the store
            steps = [("PLACED", channel, placed, None)]
            at = placed
            if rng.random() < 0.5:
                at += rng.randint(60, 1800)
                steps.append(("PAID", channel, at, None))
            at += rng.randint(4 * _HOUR, 2 * _DAY)
            steps.append(("READY_FOR_PICKUP", "STORE", at, pickup_id))
            if rng.random() < 0.05:
                steps.append(("CANCELLED", "STORE", at + 7 * _DAY, pickup_id))
            else:
                steps.append(("PICKED_UP", "STORE", at + rng.randint(_HOUR, 3 * _DAY), pickup_id))
        return [step for step in steps if step[2] <= 0]

    # -- interactions -------------------------------------------------------------------------

    def _interactions(
        self, count: int, kinds: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] | None
    ) -> None:
        rng = self.rng
        products = self.catalogue.products
        append = self.rows["interactions"].append
        for k, at in enumerate(sorted(rng.randint(self.start, self.end) for _ in range(count)), 1):
            channel = _pick(rng, self.interaction_channels)
            kind = _pick(rng, kinds[channel] if kinds else _ANONYMOUS_KINDS)
            row: Row = {
                "customerId": self.cid,
                "id": f"int-{self.num}-{k:03d}",
                "kind": kind,
                "channel": channel,
                "at": _dt(at),
            }

            if channel in ("WEB", "MOBILE_APP") or (channel == "EMAIL" and rng.random() < 0.5):
                device_id = self._device_for("MOBILE_APP" if channel == "MOBILE_APP" else "WEB")
                self._used(device_id, at)
                row["deviceId"] = device_id
            elif channel in ("STORE", "KIOSK"):
                store = self.home_store if rng.random() < 0.8 else rng.choice(self.stores)
                row["storeId"] = store.id
                if channel == "KIOSK":
                    row["deviceId"] = store.kiosk_id
            if kind in ("PRODUCT_VIEW", "REVIEW") or (kind == "EMAIL_CLICK" and rng.random() < 0.6):
                product = rng.choice(products)
                row["sku"] = product["sku"]
                if channel == "WEB" or kind == "EMAIL_CLICK":
                    row["url"] = f"/p/{product['sku'].lower()}"
                elif channel == "MARKETPLACE":
                    row["url"] = f"https://marketplace.example/omni/{product['sku'].lower()}"
                if kind == "REVIEW":
                    rating = int(_pick(rng, _RATINGS))
                    row["rating"] = rating
                    row["text"] = rng.choice(data.REVIEW_TEXTS[rating])
            elif kind == "PAGE_VIEW":
                row["url"] = rng.choice(data.PAGE_URLS)
            elif kind == "SEARCH":
                row["query"] = rng.choice(data.SEARCH_QUERIES)
            elif kind in ("EMAIL_OPEN", "EMAIL_CLICK"):
                row["text"] = rng.choice(data.CAMPAIGNS)
            elif kind == "PUSH_OPEN":
                row["text"] = rng.choice(data.PUSH_TEXTS)
            elif kind == "SMS_REPLY":
                row["text"] = rng.choice(data.SMS_REPLIES)
            elif kind == "SOCIAL_MESSAGE":
                row["text"] = rng.choice(data.SOCIAL_MESSAGES)
            elif kind == "CHAT_MESSAGE":
                row["text"] = rng.choice(data.CHAT_MESSAGES)
            elif kind == "CALL":
                row["text"] = rng.choice(data.CALL_SUMMARIES)
                row["durationSeconds"] = rng.randint(45, 1500)
            elif kind == "APPOINTMENT":
                row["text"] = rng.choice(data.APPOINTMENTS)
            self._seen(at, channel)
            append(row)

    # -- carts ----------------------------------------------------------------------------------

    def _carts(self, orders: list[_Order]) -> None:
        """Some online orders were checked out from a cart; ~40% also have an open cart now."""
        rng = self.rng
        number = 0
        since = self.start
        checked_out = [
            o for o in orders if o.channel in ("WEB", "MOBILE_APP") and rng.random() < 0.4
        ][-2:]
        for order in checked_out:
            number += 1
            cart_id = f"cart-{self.num}-{number}"
            times = sorted(
                max(self.start, order.placed - rng.randint(300, 3 * _DAY)) for _ in order.lines
            )
            changes = [
                {
                    "id": f"{cart_id}-c{n}",
                    "action": "ADD",
                    "sku": line["sku"],
                    "quantity": line["quantity"],
                    "unitPrice": line["unitPrice"],
                    "channel": order.channel,
                    "at": _dt(at),
                }
                for n, (line, at) in enumerate(zip(order.lines, times, strict=True), 1)
            ]
            self.rows["carts"].append(
                {
                    "customerId": self.cid,
                    "id": cart_id,
                    "status": "CHECKED_OUT",
                    "updatedAt": _dt(order.placed),
                    "lastChannel": order.channel,
                    "lastDeviceId": order.device_id,
                    "items": [
                        {
                            "sku": line["sku"],
                            "quantity": line["quantity"],
                            "unitPrice": line["unitPrice"],
                        }
                        for line in order.lines
                    ],
                    "changes": changes,
                }
            )
            since = order.placed
        if rng.random() < 0.4:
            self._open_cart(max(since, self.end - 30 * _DAY), number + 1)

    def _open_cart(self, since: int, number: int) -> None:
        rng = self.rng
        cart_id = f"cart-{self.num}-{number}"
        fx = self.fx
        picks = rng.sample(self.catalogue.products, rng.randint(1, 3) + 1)
        keep, extra = picks[:-1], picks[-1]
        actions: list[tuple[str, Row, int]] = [("ADD", p, rng.choice((1, 1, 1, 2))) for p in keep]
        if rng.random() < 0.25:  # added something, then changed their mind
            actions.insert(rng.randrange(len(actions)), ("ADD", extra, 1))
            actions.append(("REMOVE", extra, 0))
        if rng.random() < 0.15:
            actions.append(("SET_QUANTITY", keep[0], 2))
        times = sorted(rng.randint(since, max(since, self.end)) for _ in actions)
        items: dict[str, Row] = {}
        changes: list[Row] = []
        channel, device_id = "WEB", None
        for n, ((action, product, quantity), at) in enumerate(zip(actions, times, strict=True), 1):
            channel = _pick(rng, _ANONYMOUS_CHANNELS)
            device_id = self._device_for(channel)
            self._used(device_id, at)
            self._seen(at, channel)
            unit_price = round(product["price"] * fx, 2)
            sku = product["sku"]
            if action == "REMOVE":
                items.pop(sku, None)
            else:
                items[sku] = {"sku": sku, "quantity": quantity, "unitPrice": unit_price}
            changes.append(
                {
                    "id": f"{cart_id}-c{n}",
                    "action": action,
                    "sku": sku,
                    "quantity": quantity,
                    "unitPrice": unit_price,
                    "channel": channel,
                    "at": _dt(at),
                }
            )
        self.rows["carts"].append(
            {
                "customerId": self.cid,
                "id": cart_id,
                "status": "OPEN",
                "updatedAt": _dt(times[-1]),
                "lastChannel": channel,
                "lastDeviceId": device_id,
                "items": list(items.values()),
                "changes": changes,
            }
        )

    # -- support, consents, loyalty, accounts ---------------------------------------------------

    def _cases(self, orders: list[_Order]) -> None:
        rng = self.rng
        for number in range(1, 2 if rng.random() < 0.85 else 3):
            subject, about_order, opening = rng.choice(data.CASE_SUBJECTS)
            while about_order and not orders:
                subject, about_order, opening = rng.choice(data.CASE_SUBJECTS)
            order = rng.choice(orders) if about_order else None
            opened = (
                order.placed + rng.randint(_DAY, 10 * _DAY)
                if order
                else rng.randint(self.start, self.end)
            )
            at = min(opened, -_HOUR)
            case_id = f"case-{self.num}-{number}"
            channel = rng.choice(_CASE_CHANNELS)
            messages = [
                {
                    "id": f"{case_id}-m1",
                    "channel": channel,
                    "at": _dt(at),
                    "action": "OPEN",
                    "text": opening,
                }
            ]
            self._seen(at, channel)
            resolved = rng.random() < 0.7
            count = rng.randint(2, 5) if resolved else rng.randint(1, 4)
            for n in range(2, count + 1):
                at += rng.randint(1800, 2 * _DAY)
                if at > 0:
                    break
                if rng.random() < 0.5:
                    channel = rng.choice(_CASE_CHANNELS)
                action = "RESOLVE" if resolved and n == count else "MESSAGE"
                text = rng.choice(
                    data.CASE_RESOLUTIONS if action == "RESOLVE" else data.CASE_FOLLOW_UPS
                )
                messages.append(
                    {
                        "id": f"{case_id}-m{n}",
                        "channel": channel,
                        "at": _dt(at),
                        "action": action,
                        "text": text,
                    }
                )
                self._seen(at, channel)
            if messages[-1]["action"] == "RESOLVE" and rng.random() < 0.1 and at + _DAY < 0:
                at += rng.randint(_DAY, 5 * _DAY) if at + 5 * _DAY < 0 else _DAY
                channel = rng.choice(_CASE_CHANNELS)
                messages.append(
                    {
                        "id": f"{case_id}-m{len(messages) + 1}",
                        "channel": channel,
                        "at": _dt(at),
                        "action": "REOPEN",
                        "text": "The problem is back.",
                    }
                )
                self._seen(at, channel)
            self.rows["cases"].append(
                {
                    "customerId": self.cid,
                    "id": case_id,
                    "subject": subject,
                    "status": "RESOLVED" if messages[-1]["action"] == "RESOLVE" else "OPEN",
                    "openedAt": messages[0]["at"],
                    "updatedAt": messages[-1]["at"],
                    "orderId": order.id if order else None,
                    "messages": messages,
                }
            )

    def _consents(self) -> None:
        rng = self.rng
        changes: list[tuple[int, str, str, bool, str]] = []

        def record(
            purpose: str, channel: str, granted: bool, event_channel: str, at: int | None = None
        ) -> int:
            at = (
                rng.randint(self.start, min(self.start + 14 * _DAY, self.end)) if at is None else at
            )
            changes.append((at, purpose, channel, granted, event_channel))
            return at

        signup = rng.choice(("WEB", "MOBILE_APP", "STORE"))
        if rng.random() < 0.65:
            at = record("MARKETING", "EMAIL", True, signup)
            if rng.random() < 0.2:  # changed their mind: the unsubscribe link
                record("MARKETING", "EMAIL", False, "EMAIL", rng.randint(at, self.end))
        if rng.random() < 0.35:
            granted = rng.random() < 0.5
            at = record("MARKETING", "SMS", granted, rng.choice((signup, "CALL_CENTER", "SMS")))
            if rng.random() < 0.1:
                record("MARKETING", "SMS", not granted, "CALL_CENTER", rng.randint(at, self.end))
        if rng.random() < 0.5:
            record("PERSONALIZATION", "ALL", rng.random() < 0.85, signup)
        if rng.random() < 0.3:
            record("ANALYTICS", "ALL", rng.random() < 0.7, signup)
        if rng.random() < 0.15:
            record("MARKETING", "PUSH", rng.random() < 0.6, "MOBILE_APP")
        append = self.rows["consents"].append
        for k, (at, purpose, channel, granted, event_channel) in enumerate(sorted(changes), 1):
            self._seen(at)
            append(
                {
                    "customerId": self.cid,
                    "id": f"con-{self.num}-{k:02d}",
                    "purpose": purpose,
                    "channel": channel,
                    "granted": granted,
                    "at": _dt(at),
                    "documentVersion": _version(at),
                    "eventChannel": event_channel,
                }
            )

    def _loyalty(self, orders: list[_Order]) -> int:
        """EARN on orders after joining, ADJUST on returns, some REDEEMs; returns the balance."""
        rng = self.rng
        since = self.loyalty_since if self.loyalty_since is not None else self.start
        moves: list[tuple[int, str, int, str, str]] = [
            (since, "EARN", 100, rng.choice(("STORE", "WEB", "MOBILE_APP")), "welcome-bonus")
        ]
        for order in orders:
            if order.placed < since or order.status == "CANCELLED":
                continue
            points = int(order.total)
            moves.append((order.placed, "EARN", points, order.channel, order.id))
            if order.status == "RETURNED":
                moves.append((order.steps[-1][2], "ADJUST", -points, order.steps[-1][1], order.id))
        if rng.random() < 0.3:
            moves.append((rng.randint(since, self.end), "EARN", 200, "EMAIL", "birthday-bonus"))
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            channel = rng.choice(("STORE", "WEB", "MOBILE_APP"))
            moves.append((rng.randint(since, self.end), "REDEEM", 0, channel, ""))
        balance = 0
        append = self.rows["loyalty"].append
        k = 0
        for at, action, points, channel, reference in sorted(moves):
            if action == "REDEEM":
                affordable = [c for c in _COUPONS if c[0] <= balance]
                if not affordable:
                    continue
                cost, reference = rng.choice(affordable)
                points = -cost
            elif action == "ADJUST":
                points = -min(-points, balance)
                if points == 0:
                    continue
            balance += points
            k += 1
            self._seen(at, channel)
            append(
                {
                    "customerId": self.cid,
                    "id": f"loy-{self.num}-{k:02d}",
                    "action": action,
                    "points": points,
                    "channel": channel,
                    "at": _dt(at),
                    "reference": reference,
                }
            )
        return balance

    def _accounts(self) -> None:
        rng = self.rng
        accounts = []
        if self.channels & {"WEB", "MOBILE_APP"} or rng.random() < 0.5:
            accounts.append(("online", "ONLINE", self.start))
        if self.loyalty_since is not None:
            accounts.append(("loyalty", "LOYALTY", self.loyalty_since))
        for suffix, kind, created in accounts:
            status = rng.choices(("ACTIVE", "SUSPENDED", "CLOSED"), (96, 2, 2))[0]
            self.rows["accounts"].append(
                {
                    "customerId": self.cid,
                    "id": f"acc-{self.num}-{suffix}",
                    "kind": kind,
                    "status": status,
                    "createdAt": _dt(created),
                }
            )

    def _customer_row(
        self,
        given: str,
        family: str,
        city: str,
        household: _Household | None,
        identifiers: list[tuple[str, str]],
        points: int | None,
    ) -> None:
        rng = self.rng
        country = self.country
        locale = country.locale
        roll = rng.random()
        if country.code == "PT" and roll < 0.08:
            locale = "pt-BR"
        elif roll < 0.04:
            locale = "en-GB"
        sizes = {"jacket": rng.choice(_SIZES), "shoe": rng.choice(country.shoe_sizes)}
        if rng.random() < 0.3:
            sizes["jeans"] = f"W{rng.choice((28, 30, 31, 32, 33, 34, 36))}"
        preferences = {"colour": rng.choice(_COLOURS), "style": rng.choice(_STYLES)}
        if rng.random() < 0.5:
            preferences["store"] = self.home_store.id
        row: Row = {
            "id": self.cid,
            "givenName": given,
            "familyName": family,
            "locale": locale,
            "addressCity": city,
            "addressCountry": country.code,
            "addressLine1": household.address_line if household else _street(rng, country),
            "addressPostalCode": household.postal_code
            if household
            else _postal_code(rng, country.code),
            "sizesJson": json.dumps(sizes, separators=(",", ":")),
            "preferencesJson": json.dumps(preferences, separators=(",", ":")),
            "anonymous": False,
            "firstSeen": _dt(self.start),
            "lastSeen": _dt(self.last),
            "loyaltyPoints": points or 0,
            "searchText": search_terms(identifiers),
        }
        if rng.random() < 0.88:
            row["birthDate"] = date(rng.randint(1950, 2006), rng.randint(1, 12), rng.randint(1, 28))
        if points is not None:
            row["loyaltyTier"] = _tier(points)
        self.rows["customers"].append(row)

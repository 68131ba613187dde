"""Customers and the facts one hop away from them: devices, accounts, cart, cases, consents and
stats (identifiers, merges and conflicts: graph/cypher/identity.py)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, NotRequired, TypedDict

from neo4j.time import Date

from graph.cypher.keyed import by_key
from graph.cypher.rows import AccountRow, CartRow, ConsentRow, DeviceRow, SupportCaseRow
from graph.driver import GraphReader, Row
from graph.temporal import GraphDateTime

# Whether a PERSONALIZATION consent in force (the latest change per channel) of the customer
# `@v` is refused. Readers withhold personalised fields then.
PERSONALIZATION_REFUSED = """COUNT {
  MATCH (@v)-[:GAVE_CONSENT]->(@v_x:Consent {purpose: 'PERSONALIZATION'})
  WHERE NOT @v_x.granted AND NOT EXISTS {
    MATCH (@v)-[:GAVE_CONSENT]->(@v_y:Consent {purpose: 'PERSONALIZATION', channel: @v_x.channel})
    WHERE @v_y.at > @v_x.at OR (@v_y.at = @v_x.at AND @v_y.id > @v_x.id)
  }
} > 0"""


class CustomerRow(TypedDict):
    """A customer as every read hands it out: the stored properties (graph/MODEL.md) with
    `sizes` and `preferences` decoded (`customer_row`), and `personalizationRefused`."""

    id: str
    givenName: NotRequired[str | None]
    familyName: NotRequired[str | None]
    birthDate: NotRequired[Date | None]
    locale: NotRequired[str | None]
    addressLine1: NotRequired[str | None]
    addressCity: NotRequired[str | None]
    addressPostalCode: NotRequired[str | None]
    addressCountry: NotRequired[str | None]
    sizes: dict[str, Any] | None  # None: withheld from the viewer
    preferences: dict[str, Any] | None
    anonymous: NotRequired[bool | None]
    firstSeen: NotRequired[GraphDateTime | None]
    lastSeen: NotRequired[GraphDateTime | None]
    loyaltyPoints: NotRequired[int | None]
    loyaltyTier: NotRequired[str | None]
    searchText: NotRequired[str | None]
    personalizationRefused: NotRequired[bool]


class ChannelUseRow(TypedDict):
    channel: str
    uses: int  # touchpoints on the channel
    last: GraphDateTime


class StatsRow(TypedDict):
    """The raw figures of a customer's stats (`resolvers.customers.stats_of` derives the rest)."""

    lifetimeValue: float
    orderCount: int
    lastOrderAt: GraphDateTime | None
    channels: list[ChannelUseRow]
    firstSeen: GraphDateTime | None
    lastSeen: GraphDateTime | None


def customer_projection(var: str) -> str:
    """A customer's properties plus `personalizationRefused` (`PERSONALIZATION_REFUSED`), so
    the flag travels with every customer record instead of costing a query of its own."""
    refused = PERSONALIZATION_REFUSED.replace("@v", var)
    return f"{var} {{.*, personalizationRefused: {refused}}}"


_JSON_MAPS = {"sizesJson": "sizes", "preferencesJson": "preferences"}


def decode_map(text: str | None) -> Any:
    """A map stored as JSON text (Neo4j properties hold no maps); {} when there is none.

    >>> decode_map('{"jacket": "M"}'), decode_map(None)
    ({'jacket': 'M'}, {})
    """
    return json.loads(text) if text else {}


def customer_row(raw: Row) -> CustomerRow:
    """A customer as the reads hand it out: `sizes` and `preferences` decoded from the JSON text
    they are stored as (`sizesJson`, `preferencesJson`), so no reader knows the storage form.

    >>> customer_row({"id": "c-1", "sizesJson": '{"jacket": "M"}', "preferencesJson": None})
    {'id': 'c-1', 'sizes': {'jacket': 'M'}, 'preferences': {}}
    """
    row = {key: value for key, value in raw.items() if key not in _JSON_MAPS}
    for stored, name in _JSON_MAPS.items():
        row[name] = decode_map(raw.get(stored))
    customer: CustomerRow = row  # type: ignore[assignment]  # the stored keys, JSON decoded
    return customer


def customer_rows(rows: Sequence[Row]) -> list[CustomerRow]:
    return [customer_row(row) for row in rows]


# A merged-away id resolves to the customer it was merged into (through every later merge).
_CUSTOMERS_BY_ID = f"""
UNWIND $ids AS cid
OPTIONAL MATCH (live:Customer {{id: cid}})
OPTIONAL MATCH (:MergedCustomer {{id: cid}})-[:MERGED_INTO*1..32]->(survivor:Customer)
WITH cid, coalesce(live, survivor) AS c
WHERE c IS NOT NULL
RETURN cid AS key, {customer_projection("c")} AS customer
"""


async def customers_by_id(reader: GraphReader, ids: Sequence[str]) -> dict[str, CustomerRow]:
    rows = await reader.read(_CUSTOMERS_BY_ID, {"ids": list(ids)})
    return {row["key"]: customer_row(row["customer"]) for row in rows}


# A shareable identifier (a family tablet) can lead to several customers: the one seen last wins.
_CUSTOMERS_BY_IDENTIFIER = f"""
UNWIND $keys AS k
MATCH (:Identifier {{type: k[0], value: k[1]}})<-[:HAS_IDENTIFIER]-(c:Customer)
WITH k, c ORDER BY c.lastSeen DESC, c.id
WITH k, collect(c)[0] AS c
RETURN k AS key, {customer_projection("c")} AS customer
"""


async def customers_by_identifier(
    reader: GraphReader, keys: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], CustomerRow]:
    rows = await reader.read(_CUSTOMERS_BY_IDENTIFIER, {"keys": [list(k) for k in keys]})
    return {(row["key"][0], row["key"][1]): customer_row(row["customer"]) for row in rows}


_DEVICES = """
UNWIND $ids AS cid
MATCH (:Customer {id: cid})-[:USES_DEVICE]->(d:Device)
WITH DISTINCT cid, d ORDER BY d.lastSeen DESC, d.id
RETURN cid AS key, collect(d {.*}) AS items
"""

_ACCOUNTS = """
UNWIND $ids AS cid
MATCH (:Customer {id: cid})-[:HAS_ACCOUNT]->(a:Account)
WITH DISTINCT cid, a ORDER BY a.kind, a.id
RETURN cid AS key, collect(a {.*}) AS items
"""

# A cart (`key`, `cart`) with its items. A product can sit in a cart twice, once as the customer's
# own line and once as a line a merge brought: shown as one item.
_CART_ITEMS = """
OPTIONAL MATCH (cart)-[r:CONTAINS]->(p:Product)
WITH key, cart, p, sum(r.quantity) AS quantity, max(r.unitPrice) AS unitPrice ORDER BY p.sku
RETURN key, cart {.*} AS cart,
       collect(CASE WHEN p IS NULL THEN NULL ELSE
         {sku: p.sku, quantity: quantity, unitPrice: unitPrice, product: p {.*}} END) AS items
"""

# One open cart per customer (the latest, should a race ever leave two).
_CART = (
    """
UNWIND $ids AS key
MATCH (:Customer {id: key})-[:HAS_CART]->(open:Cart {status: 'OPEN'})
WITH key, open ORDER BY open.updatedAt DESC
WITH key, collect(open)[0] AS cart"""
    + _CART_ITEMS
)

# The cart an order was checked out from (`cartCheckout`), as it was then.
_ORDER_CART = (
    """
UNWIND $ids AS key
MATCH (:Order {id: key})-[:FROM_CART]->(cart:Cart)
WITH key, cart ORDER BY cart.checkedOutAt DESC
WITH key, collect(cart)[0] AS cart"""
    + _CART_ITEMS
)

_SUPPORT_CASES = """
UNWIND $ids AS cid
MATCH (:Customer {id: cid})-[:OPENED_CASE]->(s:SupportCase)
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_MESSAGE]->(m:CaseMessage)
  WITH m ORDER BY m.at, m.id
  RETURN collect(m {.*}) AS messages
}
OPTIONAL MATCH (s)-[:CONCERNS]->(o:Order)
WITH cid, s, o, messages ORDER BY s.openedAt DESC, s.id
RETURN cid AS key, collect(s {.*, orderId: o.id, messages: messages}) AS items
"""

# History is kept; the latest `at` per (purpose, channel) is in force.
_CONSENTS = """
UNWIND $ids AS cid
MATCH (:Customer {id: cid})-[:GAVE_CONSENT]->(x:Consent)
WITH cid, x ORDER BY x.at DESC, x.id DESC
WITH cid, x.purpose AS purpose, x.channel AS channel, collect(x)[0] AS current
ORDER BY purpose, channel
RETURN cid AS key, collect(current {.*}) AS items
"""

_STATS = """
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})
CALL (c) {
  OPTIONAL MATCH (c)-[:PLACED]->(o:Order)
  WHERE NOT o.status IN ['CANCELLED', 'RETURNED']
  RETURN coalesce(sum(o.total), 0.0) AS lifetimeValue, count(o) AS orderCount,
         max(o.placedAt) AS lastOrderAt
}
CALL (c) {
  CALL (c) {
    MATCH (c)-[:PLACED]->(o:Order) RETURN o.channel AS channel, o.placedAt AS at
    UNION ALL
    MATCH (c)-[:PLACED]->(:Order)-[:HAS_STATUS]->(s:OrderStatus) RETURN s.channel AS channel, s.at AS at
    UNION ALL
    MATCH (c)-[:PERFORMED]->(i:Interaction) RETURN i.channel AS channel, i.at AS at
    UNION ALL
    MATCH (c)-[:CHANGED_CART]->(x:CartChange) RETURN x.channel AS channel, x.at AS at
    UNION ALL
    MATCH (c)-[:OPENED_CASE]->(:SupportCase)-[:HAS_MESSAGE]->(m:CaseMessage)
    RETURN m.channel AS channel, m.at AS at
    UNION ALL
    MATCH (c)-[:EARNED_OR_SPENT]->(l:LoyaltyMove) RETURN l.channel AS channel, l.at AS at
  }
  WITH channel, count(*) AS uses, max(at) AS last
  WHERE channel IS NOT NULL
  RETURN collect({channel: channel, uses: uses, last: last}) AS channels
}
RETURN cid AS key, {lifetimeValue: lifetimeValue, orderCount: orderCount, channels: channels,
       firstSeen: c.firstSeen, lastSeen: c.lastSeen, lastOrderAt: lastOrderAt} AS stats
"""


async def devices(reader: GraphReader, ids: Sequence[str]) -> dict[str, list[DeviceRow]]:
    return await by_key(reader, _DEVICES, ids)


async def accounts(reader: GraphReader, ids: Sequence[str]) -> dict[str, list[AccountRow]]:
    return await by_key(reader, _ACCOUNTS, ids)


async def support_cases(reader: GraphReader, ids: Sequence[str]) -> dict[str, list[SupportCaseRow]]:
    return await by_key(reader, _SUPPORT_CASES, ids)


async def consents(reader: GraphReader, ids: Sequence[str]) -> dict[str, list[ConsentRow]]:
    return await by_key(reader, _CONSENTS, ids)


async def open_carts(reader: GraphReader, ids: Sequence[str]) -> dict[str, CartRow]:
    return await _carts(reader, _CART, ids)


async def order_carts(reader: GraphReader, order_ids: Sequence[str]) -> dict[str, CartRow]:
    return await _carts(reader, _ORDER_CART, order_ids)


async def _carts(reader: GraphReader, cypher: str, ids: Sequence[str]) -> dict[str, CartRow]:
    rows = await reader.read(cypher, {"ids": list(ids)})
    carts: dict[str, CartRow] = {}
    for row in rows:
        cart: CartRow = row["cart"]
        cart["items"] = row["items"]
        carts[row["key"]] = cart
    return carts


async def stats(reader: GraphReader, ids: Sequence[str]) -> dict[str, StatsRow]:
    return await by_key(reader, _STATS, ids, "stats")

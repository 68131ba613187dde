"""The floor: the best one can do by hand, to measure omnigraph against.

One hand-written Cypher statement per workload (Q1-Q4 of `bench/workloads.py`), run through the raw
async neo4j driver in one read transaction, and the few things Cypher cannot say the same way
(ISO times as Python prints them, rounding, the RFM scores, the sentence of a recommendation, an
opaque cursor) done in Python. Each endpoint answers exactly the JSON omnigraph's `data` holds for
the same GraphQL request made as an `agent`, behind the same HTTP server (Starlette on uvicorn,
orjson), so the difference between the two is what GraphQL, the loaders and the audit trail cost.

    NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=... python -m bench.peers.floor --port 8721

Endpoints (request bodies are JSON):

- `POST /q1` `{"email": "ana.lima@example.com"}` (normalised): `customerByIdentifier(type: EMAIL)`;
- `POST /q2` `{"phone": "+351912345678"}` (E.164): `customerByIdentifier(type: PHONE)`;
- `POST /q3` `{"q": "Ana Lima"}` (as typed): `customers(search: $q, first: 20)`;
- `POST /q4` `{"after": "<customer id>"}`: `customers(first: 50, after: <cursor of that id>)`;
- `GET /_bench/cypher`: `{"queries": N}`, the Cypher statements this process has run.

Each answers `{"data": {...}}`. `python -m bench.peers.check_floor` compares them with omnigraph.

Where the floor follows omnigraph's semantics rather than re-deriving them:
- the customer behind an identifier is the one seen last (then the smallest id), as in
  `graph/cypher/customers.py`; an agent sees every identifier but payment tokens;
- recommendations are omnigraph's algorithm (`graph/cypher/recommendations.py`), inlined, with its
  weights; they are empty when the PERSONALIZATION consent in force (the latest change per channel,
  as `consents` lists it) is refused. omnigraph decides that with a separate `NOT EXISTS` over
  every change; the two agree unless a consent change has no `at`, `channel` or `granted`, which
  ingestion never writes;
- `stats` is computed from the same channel mix (uses and last use per channel over orders,
  order status steps, interactions, cart changes, case messages and loyalty moves) with the same
  tie-breaks (`lastChannel`: the latest use, compared as ISO text, then the greater channel code;
  `preferredChannel`: the most uses, then the smaller code) and `resolvers.rfm`.

Every statement starts from an index (`PROFILE`): Q1 and Q2 from the unique `Identifier(type,
value)` seek, Q3 from the `customer_search` full-text index, Q4 from a range seek on the unique
`Customer(id)` index, which also yields the ids in order. On the 10k data set nine tenths of Q1's
time in Neo4j is the recommendations (the collaborative signals read the last 200 orders recorded for, and the
buyers of every product the customer bought): the same algorithm omnigraph runs, so both pay it.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import orjson
import uvicorn
from neo4j import AsyncDriver, RoutingControl
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from graph.cypher.recommendations import AGREEING_SIGNAL_BONUS, SCAN, WEIGHTS
from graph.driver import open_driver
from graph.search import MAX_SEARCH_LENGTH, lucene_query
from resolvers.rfm import of_stats

Json = dict[str, Any]

# -- Cypher ---------------------------------------------------------------------------------------

# The customer owning an identifier: the one seen last when a shared one leads to several.
_BY_IDENTIFIER = """
MATCH (:Identifier {type: $type, value: $value})<-[:HAS_IDENTIFIER]-(found:Customer)
WITH found ORDER BY found.lastSeen DESC, found.id LIMIT 1
WITH found AS c
"""

# After a merge a customer can hold one identifier twice: one entry per identifier.
_IDENTIFIERS = """
CALL (c) {
  MATCH (c)-[r:HAS_IDENTIFIER]->(i:Identifier)
  WHERE i.type <> 'PAYMENT_TOKEN'
  WITH i, min(r.firstSeen) AS firstSeen, max(r.lastSeen) AS lastSeen
  RETURN collect({type: i.type, value: i.value, firstSeen: firstSeen, lastSeen: lastSeen})
    AS identifiers
}
"""

_IDENTIFIER_VALUES = """
CALL (c) {
  MATCH (c)-[:HAS_IDENTIFIER]->(i:Identifier)
  WHERE i.type <> 'PAYMENT_TOKEN'
  WITH DISTINCT i
  RETURN collect({type: i.type, value: i.value}) AS identifiers
}
"""

# The open cart (the latest, should there be two); a product held twice is one item.
_CART = """
CALL (c) {
  OPTIONAL MATCH (c)-[:HAS_CART]->(open:Cart {status: 'OPEN'})
  WITH open ORDER BY open.updatedAt DESC LIMIT 1
  OPTIONAL MATCH (open)-[r:CONTAINS]->(p:Product)
  WITH open, p, sum(r.quantity) AS quantity, max(r.unitPrice) AS unitPrice ORDER BY p.sku
  WITH open, collect(CASE WHEN p IS NULL THEN NULL ELSE
         {sku: p.sku, quantity: quantity, unitPrice: unitPrice, product: {name: p.name}} END)
       AS items
  RETURN CASE WHEN open IS NULL THEN NULL ELSE
    {id: open.id, status: open.status, updatedAt: open.updatedAt, lastChannel: open.lastChannel,
     items: items} END AS cart
}
"""

# Orders not cancelled or returned: lifetime value, count, the latest.
_VALUE = """
CALL (c) {
  OPTIONAL MATCH (c)-[:PLACED]->(o:Order)
  WHERE NOT o.status IN ['CANCELLED', 'RETURNED']
  RETURN coalesce(sum(o.total), 0.0) AS lifetimeValue, count(o) AS orderCount,
         max(o.placedAt) AS lastOrderAt
}
"""

# Uses and last use of every channel, over everything the customer did.
_CHANNEL_MIX = """
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
  RETURN collect({channel: channel, uses: uses, last: last}) AS channelMix
}
"""

# omnigraph's recommendations (graph/cypher/recommendations.py) for one customer, skipped when the
# PERSONALIZATION consent in force is refused.
_RECOMMENDATIONS = """
CALL (c, consents) {
  WITH c WHERE NOT any(x IN consents WHERE x.purpose = 'PERSONALIZATION' AND x.granted = false)
  CALL (c) {
    OPTIONAL MATCH (c)-[:PLACED]->(o:Order)-[:CONTAINS]->(b:Product)
    WHERE o.status <> 'CANCELLED'
    RETURN collect(DISTINCT b) AS bought
  }
  CALL (c, bought) {
    CALL (c, bought) {
      MATCH (c)-[:HAS_CART]->(cart:Cart {status: 'OPEN'})-[:CONTAINS]->(p:Product)
      WITH DISTINCT p, cart
      RETURN p, 'CART' AS source, $weights.cart AS score,
             {channel: cart.lastChannel, at: cart.updatedAt} AS why
      UNION ALL
      MATCH (c)-[:PERFORMED]->(i:Interaction {kind: 'PRODUCT_VIEW'})-[:ABOUT]->(p:Product)
      WITH p, i ORDER BY i.at DESC
      WITH p, collect(i)[0] AS last, count(i) AS views
      RETURN p, 'VIEWED' AS source,
             $weights.viewed + $weights.repeat * (CASE WHEN views > 4 THEN 3 ELSE views - 1 END)
               AS score,
             {channel: last.channel, at: last.at, count: views} AS why
      UNION ALL
      UNWIND bought AS b
      CALL (b) {
        MATCH (b)<-[:CONTAINS]-(o:Order)
        WITH DISTINCT o LIMIT $scan
        MATCH (o)-[:CONTAINS]->(p:Product) WHERE p <> b
        RETURN p, count(DISTINCT o) AS together
      }
      WITH p, b, together ORDER BY together DESC, b.sku
      WITH p, collect({name: coalesce(b.name, b.sku), count: together})[0] AS best,
           sum(together) AS orders
      RETURN p, 'BOUGHT_TOGETHER' AS source,
             $weights.together * orders / (orders + 1.0) AS score, best AS why
      UNION ALL
      UNWIND bought AS b
      CALL (c, b) {
        MATCH (b)<-[:CONTAINS]-(o:Order)
        WITH DISTINCT o LIMIT $scan
        MATCH (o)<-[:PLACED]-(other:Customer) WHERE other <> c
        WITH DISTINCT other
        MATCH (other)-[:PLACED]->(:Order)-[:CONTAINS]->(p:Product) WHERE p <> b
        RETURN p, count(DISTINCT other) AS buyers
      }
      WITH p, b, buyers ORDER BY buyers DESC, b.sku
      WITH p, collect({name: coalesce(b.name, b.sku), count: buyers})[0] AS best,
           max(buyers) AS buyers
      RETURN p, 'SIMILAR_CUSTOMERS' AS source,
             $weights.similar * buyers / (buyers + 1.0) AS score, best AS why
    }
    WITH p, source, score, why
    WHERE coalesce(p.consumable, false) OR NOT p IN bought
    WITH p, source, score, why ORDER BY score DESC, source
    WITH p, collect({source: source, score: score, why: why}) AS signals
    WITH p, signals[0] AS best, signals[0].score + $bonus * (size(signals) - 1) AS score
    ORDER BY score DESC, p.sku
    LIMIT $limit
    RETURN collect({product: {sku: p.sku, name: p.name}, score: score, source: best.source,
                    why: best.why}) AS items
  }
  RETURN items
}
"""

Q1_CYPHER = (
    _BY_IDENTIFIER
    + _IDENTIFIERS
    + """
CALL (c) {
  MATCH (c)-[:USES_DEVICE]->(d:Device)
  WITH DISTINCT d ORDER BY d.lastSeen DESC, d.id
  RETURN collect({id: d.id, kind: d.kind, os: d.os, model: d.model, lastSeen: d.lastSeen})
    AS devices
}
CALL (c) {
  MATCH (c)-[:HAS_ACCOUNT]->(a:Account)
  WITH DISTINCT a ORDER BY a.kind, a.id
  RETURN collect({id: a.id, kind: a.kind, status: a.status, createdAt: a.createdAt}) AS accounts
}
CALL (c) {
  MATCH (c)-[:PLACED]->(o:Order)
  WITH o ORDER BY o.placedAt DESC, o.id DESC LIMIT 20
  CALL (o) {
    MATCH (o)-[r:CONTAINS]->(p:Product)
    WITH r, p ORDER BY r.line
    RETURN collect({sku: p.sku, quantity: r.quantity, unitPrice: r.unitPrice,
                    product: {sku: p.sku, name: p.name, category: p.category, brand: p.brand,
                              price: p.price}}) AS lines
  }
  RETURN collect({node: {id: o.id, channel: o.channel, status: o.status,
                         fulfillment: o.fulfillment, placedAt: o.placedAt, currency: o.currency,
                         total: o.total, lines: lines}}) AS orders
}
CALL (c) {
  MATCH (c)-[:PERFORMED]->(i:Interaction)
  WITH i ORDER BY i.at DESC, i.id DESC LIMIT 50
  RETURN collect({node: {id: i.id, kind: i.kind, channel: i.channel, at: i.at, sku: i.sku,
                         query: i.query}}) AS interactions
}
"""
    + _CART
    + """
CALL (c) {
  MATCH (c)-[:OPENED_CASE]->(s:SupportCase)
  CALL (s) {
    MATCH (s)-[:HAS_MESSAGE]->(m:CaseMessage)
    WITH m ORDER BY m.at, m.id
    RETURN collect(m.channel) AS channels
  }
  OPTIONAL MATCH (s)-[:CONCERNS]->(:Order)
  WITH s, channels ORDER BY s.openedAt DESC, s.id
  RETURN collect({id: s.id, status: s.status, subject: s.subject, openedAt: s.openedAt,
                  channels: channels}) AS cases
}
CALL (c) {
  MATCH (c)-[:GAVE_CONSENT]->(x:Consent)
  WITH x ORDER BY x.at DESC, x.id DESC
  WITH x.purpose AS purpose, x.channel AS channel, collect(x)[0] AS current
  ORDER BY purpose, channel
  RETURN collect({purpose: purpose, channel: channel, granted: current.granted, at: current.at})
    AS consents
}
"""
    + _VALUE
    + _CHANNEL_MIX
    + _RECOMMENDATIONS
    + """
RETURN c {.id, .givenName, .familyName, .birthDate, .locale, .addressLine1, .addressCity,
          .addressPostalCode, .addressCountry, .loyaltyPoints, .loyaltyTier,
          orderTotal: COUNT { (c)-[:PLACED]->(:Order) },
          identifiers: identifiers, devices: devices, accounts: accounts, orders: orders,
          interactions: interactions, cart: cart, cases: cases, consents: consents,
          lifetimeValue: lifetimeValue, orderCount: orderCount, lastOrderAt: lastOrderAt,
          channelMix: channelMix, recommendations: items} AS customer
"""
)

Q2_CYPHER = (
    _BY_IDENTIFIER
    + _IDENTIFIER_VALUES
    + _VALUE
    + _CHANNEL_MIX
    + _CART
    + """
CALL (c) {
  MATCH (c)-[:PLACED]->(o:Order)
  WITH o ORDER BY o.placedAt DESC, o.id DESC LIMIT 8
  CALL (o) {
    MATCH (o)-[:HAS_STATUS]->(s:OrderStatus)
    WITH s ORDER BY s.at, s.id
    RETURN collect({status: s.status, channel: s.channel, at: s.at}) AS statusHistory
  }
  CALL (o) {
    MATCH (o)-[r:CONTAINS]->(p:Product)
    WITH r, p ORDER BY r.line
    RETURN collect({quantity: r.quantity, product: {name: p.name}, sku: p.sku}) AS lines
  }
  RETURN collect({node: {id: o.id, channel: o.channel, status: o.status, placedAt: o.placedAt,
                         total: o.total, currency: o.currency, fulfillment: o.fulfillment,
                         fulfillmentStore: head([(o)-[:FULFILLED_AT]->(f:Store) | {name: f.name}]),
                         statusHistory: statusHistory, lines: lines}}) AS orders
}
CALL (c) {
  MATCH (c)-[:OPENED_CASE]->(s:SupportCase)
  CALL (s) {
    MATCH (s)-[:HAS_MESSAGE]->(m:CaseMessage)
    WITH m ORDER BY m.at, m.id
    RETURN collect({channel: m.channel, at: m.at, text: m.text}) AS messages
  }
  OPTIONAL MATCH (s)-[:CONCERNS]->(:Order)
  WITH s, messages ORDER BY s.openedAt DESC, s.id
  RETURN collect({id: s.id, status: s.status, subject: s.subject, messages: messages}) AS cases
}
RETURN c {.id, .givenName, .familyName, .locale, .loyaltyPoints, .loyaltyTier, .lastSeen,
          orderTotal: COUNT { (c)-[:PLACED]->(:Order) },
          identifiers: identifiers, lifetimeValue: lifetimeValue, orderCount: orderCount,
          channelMix: channelMix, cart: cart, orders: orders, cases: cases} AS customer
"""
)

_Q3_HIT = """
  CALL (c) {
    MATCH (c)-[:HAS_IDENTIFIER]->(i:Identifier)
    WHERE i.type <> 'PAYMENT_TOKEN'
    WITH DISTINCT i
    RETURN collect({type: i.type, value: i.value}) AS identifiers
  }
  RETURN collect(c {.id, .givenName, .familyName, .loyaltyTier, identifiers: identifiers}) AS hits
"""

# Most relevant first, then by id: the order omnigraph's keyset pages use. No total is asked for.
Q3_CYPHER = (
    """
CALL db.index.fulltext.queryNodes('customer_search', $query) YIELD node, score
WITH node AS c, score ORDER BY score DESC, c.id ASC LIMIT 20
"""
    + _Q3_HIT
)

# A blank search lists every customer by id, as omnigraph's `customers` does without `search`.
Q3_LIST_CYPHER = (
    """
MATCH (c:Customer) WHERE c.id > ''
WITH c ORDER BY c.id ASC LIMIT 20
"""
    + _Q3_HIT
)

# 51 customers say whether a next page follows; orders are read for the 50 shown only.
Q4_CYPHER = """
MATCH (c:Customer) WHERE c.id > $after
WITH c ORDER BY c.id ASC LIMIT 51
WITH collect(c) AS page
UNWIND page[..50] AS c
CALL (c) {
  MATCH (c)-[:PLACED]->(o:Order)
  WITH o ORDER BY o.placedAt DESC, o.id DESC LIMIT 5
  CALL (o) {
    MATCH (o)-[r:CONTAINS]->(p:Product)
    WITH r, p ORDER BY r.line
    RETURN collect({sku: p.sku, quantity: r.quantity, unitPrice: r.unitPrice,
                    product: {name: p.name}}) AS lines
  }
  RETURN collect({node: {id: o.id, placedAt: o.placedAt, total: o.total, lines: lines}}) AS orders
}
WITH page, c, orders ORDER BY c.id ASC
RETURN size(page) > 50 AS hasNext,
       collect({node: {id: c.id, givenName: c.givenName, familyName: c.familyName,
                       orders: {edges: orders}}}) AS edges
"""

# -- shaping what Cypher returns into omnigraph's JSON -----------------------------------------

# How omnigraph lists a customer's identifiers: strongest evidence first, then by value.
IDENTIFIER_ORDER = (
    "CUSTOMER_ID",
    "LOYALTY_ID",
    "EMAIL",
    "PHONE",
    "SOCIAL_HANDLE",
    "PAYMENT_TOKEN",
    "DEVICE_ID",
    "COOKIE_ID",
)
_IDENTIFIER_RANK = {kind: index for index, kind in enumerate(IDENTIFIER_ORDER)}
_WHERE = {
    "WEB": "on the web", "MOBILE_APP": "in the app", "STORE": "in store", "KIOSK": "at a kiosk",
    "MARKETPLACE": "on a marketplace", "CALL_CENTER": "with the call centre",
}  # fmt: skip


def _time(value: Any) -> str | None:
    """A Neo4j DateTime (or Date) as GraphQL's DateTime (Date) prints it: Python's isoformat."""
    return None if value is None else str(value.to_native().isoformat())


def _iso(value: Any) -> str:
    """A Neo4j DateTime as text with its full precision: how omnigraph compares channel uses."""
    return str(value.iso_format()) if hasattr(value, "iso_format") else str(value)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _identifiers(rows: list[Json], times: bool) -> list[Json]:
    rows.sort(key=lambda r: (_IDENTIFIER_RANK.get(r["type"], 99), r["value"]))
    if times:
        for row in rows:
            row["firstSeen"] = _time(row["firstSeen"])
            row["lastSeen"] = _time(row["lastSeen"])
    return rows


def _cart(cart: Json | None, fields: tuple[str, ...]) -> Json | None:
    if cart is None:
        return None
    items = cart["items"]
    for item in items:
        item["unitPrice"] = _float(item["unitPrice"])
    subtotal = float(round(sum(i["quantity"] * (i["unitPrice"] or 0.0) for i in items), 2))
    values = {
        "id": cart["id"],
        "status": cart["status"],
        "updatedAt": _time(cart["updatedAt"]),
        "lastChannel": cart["lastChannel"],
        "subtotal": subtotal,
        "items": items,
    }
    return {field: values[field] for field in fields}


def _loyalty(c: Json) -> Json:
    return {"points": int(c["loyaltyPoints"] or 0), "tier": c["loyaltyTier"]}


def _channel_stats(c: Json) -> tuple[float, int, Json]:
    """Lifetime value, order count and the channel fields of `stats`, as omnigraph rounds and
    breaks ties (resolvers/customers.py `stats`)."""
    mix: list[Json] = c["channelMix"]
    count = int(c["orderCount"])
    value = round(float(c["lifetimeValue"]), 2)
    by_recency = max(mix, key=lambda m: (_iso(m["last"]), m["channel"]), default=None)
    preferred = min(mix, key=lambda m: (-m["uses"], m["channel"]), default=None)
    return (
        value,
        count,
        {
            "lastChannel": by_recency["channel"] if by_recency else None,
            "preferredChannel": preferred["channel"] if preferred else None,
            "channels": sorted(m["channel"] for m in mix),
        },
    )


def _reason(row: Json) -> str:
    why: Json = row["why"] or {}
    source = row["source"]
    if source == "CART":
        return "in your cart"
    if source == "VIEWED":
        where = _WHERE.get(why.get("channel") or "", f"on {str(why.get('channel')).lower()}")
        times = f" {why['count']} times, last" if (why.get("count") or 1) > 1 else ""
        at = why.get("at")
        moment = at.to_native() if at is not None else None
        day = f"{moment.day} {moment:%b}" if moment is not None else "an earlier visit"
        return f"viewed{times} {where} on {day}"
    if source == "BOUGHT_TOGETHER":
        return f"bought together with {why.get('name')}"
    return f"customers who bought {why.get('name')} also bought it"


def _address(c: Json) -> Json | None:
    line1, city = c["addressLine1"], c["addressCity"]
    postal, country = c["addressPostalCode"], c["addressCountry"]
    if not (line1 or city or postal or country):
        return None
    return {"line1": line1, "city": city, "postalCode": postal, "country": country}


def shape_q1(c: Json | None) -> Json | None:
    if c is None:
        return None
    value, count, channels = _channel_stats(c)
    rfm = of_stats(c)
    orders = c["orders"]
    for edge in orders:
        order = edge["node"]
        order["placedAt"] = _time(order["placedAt"])
        order["total"] = _float(order["total"])
        for line in order["lines"]:
            line["unitPrice"] = float(line["unitPrice"])
            line["product"]["price"] = _float(line["product"]["price"])
    interactions = c["interactions"]
    for edge in interactions:
        edge["node"]["at"] = _time(edge["node"]["at"])
    for device in c["devices"]:
        device["lastSeen"] = _time(device["lastSeen"])
    for account in c["accounts"]:
        account["createdAt"] = _time(account["createdAt"])
    cases = c["cases"]
    for case in cases:
        case["openedAt"] = _time(case["openedAt"])
        case["channels"] = list(dict.fromkeys(case["channels"]))
    consents = c["consents"]
    for consent in consents:
        consent["granted"] = bool(consent["granted"])
        consent["at"] = _time(consent["at"])
    return {
        "id": c["id"],
        "givenName": c["givenName"],
        "familyName": c["familyName"],
        "birthDate": _time(c["birthDate"]),
        "locale": c["locale"],
        "address": _address(c),
        "identifiers": _identifiers(c["identifiers"], times=True),
        "devices": c["devices"],
        "accounts": c["accounts"],
        "orders": {"totalCount": c["orderTotal"], "edges": orders},
        "interactions": {"edges": interactions},
        "cart": _cart(c["cart"], ("id", "status", "updatedAt", "lastChannel", "subtotal", "items")),
        "supportCases": cases,
        "consents": consents,
        "loyalty": _loyalty(c),
        "stats": {
            "lifetimeValue": value,
            "orderCount": count,
            "lastChannel": channels["lastChannel"],
            "channels": channels["channels"],
            "recency": rfm["recency"],
            "frequency": rfm["frequency"],
            "monetary": rfm["monetary"],
            "rfmSegment": rfm["segment"],
        },
        "recommendations": [
            {"product": r["product"], "score": round(float(r["score"]), 3), "reason": _reason(r)}
            for r in c["recommendations"] or []
        ],
    }


def shape_q2(c: Json | None) -> Json | None:
    if c is None:
        return None
    value, count, channels = _channel_stats(c)
    orders = c["orders"]
    for edge in orders:
        order = edge["node"]
        order["placedAt"] = _time(order["placedAt"])
        order["total"] = _float(order["total"])
        for step in order["statusHistory"]:
            step["at"] = _time(step["at"])
    cases = c["cases"]
    for case in cases:
        messages = case["messages"]
        case["channels"] = list(
            dict.fromkeys(m["channel"] for m in messages if m["channel"] is not None)
        )
        for message in messages:
            message["at"] = _time(message["at"])
        case["messages"] = case.pop("messages")  # after `channels`, as the query asks
    return {
        "id": c["id"],
        "givenName": c["givenName"],
        "familyName": c["familyName"],
        "locale": c["locale"],
        "identifiers": _identifiers(c["identifiers"], times=False),
        "loyalty": _loyalty(c),
        "stats": {
            "lifetimeValue": value,
            "orderCount": count,
            "averageOrderValue": round(value / count, 2) if count else None,
            "channels": channels["channels"],
            "preferredChannel": channels["preferredChannel"],
            "lastChannel": channels["lastChannel"],
            "lastSeen": _time(c["lastSeen"]),
        },
        "cart": _cart(c["cart"], ("items", "subtotal", "updatedAt", "lastChannel")),
        "orders": {"totalCount": c["orderTotal"], "edges": orders},
        "supportCases": cases,
    }


def shape_q3(hits: list[Json]) -> Json:
    return {
        "edges": [
            {
                "node": {
                    "id": h["id"],
                    "givenName": h["givenName"],
                    "familyName": h["familyName"],
                    "loyalty": {"tier": h["loyaltyTier"]},
                    "identifiers": _identifiers(h["identifiers"], times=False),
                }
            }
            for h in hits
        ]
    }


def encode_cursor(kind: str, *position: Any) -> str:
    """omnigraph's opaque cursor (`resolvers.pagination.encode_cursor`), without importing the
    GraphQL stack it sits in."""
    raw = json.dumps([kind, *position], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def shape_q4(has_next: bool, edges: list[Json]) -> Json:
    for edge in edges:
        for order_edge in edge["node"]["orders"]["edges"]:
            order = order_edge["node"]
            order["placedAt"] = _time(order["placedAt"])
            order["total"] = _float(order["total"])
            for line in order["lines"]:
                line["unitPrice"] = float(line["unitPrice"])
    end = encode_cursor("customers", edges[-1]["node"]["id"]) if edges else None
    return {"pageInfo": {"endCursor": end, "hasNextPage": has_next}, "edges": edges}


# -- running one statement ------------------------------------------------------------------------


class Floor:
    """The driver and the count of statements run: one per request."""

    def __init__(self, driver: AsyncDriver, database: str) -> None:
        self.driver = driver
        self.database = database
        self.queries = 0

    async def run(self, cypher: str, params: Json) -> list[Any]:
        self.queries += 1
        records, _, _ = await self.driver.execute_query(
            cypher,
            parameters_=params,
            database_=self.database,
            routing_=RoutingControl.READ,
            bookmark_manager_=None,
        )
        return [tuple(record.values()) for record in records]

    async def customer(self, cypher: str, kind: str, value: str, extra: Json) -> Json | None:
        rows = await self.run(cypher, {"type": kind, "value": value, **extra})
        found: Json | None = rows[0][0] if rows else None
        return found

    async def q1(self, body: Json) -> Json:
        params = {"weights": WEIGHTS, "bonus": AGREEING_SIGNAL_BONUS, "scan": SCAN, "limit": 5}
        found = await self.customer(Q1_CYPHER, "EMAIL", str(body["email"]), params)
        return {"customerByIdentifier": shape_q1(found)}

    async def q2(self, body: Json) -> Json:
        found = await self.customer(Q2_CYPHER, "PHONE", str(body["phone"]), {})
        return {"customerByIdentifier": shape_q2(found)}

    async def q3(self, body: Json) -> Json:
        text = str(body["q"])
        if len(text) > MAX_SEARCH_LENGTH:
            raise ValueError(f"`q` is limited to {MAX_SEARCH_LENGTH} characters")
        query = lucene_query(text)
        if query is None:
            rows = await self.run(Q3_LIST_CYPHER, {})
        else:
            rows = await self.run(Q3_CYPHER, {"query": query})
        return {"customers": shape_q3(rows[0][0])}

    async def q4(self, body: Json) -> Json:
        after = body.get("after")
        rows = await self.run(Q4_CYPHER, {"after": "" if after is None else str(after)})
        has_next, edges = rows[0] if rows else (False, [])
        return {"customers": shape_q4(bool(has_next), edges)}


# -- HTTP -----------------------------------------------------------------------------------------


def _json(data: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(data), status_code=status, media_type="application/json")


def create_app(uri: str, user: str, password: str, database: str) -> Starlette:
    state: dict[str, Floor] = {}

    def endpoint(name: str) -> Callable[[Request], Awaitable[Response]]:
        async def answer(request: Request) -> Response:
            try:
                body = orjson.loads(await request.body())
                if not isinstance(body, dict):
                    raise ValueError("the body must be a JSON object")
                handler: Callable[[Json], Awaitable[Json]] = getattr(state["floor"], name)
                data = await handler(body)
            except (ValueError, KeyError) as error:
                return _json({"errors": [{"message": str(error)}]}, status=400)
            return _json({"data": data})

        return answer

    async def cypher_count(request: Request) -> Response:
        return _json({"queries": state["floor"].queries})

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        driver = open_driver(uri, user, password)
        await driver.verify_connectivity()
        state["floor"] = Floor(driver, database)
        try:
            yield
        finally:
            await driver.close()

    routes = [
        Route(f"/{name}", endpoint(name), methods=["POST"]) for name in ("q1", "q2", "q3", "q4")
    ]
    routes.append(Route("/_bench/cypher", cypher_count, methods=["GET"]))
    return Starlette(routes=routes, lifespan=lifespan)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.peers.floor", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    app = create_app(
        os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
        os.environ.get("NEO4J_USER", "neo4j"),
        os.environ.get("NEO4J_PASSWORD", ""),
        os.environ.get("NEO4J_DATABASE", "neo4j"),
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Deterministic omni-channel journeys as contract events, for `omnigraph seed --emit FILE`.

These are the events channel systems would have sent; `omnigraph seed` loads them through the
ingestion pipeline, which builds the graph (stitching, merges, order steps, points):

    events = generate_events(30, seed=3)
    write_events(events, Path("journeys.jsonl"))   # then: omnigraph import journeys.jsonl

Each person's journey comes from `random.Random(f"{seed}:{person}")` and times counted from
2026-01-01T00:00:00Z (`journey.Journey`); households come from their own stream. Ana's and Rui's
16 events of `examples.jsonl` are always included, unchanged.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph.seed.journey import Journey
from graph.seed.person import Household, draw_household

Event = dict[str, Any]

# docs/examples.jsonl (docs/EVENTS.md), embedded: docs/ is not shipped with the package
# (tests/unit/test_docs.py keeps the two equal).
EXAMPLE_EVENTS: tuple[Event, ...] = (
    {"eventId": "ex-01", "type": "interaction", "at": "2026-03-01T19:02:11Z", "channel": "WEB", "source": "shopify", "identifiers": [{"type": "COOKIE_ID", "value": "ck-7f3a"}], "interaction": {"kind": "PRODUCT_VIEW", "sku": "JKT-100", "url": "/p/jkt-100"}},
    {"eventId": "ex-02", "type": "identify", "at": "2026-03-02T08:15:00Z", "channel": "MOBILE_APP", "source": "app", "identifiers": [{"type": "EMAIL", "value": " Ana.Lima@Example.com "}], "device": {"id": "dev-ana-phone", "kind": "PHONE", "os": "iOS 19"}, "traits": {"givenName": "Ana", "familyName": "Lima", "locale": "pt-BR", "sizes": {"jacket": "M"}}},
    {"eventId": "ex-03", "type": "interaction", "at": "2026-03-02T08:16:40Z", "channel": "WEB", "source": "shopify", "identifiers": [{"type": "COOKIE_ID", "value": "ck-7f3a"}, {"type": "EMAIL", "value": "ana.lima@example.com"}], "interaction": {"kind": "PAGE_VIEW", "url": "/account"}},
    {"eventId": "ex-04", "type": "cart", "at": "2026-03-02T08:20:00Z", "channel": "MOBILE_APP", "source": "app", "identifiers": [{"type": "EMAIL", "value": "ana.lima@example.com"}], "device": {"id": "dev-ana-phone", "kind": "PHONE"}, "cart": {"action": "ADD", "sku": "JKT-100", "quantity": 1, "unitPrice": 120.0}},
    {"eventId": "ex-05", "type": "interaction", "at": "2026-03-04T17:30:00Z", "channel": "STORE", "source": "pos", "storeId": "store-lisbon-1", "identifiers": [{"type": "LOYALTY_ID", "value": "ln-5521"}, {"type": "PHONE", "value": "+351 912 345 678"}], "interaction": {"kind": "STORE_VISIT"}},
    {"eventId": "ex-06", "type": "identify", "at": "2026-03-04T17:31:00Z", "channel": "STORE", "source": "pos", "storeId": "store-lisbon-1", "identifiers": [{"type": "LOYALTY_ID", "value": "LN-5521"}, {"type": "EMAIL", "value": "ana.lima@example.com"}], "traits": {"address": {"city": "Lisbon", "country": "PT"}}},
    {"eventId": "ex-07", "type": "order", "at": "2026-03-04T17:45:00Z", "channel": "STORE", "source": "pos", "storeId": "store-lisbon-1", "identifiers": [{"type": "LOYALTY_ID", "value": "LN-5521"}, {"type": "PAYMENT_TOKEN", "value": "pt-9c1e"}], "device": {"id": "pos-lisbon-1-03", "kind": "POS"}, "order": {"orderId": "ord-3001", "status": "PAID", "currency": "EUR", "total": 120.0, "fulfillment": "IN_STORE", "cartCheckout": True, "lines": [{"sku": "JKT-100", "name": "Rain jacket", "category": "outerwear", "quantity": 1, "unitPrice": 120.0}], "loyaltyPointsEarned": 120}},
    {"eventId": "ex-08", "type": "support", "at": "2026-03-06T10:00:00Z", "channel": "CHAT", "source": "zendesk", "identifiers": [{"type": "EMAIL", "value": "ana.lima@example.com"}], "support": {"caseId": "case-77", "action": "OPEN", "subject": "Zip is stuck", "text": "The zip of my new jacket is stuck.", "orderId": "ord-3001"}},
    {"eventId": "ex-09", "type": "support", "at": "2026-03-06T15:20:00Z", "channel": "EMAIL", "source": "zendesk", "identifiers": [{"type": "EMAIL", "value": "ana.lima@example.com"}], "support": {"caseId": "case-77", "action": "MESSAGE", "text": "Photo attached as requested."}},
    {"eventId": "ex-10", "type": "support", "at": "2026-03-07T09:05:00Z", "channel": "CALL_CENTER", "source": "genesys", "identifiers": [{"type": "PHONE", "value": "+351912345678"}], "support": {"caseId": "case-77", "action": "RESOLVE", "text": "Exchange arranged at store-lisbon-1."}},
    {"eventId": "ex-11", "type": "consent", "at": "2026-03-07T09:06:00Z", "channel": "CALL_CENTER", "source": "genesys", "identifiers": [{"type": "PHONE", "value": "+351912345678"}], "consent": {"purpose": "MARKETING", "channel": "SMS", "granted": False, "documentVersion": "2026-01"}},
    {"eventId": "ex-12", "type": "order", "at": "2026-03-10T12:00:00Z", "channel": "WEB", "source": "shopify", "identifiers": [{"type": "EMAIL", "value": "ana.lima@example.com"}, {"type": "COOKIE_ID", "value": "ck-7f3a"}], "order": {"orderId": "ord-3002", "status": "PLACED", "currency": "EUR", "total": 35.5, "fulfillment": "PICKUP_IN_STORE", "fulfillmentStoreId": "store-lisbon-1", "lines": [{"sku": "SCF-020", "name": "Wool scarf", "category": "accessories", "quantity": 1, "unitPrice": 35.5}]}},
    {"eventId": "ex-13", "type": "order", "at": "2026-03-11T18:10:00Z", "channel": "STORE", "source": "pos", "storeId": "store-lisbon-1", "identifiers": [{"type": "PHONE", "value": "+351912345678"}], "order": {"orderId": "ord-3002", "status": "PICKED_UP"}},
    {"eventId": "ex-14", "type": "interaction", "at": "2026-03-12T20:00:00Z", "channel": "MOBILE_APP", "source": "app", "identifiers": [{"type": "EMAIL", "value": "rui.lima@example.com"}], "device": {"id": "dev-family-tablet", "kind": "TABLET"}, "interaction": {"kind": "PRODUCT_VIEW", "sku": "SCF-020"}},
    {"eventId": "ex-15", "type": "interaction", "at": "2026-03-12T21:00:00Z", "channel": "MOBILE_APP", "source": "app", "identifiers": [{"type": "EMAIL", "value": "ana.lima@example.com"}], "device": {"id": "dev-family-tablet", "kind": "TABLET"}, "interaction": {"kind": "SEARCH", "query": "boots"}},
    {"eventId": "ex-16", "type": "loyalty", "at": "2026-03-13T09:00:00Z", "channel": "MOBILE_APP", "source": "app", "identifiers": [{"type": "EMAIL", "value": "ana.lima@example.com"}], "loyalty": {"action": "REDEEM", "points": 100, "reference": "coupon-10eur"}},
)  # fmt: skip

HOUSEHOLD_SHARE = 0.18  # chance that a person starts a household (person 0 always does)


def generate_events(customers: int, seed: int = 42) -> list[Event]:
    """`customers` generated people's journeys plus Ana's and Rui's, sorted by (`at`, `eventId`).

    >>> events = generate_events(2, seed=1)
    >>> events == generate_events(2, seed=1) and events[0]["at"] <= events[-1]["at"]
    True
    """
    events = [event for block in generate_blocks(customers, seed) for event in block]
    return sorted(events, key=_arrival)


def generate_blocks(customers: int, seed: int = 42, people: int = 500) -> Iterator[list[Event]]:
    """The same events in blocks of about `people` people, each block sorted by time: memory
    stays flat whatever the size. A household is never split, and people never share anything
    with another household, so loading the blocks one after the other builds the same graph as
    loading `generate_events` whole.

    >>> blocks = list(generate_blocks(40, seed=1, people=10))
    >>> ids = sorted(e["eventId"] for block in blocks for e in block)
    >>> len(blocks) > 1 and ids == sorted(e["eventId"] for e in generate_events(40, seed=1))
    True
    """
    households = _households(customers, seed)
    block = [json.loads(json.dumps(event)) for event in EXAMPLE_EVENTS]  # callers may mutate
    size = 0
    for person in range(customers):
        block += Journey(seed, person, households.get(person)).build()
        size += 1
        household = households.get(person)
        if size >= people and (household is None or households.get(person + 1) is not household):
            yield sorted(block, key=_arrival)
            block, size = [], 0
    if block:
        yield sorted(block, key=_arrival)


def _arrival(event: Event) -> tuple[str, str]:
    return event["at"], event["eventId"]


def write_events(events: list[Event], path: Path | str) -> None:
    """One compact JSON object per line (JSONL), the format `omnigraph import` reads."""
    with Path(path).open("w", encoding="utf-8") as out:
        for event in events:
            out.write(json.dumps(event, ensure_ascii=False, separators=(",", ":")))
            out.write("\n")


def _households(customers: int, seed: int) -> dict[int, Household]:
    """Which people live together: runs of 2-4 consecutive people, from their own stream."""
    rng = random.Random(f"{seed}:households")
    members: dict[int, Household] = {}
    person = number = 0
    while person < customers - 1:
        if person == 0 or rng.random() < HOUSEHOLD_SHARE:
            size = min(customers - person, rng.choice((2, 2, 3, 4)))
            household = draw_household(rng, seed, number)
            for member in range(person, person + size):
                members[member] = household
            person += size
            number += 1
        else:
            person += 1
    return members

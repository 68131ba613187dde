"""A shuffled replay over concurrent writers and both doors ends in the serial run's graph.

For each seed, a random event file of a few households is generated: two people share each
family tablet, carts are filled from phone and tablet and checked out, orders move through their
steps in the store, points are earned and redeemed, traits and consents change. The file is
applied once serially, sorted by `at`, and dumped whole (`tests/utils/graph_dump.py`); then the
same events, shuffled, are sent by four concurrent writers in small calls, each call through
`ingestEvents` or `POST /events` at random, and the graph is dumped again. The two dumps must be
equal.

One thing is normalised, because the contract makes it depend on arrival: a customer's id is
minted from the first of the person's events to arrive, so customers are compared by the
identifiers they hold (`customers_by_identifiers`). Every event carries its person's
`CUSTOMER_ID`: where a profile goes when the only link is a shared device (rule 2, "none"), and
which profiles a later event merges, do depend on arrival by contract, and are left to
`test_family_tablet.py` and `test_identity_rules.py`.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from neo4j import AsyncDriver

from graph.ingest.pipeline import Pipeline
from tests.conftest import wipe
from tests.utils.graph_dump import customers_by_identifiers, differences, graph_dump
from tests.utils.graphql import GraphQLClient

SEEDS = int(os.environ.get("OMNIGRAPH_SHUFFLE_SEEDS", "16"))
WRITERS = 4

INGEST = """mutation($events: [EventInput!]!) { ingestEvents(events: $events) {
    eventId status error { code field message } } }"""

# one price and name per product: the catalogue keeps the first it is told (not the subject here)
CATALOGUE = {"SCF-020": 35.5, "JKT-100": 120.0, "BOOT-1": 89.9, "TEE-3": 19.0, "CAP-7": 15.0}
START = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)


class _File:
    """A random event file; every event gets its own minute, so sorting by `at` is one order."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.events: list[dict[str, Any]] = []
        self.minutes = rng.sample(range(60 * 24 * 40), 2000)
        self.orders = 0

    def at(self, low: int = 0) -> tuple[int, str]:
        """A fresh minute, after `low`."""
        minute = next(m for m in self.minutes if m > low)
        self.minutes.remove(minute)
        return minute, (START + timedelta(minutes=minute)).isoformat()

    def add(self, person: dict[str, Any], kind: str, minute_low: int = 0, *,
            channel: str | None = None, device: bool = True, **payload: Any) -> int:  # fmt: skip
        minute, when = self.at(minute_low)
        channel = channel or self.rng.choice(["WEB", "MOBILE_APP"])
        ids = [{"type": "CUSTOMER_ID", "value": person["cid"]}]
        if self.rng.random() < 0.5:
            ids.append({"type": "EMAIL", "value": person["email"]})
        if self.rng.random() < 0.3:
            ids.append({"type": "COOKIE_ID", "value": person["cookie"]})
        raw: dict[str, Any] = {"eventId": f"{person['cid']}-{len(self.events)}", "type": kind,
                               "at": when, "channel": channel, "identifiers": ids,
                               "source": channel.lower(), **payload}  # fmt: skip
        if channel == "STORE":
            raw["storeId"] = "store-lisbon-1"
        elif device and self.rng.random() < 0.6:
            raw["device"] = self.rng.choice(person["devices"])
        self.events.append(raw)
        return minute

    def person(self, person: dict[str, Any]) -> None:
        rng = self.rng
        for _ in range(rng.randint(1, 3)):
            self.add(person, "identify", traits={
                "givenName": rng.choice([person["name"], person["name"].upper()]),
                "locale": rng.choice(["pt-PT", "en-GB"]),
                "sizes": {"shoes": rng.choice(["37", "38", "42"])}})  # fmt: skip
        for _ in range(rng.randint(1, 4)):
            self.add(person, "interaction", interaction={
                "kind": "PRODUCT_VIEW", "sku": rng.choice(list(CATALOGUE))})  # fmt: skip
        for _ in range(rng.randint(0, 2)):
            self.add(person, "consent", consent={
                "purpose": "MARKETING", "channel": rng.choice(["EMAIL", "SMS"]),
                "granted": rng.random() < 0.5})  # fmt: skip
        for _ in range(rng.randint(3, 9)):
            sku = rng.choice(list(CATALOGUE))
            action = rng.choice(["ADD", "ADD", "SET_QUANTITY", "REMOVE", "CLEAR"])
            body: dict[str, Any] = {"action": action}
            if action != "CLEAR":
                body["sku"] = sku
            if action in ("ADD", "SET_QUANTITY"):
                body["quantity"] = rng.randint(0 if action == "SET_QUANTITY" else 1, 3)
                body["unitPrice"] = CATALOGUE[sku]
            self.add(person, "cart", cart=body)
        for _ in range(rng.randint(1, 3)):
            self.order(person)
        for _ in range(rng.randint(2, 6)):
            action = rng.choice(["EARN", "REDEEM", "REDEEM", "ADJUST"])
            self.add(person, "loyalty", loyalty={
                "action": action, "points": rng.randint(5, 80), "reference": "r"})  # fmt: skip

    def order(self, person: dict[str, Any]) -> None:
        rng = self.rng
        self.orders += 1
        order_id = f"ord-{person['cid']}-{self.orders}"
        skus = rng.sample(list(CATALOGUE), rng.randint(1, 2))
        lines: list[dict[str, Any]] = [
            {"sku": s, "name": s.lower(), "quantity": rng.randint(1, 2), "unitPrice": CATALOGUE[s]}
            for s in skus
        ]
        pickup = rng.random() < 0.5
        body: dict[str, Any] = {
            "orderId": order_id, "status": "PLACED", "currency": "EUR",
            "total": sum(line["quantity"] * line["unitPrice"] for line in lines),
            "fulfillment": "PICKUP_IN_STORE" if pickup else "SHIP", "lines": lines,
        }  # fmt: skip
        if rng.random() < 0.6:
            body["cartCheckout"] = True
        if rng.random() < 0.5:
            body["loyaltyPointsEarned"] = rng.randint(10, 60)
        placed = self.add(person, "order", order=body)
        steps = ["READY_FOR_PICKUP", "PICKED_UP"] if pickup else ["PAID", "SHIPPED", "DELIVERED"]
        minute = placed
        for status in steps[: rng.randint(1, len(steps))]:
            channel = "STORE" if pickup else "WEB"
            minute = self.add(person, "order", minute, channel=channel, device=False,
                              order={"orderId": order_id, "status": status})  # fmt: skip


def event_file(seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    file = _File(rng)
    for household in range(rng.randint(2, 3)):
        tablet = {"id": f"tablet-{seed}-{household}", "kind": "TABLET", "os": "iPadOS"}
        for member in range(2):
            name = rng.choice(["Ana", "Rui", "Mia", "Leo", "Eva", "Tom"])
            cid = f"c{seed}-{household}-{member}"
            phone = {"id": f"phone-{cid}", "kind": "PHONE", "os": "Android"}
            file.person({"cid": cid, "name": name, "email": f"{cid}@example.com",
                         "cookie": f"ck-{cid}", "devices": [tablet, phone]})  # fmt: skip
    return file.events


async def _serial(driver: AsyncDriver, database: str, events: list[dict[str, Any]]) -> None:
    pipeline = Pipeline(driver, database)
    ordered = sorted(events, key=lambda e: e["at"])
    for start in range(0, len(ordered), 40):
        await pipeline.ingest(ordered[start : start + 40])


async def _shuffled(client: GraphQLClient, events: list[dict[str, Any]], seed: int) -> set[str]:
    """Four writers, small calls, each through one of the two doors; the statuses answered."""
    rng = random.Random(seed * 7919)
    shuffled = events[:]
    rng.shuffle(shuffled)
    calls: list[list[list[dict[str, Any]]]] = [[] for _ in range(WRITERS)]
    position = 0
    while position < len(shuffled):
        size = rng.randint(1, 6)
        calls[rng.randrange(WRITERS)].append(shuffled[position : position + size])
        position += size
    doors = {id(call): rng.random() < 0.5 for writer in calls for call in writer}
    statuses: set[str] = set()

    async def writer(mine: list[list[dict[str, Any]]]) -> None:
        async with client.http() as http:
            for call in mine:
                if doors[id(call)]:
                    results = (await client.data(INGEST, {"events": call}))["ingestEvents"]
                else:
                    response = await http.post("/events", json=call)
                    assert response.status_code == 200, response.text
                    results = [json.loads(line) for line in response.text.splitlines()]
                assert len(results) == len(call)
                statuses.update(r["status"] for r in results)
                assert not [r for r in results if r["status"] == "REJECTED"], results

    await asyncio.gather(*(writer(mine) for mine in calls))
    return statuses


@pytest.mark.parametrize("seed", range(SEEDS))
async def test_a_shuffled_replay_over_writers_and_doors_ends_in_the_serial_graph(
    seed: int, client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    events = event_file(seed)
    await _serial(empty_graph, database, events)
    serial = customers_by_identifiers(await graph_dump(empty_graph, database))
    await wipe(empty_graph, database)

    statuses = await _shuffled(client, events, seed)
    shuffled = customers_by_identifiers(await graph_dump(empty_graph, database))
    assert shuffled == serial, differences(shuffled, serial, limit=20)
    assert "APPLIED" in statuses
    # the shuffle did put things before what they depend on (the property is not vacuous)
    assert "PENDING" in statuses, statuses

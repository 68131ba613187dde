"""Random event files of a few households, for replay and concurrency tests.

For each seed: two people share each family tablet, carts are filled from phone and tablet and
checked out, orders move through their steps in the store, points are earned and redeemed,
traits and consents change. Every event carries its person's `CUSTOMER_ID` (so where a profile
goes never depends on arrival: see tests/integration/test_shuffled_replay.py) and gets its own
minute, so sorting by `at` is one order.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

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

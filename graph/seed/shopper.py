"""The customer being generated: the state every part of their history reads and updates.

The per-kind modules (`identity`, `orders`, `interactions`, `carts`, `cases`, `consents`,
`loyalty`) each add one kind of rows for a `Shopper`; `customers` decides which, in which order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from graph.seed.catalogue import Catalogue, Store
from graph.seed.countries import Country
from graph.seed.rows import DAY, HOUR, Batch, Row
from graph.seed.weights import Weighted

# Customers' own devices: kind -> (os, model) choices.
DEVICE_MODELS: dict[str, tuple[tuple[str, str], ...]] = {
    "PHONE": (
        ("iOS 19", "iPhone 17"),
        ("iOS 18", "iPhone 16"),
        ("iOS 18", "iPhone 15"),
        ("Android 15", "Pixel 9"),
        ("Android 15", "Galaxy S25"),
        ("Android 14", "Galaxy A55"),
        ("Android 14", "Redmi Note 13"),
    ),
    "TABLET": (
        ("iPadOS 18", "iPad Air"),
        ("iPadOS 18", "iPad 10th gen"),
        ("Android 14", "Galaxy Tab S9"),
    ),
    "DESKTOP": (
        ("Windows 11", "Chrome 141"),
        ("macOS 15", "Safari 19"),
        ("Windows 11", "Edge 141"),
        ("Ubuntu 24.04", "Firefox 143"),
    ),
    "WATCH": (("watchOS 11", "Apple Watch Series 10"), ("Wear OS 5", "Galaxy Watch 7")),
    "TV": (("tvOS 18", "Apple TV 4K"), ("Tizen 8", "Samsung QN90D")),
}
_MOBILE_KINDS = ("PHONE", "TABLET")
_WEB_KINDS = ("DESKTOP", "PHONE", "TABLET")


@dataclass
class Household:
    """2-4 customers of one block with a family name, a home and a tablet in common."""

    family_name: str
    country: Country
    city: str
    address_line: str | None
    postal_code: str
    tablet: Row
    payment_token: str | None
    last_used: int = -(10**9)


class Shopper:
    """One customer while their history is drawn; the block's rng drives every choice.

    Times are whole seconds relative to `EPOCH` (so negative) until they become rows: the
    customer is active from `start` to `end`, and `last` is the latest thing seen so far.
    """

    # set by `customers` for customers who are not anonymous
    country: Country
    stores: list[Store]
    home_store: Store
    order_channels: Weighted
    # set by `customers` for every customer
    interaction_channels: Weighted

    def __init__(self, rng: random.Random, batch: Batch, catalogue: Catalogue, index: int) -> None:
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
        span = rng.randint(30, 730) * DAY
        self.start = -span + rng.randrange(DAY)
        self.end = max(-min(int(rng.expovariate(1 / (25 * DAY))), span // 2), self.start + HOUR)
        self.last = self.start
        self.loyalty_since: int | None = None
        self.fx = 1.0  # anonymous visitors see prices in EUR

    def seen(self, at: int, channel: str | None = None) -> None:
        if at > self.last:
            self.last = at
        if channel is not None:
            self.channels.add(channel)

    def add_device(self, kind: str) -> None:
        os, model = self.rng.choice(DEVICE_MODELS[kind])
        device = {
            "id": f"dev-{self.num}-{len(self.devices) + 1}",
            "kind": kind,
            "os": os,
            "model": model,
        }
        self.devices.append(device)
        self.device_use[device["id"]] = [0, self.start]

    def device_for(self, channel: str) -> str | None:
        """The customer's device a WEB or MOBILE_APP action came from (`used` records when)."""
        kinds = _MOBILE_KINDS if channel == "MOBILE_APP" else _WEB_KINDS
        usable = [d for d in self.devices if d["kind"] in kinds] or self.devices
        return str(self.rng.choice(usable)["id"]) if usable else None

    def used(self, device_id: str | None, at: int) -> None:
        if device_id is not None and device_id in self.device_use:
            window = self.device_use[device_id]
            window[0] = min(window[0], at)
            window[1] = max(window[1], at)

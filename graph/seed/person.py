"""One generated person: who she is, what she holds, and how her events are written.

`Person` draws her name, home, identifiers and devices from her own random stream and keeps
the running state her events depend on (cart, orders, points); her shopping (`shopping.py`)
and her journey (`journey.py`, which `events.generate_events` walks) are drawn on top of it.
Times are whole seconds after `EPOCH`: nothing reads the clock.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from graph.identifiers import InvalidIdentifier, normalize
from graph.seed.catalogue import POS_PER_STORE, STORES, Row, Store, product_catalogue
from graph.seed.countries import Country, draw_country, draw_postal_code, draw_street

Event = dict[str, Any]
EPOCH = datetime(
    2026, 1, 1, tzinfo=UTC
)  # times are whole seconds after it: nothing reads the clock
MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR
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
_RESERVED_PHONES = frozenset({"+351912345678"})  # Ana's, from examples.jsonl
_DOMAINS = ("example.com", "example.org", "example.net")
# The channel system that sends a channel's events, when the journey does not name another.
_SENDERS = {
    "WEB": "shopify", "MOBILE_APP": "app", "STORE": "pos", "KIOSK": "pos",
    "CALL_CENTER": "genesys", "CHAT": "zendesk", "EMAIL": "braze", "SMS": "braze",
    "SOCIAL": "sprout", "MARKETPLACE": "marketplace",
}  # fmt: skip
_SEARCHES = ("rain jacket", "wool scarf", "boots", "linen shirt", "gift", "merino", "tote bag")
_PAGES = ("/", "/new-in", "/sale", "/stores", "/account", "/help/returns", "/lookbook")
_SIZES = ("XS", "S", "M", "L", "XL")


@dataclass(frozen=True)
class Household:
    """2-4 people with one family name and home, all using one tablet: never merged."""

    family_name: str
    country: Country
    city: str
    address_line: str | None
    postal_code: str
    tablet: dict[str, str]


def draw_household(rng: random.Random, seed: int, number: int) -> Household:
    country = draw_country(rng)
    os, _ = rng.choice(DEVICE_MODELS["TABLET"])
    return Household(
        family_name=rng.choice(country.family),
        country=country,
        city=rng.choice(country.cities),
        address_line=draw_street(rng, country),
        postal_code=draw_postal_code(rng, country.code),
        tablet={"id": f"dev-family-{seed}-{number + 1:04d}", "kind": "TABLET", "os": os},
    )


@cache
def all_products() -> tuple[Row, ...]:
    return tuple(product_catalogue())


def at_text(seconds: int) -> str:
    return (EPOCH + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


class Person:
    """One person's identity, devices and running state, and the helpers that write her events."""

    def __init__(self, seed: int, person: int, household: Household | None) -> None:
        rng = self.rng = random.Random(f"{seed}:{person}")
        self.seed, self.person, self.household = seed, person, household
        self.tag = f"{seed}-{person + 1:06d}"
        self.events: list[Event] = []
        self.t = rng.randrange(150 * DAY)  # seconds after EPOCH
        country = self.country = household.country if household else draw_country(rng)
        self.given = rng.choice(country.given_female if rng.random() < 0.55 else country.given_male)
        self.family = household.family_name if household else rng.choice(country.family)
        self.city = household.city if household else rng.choice(country.cities)
        stores = [s for s in STORES if s.country == country.code]
        self.home: Store = next((s for s in stores if s.city == self.city), rng.choice(stores))
        name = f"{ascii_name(self.given)}.{ascii_name(self.family)}"
        self.email = f"{name}.{person + 1}@{rng.choice(_DOMAINS)}"
        self.cookie = f"ck-{self.tag}-{rng.getrandbits(24):06x}"
        os, model = rng.choice(DEVICE_MODELS["PHONE"])
        self.phone_device = {"id": f"dev-{self.tag}-phone", "kind": "PHONE", "os": os,
                             "model": model}  # fmt: skip
        self.phone = _phone(country, seed, person, rng)
        self.loyalty = f"LN-{self.tag}"
        self.token = f"pt-{self.tag}-{rng.getrandbits(32):08x}"
        self.has_app = rng.random() < 0.8
        self.member = rng.random() < 0.65
        self.phone_known = self.loyalty_known = False
        self.email_marketing = False
        self.cart: dict[str, tuple[int, float]] = {}
        self.orders: list[tuple[str, int]] = []  # (orderId, placed at)
        self.totals: dict[str, float] = {}
        self.bought: list[str] = []
        self.moves: list[tuple[int, int]] = []  # (at, signed points)
        self.cases = 0

    def _emit(
        self, kind: str, channel: str, ids: list[tuple[str, str]], payload: Row, *,
        at: int | None = None, device: dict[str, str] | None = None, store: Store | None = None,
        source: str | None = None,
    ) -> None:  # fmt: skip
        event: Event = {
            "eventId": f"seed-{self.seed}-{self.person:06d}-{len(self.events) + 1:03d}",
            "type": kind,
            "at": at_text(self.t if at is None else at),
            "channel": channel,
            "identifiers": [{"type": t, "value": v} for t, v in ids],
        }
        if store is not None:
            event["storeId"] = store.id
        if device is not None:
            event["device"] = dict(device)
        # every channel system names itself: the identity evidence shows who reported what
        event["source"] = source or ("zendesk" if kind == "support" else _SENDERS[channel])
        event["traits" if kind == "identify" else kind] = payload
        self.events.append(event)

    def _advance(self, low: int, high: int) -> None:
        self.t += self.rng.randint(low, high)

    def _look(self) -> Row:
        kind = self.rng.choice(("PAGE_VIEW", "PRODUCT_VIEW", "PRODUCT_VIEW", "SEARCH"))
        if kind == "PAGE_VIEW":
            return {"kind": kind, "url": self.rng.choice(_PAGES)}
        if kind == "SEARCH":
            return {"kind": kind, "query": self.rng.choice(_SEARCHES)}
        sku = str(self.rng.choice(all_products())["sku"])
        return {"kind": kind, "sku": sku, "url": f"/p/{sku.lower()}"}

    def _online(self) -> tuple[str, list[tuple[str, str]], dict[str, str] | None]:
        if self.has_app and self.rng.random() < 0.55:
            return "MOBILE_APP", [("EMAIL", self.email)], self.phone_device
        return "WEB", self._web_ids(), None

    _cart_channel = _online

    def _app_device(self) -> dict[str, str]:
        return {"id": self.phone_device["id"], "kind": "PHONE"}

    def _web_ids(self) -> list[tuple[str, str]]:
        return [("EMAIL", self.email), ("COOKIE_ID", self.cookie)]

    def _shopper_id(self) -> tuple[str, str]:
        """What a till or kiosk knows the person by."""
        if self.loyalty_known:
            return ("LOYALTY_ID", self.loyalty)
        if self.phone_known and self.rng.random() < 0.5:
            return ("PHONE", self.phone)
        return ("EMAIL", self.email)

    def _caller(self) -> tuple[str, str]:
        return ("PHONE", self.phone) if self.phone_known else ("EMAIL", self.email)

    def _store(self) -> Store:
        if self.rng.random() < 0.75:
            return self.home
        return self.rng.choice([s for s in STORES if s.country == self.country.code])

    def _pos(self, store: Store) -> dict[str, str]:
        return {"id": store.pos_id(self.rng.randint(1, POS_PER_STORE)), "kind": "POS"}

    def _traits(self) -> Row:
        rng = self.rng
        locale = (
            "pt-BR" if self.country.code == "PT" and rng.random() < 0.08 else self.country.locale
        )
        traits: Row = {"givenName": self.given, "familyName": self.family, "locale": locale}
        if rng.random() < 0.85:
            traits["birthDate"] = (
                f"{rng.randint(1950, 2006)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            )
        traits["address"] = self._address()
        traits["sizes"] = {
            "jacket": rng.choice(_SIZES),
            "shoe": rng.choice(self.country.shoe_sizes),
        }
        return traits

    def _address(self) -> Row:
        household = self.household
        line = household.address_line if household else draw_street(self.rng, self.country)
        postal = (
            household.postal_code if household else draw_postal_code(self.rng, self.country.code)
        )
        address: Row = {"city": self.city, "postalCode": postal, "country": self.country.code}
        if line is not None:
            address["line1"] = line
        return address


def _phone(country: Country, seed: int, person: int, rng: random.Random) -> str:
    """A valid mobile number; the 7-digit tail is a bijection of (seed's block + person, slot):
    never shared within a seed, nor across seeds (benchmarks load several into one graph)."""
    for slot in range(10):
        tail = (((seed * 100_003 + person) * 10 + slot) * 7_654_321 + 3_141_593) % 10_000_000
        if country.code == "US":
            area = country.phone_prefixes[tail // 1_000_000]
            raw = f"+1{area}{rng.randint(2, 9)}{tail % 1_000_000:06d}"
        else:
            raw = f"{rng.choice(country.phone_prefixes)}{tail:07d}"
        try:
            number = normalize("PHONE", raw)
        except InvalidIdentifier:
            continue
        if number not in _RESERVED_PHONES:
            return number
    raise AssertionError(f"no valid phone number for person {person}")


def ascii_name(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())

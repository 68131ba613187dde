"""One generated person's omni-channel journey, as contract events (`events.generate_events`).

A `Journey` walks a cursor forward from the person's first visit: anonymous web browsing with a
cookie, the app (phone device + email), a web login (email + the same cookie: the cookie's profile
is stitched in), a loyalty card met in store (loyalty id + phone: a second profile, merged by the
next identify with loyalty id + email), then shuffled episodes: orders on every channel, carts,
support cases, consent changes, campaigns, points. Identifiers are introduced so that every event
resolves as intended and the pipeline applies all of them; the running points balance is tracked
so that no REDEEM goes below zero.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
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
# order kind -> weight; every kind is reachable for everyone
_ORDER_KINDS = {
    "web": 22, "app": 20, "bopis": 16, "store": 14, "store_checkout": 8, "call_center": 6,
    "kiosk": 6, "marketplace": 8,
}  # fmt: skip


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
def _products() -> tuple[Row, ...]:
    return tuple(product_catalogue())


def at_text(seconds: int) -> str:
    return (EPOCH + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


class Journey:
    """One person's events; `build()` returns them in the order they were drawn."""

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
        self.email = (
            f"{_ascii(self.given)}.{_ascii(self.family)}.{person + 1}@{rng.choice(_DOMAINS)}"
        )
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

    # -- the journey --------------------------------------------------------------------------

    def build(self) -> list[Event]:
        rng = self.rng
        self._browse_anonymously()
        if self.has_app:
            self._install_app()
        self._log_in_on_web()
        if self.member:
            self._join_loyalty_in_store()
        elif rng.random() < 0.5:
            self._add_phone()
        episodes: list[Callable[[], None]] = []
        for _ in range(rng.choice((1, 2, 2, 3, 3, 4))):
            kind = rng.choices(list(_ORDER_KINDS), list(_ORDER_KINDS.values()))[0]
            episodes.append(getattr(self, f"_order_{kind}"))
        episodes += [self._browse] * rng.randint(1, 2)
        episodes += [self._fill_cart] * rng.randint(1, 2)
        episodes += [self._campaign] * rng.randint(0, 2)
        if self.household is not None:
            episodes += [self._use_family_tablet] * rng.randint(1, 2)
        for episode, chance in (
            (self._support_case, 0.5), (self._change_consent, 0.45), (self._review, 0.35),
            (self._social, 0.15), (self._sms_reply, 0.2), (self._appointment, 0.15),
            (self._call, 0.2), (self._chat, 0.15), (self._redeem, 0.5),
        ):  # fmt: skip
            if rng.random() < chance:
                episodes.append(episode)
        rng.shuffle(episodes)
        for episode in episodes:
            self._advance(2 * HOUR, 6 * DAY)
            episode()
        if self.member and rng.random() < 0.6:
            self._advance(DAY, 20 * DAY)
            self._redeem()
        return self.events

    def _browse_anonymously(self) -> None:
        if self.rng.random() < 0.5:
            self._emit("consent", "WEB", [("COOKIE_ID", self.cookie)],
                       {"purpose": "ANALYTICS", "channel": "ALL", "granted": True,
                        "documentVersion": "2025-11"})  # fmt: skip
        for _ in range(self.rng.randint(2, 5)):
            self._advance(MINUTE, 3 * HOUR)
            self._emit("interaction", "WEB", [("COOKIE_ID", self.cookie)], self._look())
        if self.rng.random() < 0.3:
            self._cart_change("WEB", [("COOKIE_ID", self.cookie)], None, "ADD")

    def _install_app(self) -> None:
        self._advance(HOUR, 5 * DAY)
        self._emit("identify", "MOBILE_APP", [("EMAIL", self.email)], self._traits(),
                   device=self.phone_device, source="app")  # fmt: skip
        if self.rng.random() < 0.6:
            self._advance(MINUTE, 10 * MINUTE)
            self._emit("consent", "MOBILE_APP", [("EMAIL", self.email)],
                       {"purpose": "PERSONALIZATION", "channel": "ALL", "granted": True,
                        "documentVersion": "2026-01"}, device=self._app_device())  # fmt: skip
        for _ in range(self.rng.randint(0, 2)):
            self._advance(MINUTE, HOUR)
            self._emit("interaction", "MOBILE_APP", [("EMAIL", self.email)], self._look(),
                       device=self._app_device(), source="app")  # fmt: skip

    def _log_in_on_web(self) -> None:
        self._advance(HOUR, 4 * DAY)
        ids = [("EMAIL", self.email), ("COOKIE_ID", self.cookie)]
        self._emit("identify", "WEB", ids, {} if self.has_app else self._traits(),
                   source="shopify")  # fmt: skip
        if self.rng.random() < 0.75:
            self._advance(MINUTE, 5 * MINUTE)
            self._emit("consent", "WEB", ids, {"purpose": "MARKETING", "channel": "EMAIL",
                       "granted": True, "documentVersion": "2026-01"})  # fmt: skip
            self.email_marketing = True

    def _join_loyalty_in_store(self) -> None:
        """A card and phone at the till first (a profile of their own), then the email."""
        self._advance(DAY, 20 * DAY)
        store = self._store()
        self._emit("interaction", "STORE", [("LOYALTY_ID", self.loyalty), ("PHONE", self.phone)],
                   {"kind": "STORE_VISIT"}, store=store, source="pos")  # fmt: skip
        self._advance(MINUTE, 10 * MINUTE)
        self._emit("identify", "STORE", [("LOYALTY_ID", self.loyalty), ("EMAIL", self.email)],
                   {"address": self._address()}, store=store, source="pos")  # fmt: skip
        self.phone_known = self.loyalty_known = True
        self._advance(MINUTE, 5 * MINUTE)
        self._earn("STORE", 50, "welcome-bonus", store=store)
        if self.rng.random() < 0.4:
            self._emit("consent", "STORE", [("LOYALTY_ID", self.loyalty)],
                       {"purpose": "MARKETING", "channel": "SMS", "granted": True,
                        "documentVersion": "2026-01"}, store=store, source="pos")  # fmt: skip

    def _add_phone(self) -> None:
        self._advance(DAY, 10 * DAY)
        channel = "MOBILE_APP" if self.has_app else "WEB"
        ids = [("EMAIL", self.email), ("PHONE", self.phone)]
        self._emit("identify", channel, ids, {"preferences": {"contact": "phone"}},
                   device=self._app_device() if self.has_app else None)  # fmt: skip
        self.phone_known = True

    # -- orders -------------------------------------------------------------------------------

    def _order_web(self) -> None:
        self._ship_order("WEB", self._web_ids(), source="shopify")

    def _order_app(self) -> None:
        if not self.has_app:
            self._order_web()
            return
        self._ship_order("MOBILE_APP", [("EMAIL", self.email)], device=self.phone_device,
                         source="app")  # fmt: skip

    def _order_call_center(self) -> None:
        self._ship_order("CALL_CENTER", [self._caller()], source="genesys")

    def _order_kiosk(self) -> None:
        store = self._store()
        kiosk = {"id": store.kiosk_id, "kind": "KIOSK"}
        self._ship_order("KIOSK", [self._shopper_id()], device=kiosk, store=store, paid=True)

    def _order_marketplace(self) -> None:
        source = self.rng.choice(("zalando", "amazon"))
        self._ship_order("MARKETPLACE", [("EMAIL", self.email)], source=source, points=False)

    def _ship_order(
        self, channel: str, ids: list[tuple[str, str]], *, device: dict[str, str] | None = None,
        store: Store | None = None, source: str | None = None, paid: bool = False,
        points: bool = True,
    ) -> None:  # fmt: skip
        """PLACED -> PAID -> SHIPPED -> DELIVERED (some CANCELLED, some RETURNED)."""
        rng = self.rng
        checkout = bool(self.cart) and channel in ("WEB", "MOBILE_APP") and rng.random() < 0.5
        order_id, lines = self._new_order(checkout)
        first = self._order_body(order_id, "PAID" if paid else "PLACED", lines, "SHIP", checkout)
        kw: dict[str, Any] = {"device": device, "store": store, "source": source}
        if paid:
            self._add_points(first, points)
        self._emit("order", channel, ids, first, **kw)
        step = self.t
        if not paid:
            step += rng.randint(2 * MINUTE, 2 * HOUR)
            if rng.random() < 0.08:
                self._step(order_id, "CANCELLED", channel, ids, step, **kw)
                return
            body = {"orderId": order_id, "status": "PAID"}
            self._add_points(body, points, at=step)
            self._emit("order", channel, ids, body, at=step, **kw)
        step += rng.randint(HOUR, 2 * DAY)
        self._step(order_id, "SHIPPED", channel, ids, step, **kw)
        step += rng.randint(DAY, 4 * DAY)
        self._step(order_id, "DELIVERED", channel, ids, step, **kw)
        if rng.random() < 0.1:
            step += rng.randint(3 * DAY, 14 * DAY)
            if rng.random() < 0.5:
                self._return_in_store(order_id, step)
            else:
                self._step(order_id, "RETURNED", channel, ids, step, **kw)

    def _order_bopis(self) -> None:
        """Placed online, READY_FOR_PICKUP and PICKED_UP in the store's own system."""
        rng = self.rng
        channel = "MOBILE_APP" if self.has_app and rng.random() < 0.5 else "WEB"
        ids = [("EMAIL", self.email)] if channel == "MOBILE_APP" else self._web_ids()
        device = self.phone_device if channel == "MOBILE_APP" else None
        checkout = bool(self.cart) and rng.random() < 0.4
        order_id, lines = self._new_order(checkout)
        store = self._store()
        body = self._order_body(order_id, "PLACED", lines, "PICKUP_IN_STORE", checkout)
        body["fulfillmentStoreId"] = store.id
        self._emit("order", channel, ids, body, device=device)
        step = self.t + rng.randint(2 * MINUTE, 30 * MINUTE)
        paid = {"orderId": order_id, "status": "PAID"}
        self._add_points(paid, True, at=step)
        self._emit("order", channel, ids, paid, at=step, device=device)
        step += rng.randint(4 * HOUR, 30 * HOUR)
        self._step(order_id, "READY_FOR_PICKUP", "STORE", [("EMAIL", self.email)], step,
                   store=store, source="pos")  # fmt: skip
        step += rng.randint(HOUR, 3 * DAY)
        self._step(order_id, "PICKED_UP", "STORE", [self._shopper_id()], step, store=store,
                   device=self._pos(store), source="pos")  # fmt: skip

    def _order_store(self, checkout: bool = False) -> None:
        store = self._store()
        order_id, lines = self._new_order(checkout)
        body = self._order_body(order_id, "PAID", lines, "IN_STORE", checkout)
        self._add_points(body, True)
        ids = [self._shopper_id(), ("PAYMENT_TOKEN", self.token)]
        self._emit("order", "STORE", ids, body, store=store, device=self._pos(store), source="pos")
        if self.rng.random() < 0.12:
            self._return_in_store(order_id, self.t + self.rng.randint(DAY, 20 * DAY))

    def _order_store_checkout(self) -> None:
        """Items put in the cart on the phone (or web), bought at the till: the cart is checked out."""
        for _ in range(self.rng.randint(1, 2)):
            self._advance(MINUTE, HOUR)
            self._cart_change(*self._cart_channel(), "ADD")
        self._advance(HOUR, 2 * DAY)
        self._order_store(checkout=True)

    def _return_in_store(self, order_id: str, at: int) -> None:
        store = self._store()
        self._step(order_id, "RETURNED", "STORE", [self._shopper_id()], at, store=store,
                   device=self._pos(store), source="pos")  # fmt: skip

    def _new_order(self, checkout: bool) -> tuple[str, list[Row]]:
        order_id = f"ord-{self.tag}-{len(self.orders) + 1}"
        self.orders.append((order_id, self.t))
        if checkout and self.cart:
            lines = [self._line(sku, quantity) for sku, (quantity, _) in sorted(self.cart.items())]
            self.cart = {}
        else:
            products = self.rng.sample(_products(), self.rng.choice((1, 1, 2, 2, 3, 4)))
            lines = [self._line(p["sku"], self.rng.choice((1, 1, 1, 2))) for p in products]
        self.bought += [line["sku"] for line in lines]
        self.totals[order_id] = round(sum(li["quantity"] * li["unitPrice"] for li in lines), 2)
        return order_id, lines

    def _order_body(
        self, order_id: str, status: str, lines: list[Row], fulfillment: str, checkout: bool
    ) -> Row:
        total = self.totals[order_id]
        body: Row = {"orderId": order_id, "status": status, "currency": "EUR", "total": total,
                     "fulfillment": fulfillment, "lines": lines}  # fmt: skip
        if checkout:
            body["cartCheckout"] = True
        return body

    def _add_points(self, body: Row, allowed: bool, at: int | None = None) -> None:
        """Members earn a point per euro on most orders (on the event that takes the money)."""
        if not (allowed and self.member and self.rng.random() < 0.7):
            return
        points = int(self.totals[body["orderId"]])
        if points > 0:
            body["loyaltyPointsEarned"] = points
            self.moves.append((self.t if at is None else at, points))

    def _step(
        self, order_id: str, status: str, channel: str, ids: list[tuple[str, str]], at: int,
        **kw: Any,
    ) -> None:  # fmt: skip
        self._emit("order", channel, ids, {"orderId": order_id, "status": status}, at=at, **kw)

    def _line(self, sku: str, quantity: int) -> Row:
        product = next(p for p in _products() if p["sku"] == sku)
        return {"sku": sku, "name": product["name"], "category": product["category"],
                "quantity": quantity, "unitPrice": product["price"]}  # fmt: skip

    # -- everything else ----------------------------------------------------------------------

    def _browse(self) -> None:
        channel, ids, device = self._online()
        for _ in range(self.rng.randint(1, 3)):
            self._advance(MINUTE, 20 * MINUTE)
            self._emit("interaction", channel, ids, self._look(), device=device)
        if channel == "MOBILE_APP" and self.rng.random() < 0.4:
            self._advance(MINUTE, DAY)
            self._emit("interaction", channel, ids, {"kind": "PUSH_OPEN", "url": "/app/offers"},
                       device=device, source="braze")  # fmt: skip

    def _fill_cart(self) -> None:
        channel, ids, device = self._cart_channel()
        self._advance(MINUTE, HOUR)
        sku = self._cart_change(channel, ids, device, "ADD")
        if self.rng.random() < 0.6:
            self._advance(MINUTE, HOUR)
            self._cart_change(channel, ids, device, "ADD")
        self._advance(MINUTE, DAY)
        channel, ids, device = self._cart_channel()  # the cart follows them across channels
        if self.rng.random() < 0.5:
            self._cart_change(channel, ids, device, "SET_QUANTITY", sku, 2)
        else:
            self._cart_change(channel, ids, device, "REMOVE", sku)

    def _cart_change(
        self, channel: str, ids: list[tuple[str, str]], device: dict[str, str] | None,
        action: str, sku: str | None = None, quantity: int = 1,
    ) -> str:  # fmt: skip
        if sku is None and len(self.cart) >= 4:  # an order has at most 4 lines
            sku = self.rng.choice(sorted(self.cart))
        if sku is None:
            sku = str(self.rng.choice(_products())["sku"])
        price = self._line(sku, 1)["unitPrice"]
        body: Row = {"action": action, "sku": sku}
        if action == "REMOVE":
            self.cart.pop(sku, None)
        else:
            held = self.cart.get(sku, (0, price))[0]
            quantity = held + quantity if action == "ADD" else quantity
            self.cart[sku] = (quantity, price)
            body |= {"quantity": quantity if action == "SET_QUANTITY" else 1, "unitPrice": price}
            if quantity == 0:
                self.cart.pop(sku)
        self._emit("cart", channel, ids, body, device=device)
        return sku

    def _support_case(self) -> None:
        """Opened in chat, continued by email, resolved on the phone; some reopen."""
        rng = self.rng
        self.cases += 1
        case_id = f"case-{self.tag}-{self.cases}"
        body: Row = {"caseId": case_id, "action": "OPEN"}
        if self.orders and rng.random() < 0.7:
            body |= {"subject": "About my order", "orderId": rng.choice(self.orders)[0],
                     "text": rng.choice(("Where is my parcel?", "A button came off.",
                                         "Can I change the size?"))}  # fmt: skip
        else:
            body |= {"subject": "Account question", "text": "How do I update my address?"}
        email = [("EMAIL", self.email)]
        self._emit("support", "CHAT", email, body, source="zendesk")
        self._advance(HOUR, DAY)
        self._emit("support", "EMAIL", email, {"caseId": case_id, "action": "MESSAGE",
                   "text": "Thanks, here are the details you asked for."}, source="zendesk")  # fmt: skip
        self._advance(HOUR, 2 * DAY)
        self._emit("support", "CALL_CENTER", [self._caller()], {"caseId": case_id,
                   "action": "RESOLVE", "text": "Sorted on the phone."}, source="zendesk")  # fmt: skip
        if self.member and rng.random() < 0.3:
            self._advance(MINUTE, 5 * MINUTE)
            self.moves.append((self.t, 100))
            self._emit("loyalty", "CALL_CENTER", [self._caller()],
                       {"action": "ADJUST", "points": 100, "reference": case_id})  # fmt: skip
        if rng.random() < 0.25:
            self._advance(DAY, 5 * DAY)
            self._emit("support", "CHAT", email, {"caseId": case_id, "action": "REOPEN",
                       "text": "It happened again."}, source="zendesk")  # fmt: skip
            self._advance(HOUR, DAY)
            self._emit("support", "EMAIL", email, {"caseId": case_id, "action": "RESOLVE",
                       "text": "A replacement is on its way."}, source="zendesk")  # fmt: skip

    def _change_consent(self) -> None:
        if self.email_marketing:
            self._emit("consent", "EMAIL", [("EMAIL", self.email)], {"purpose": "MARKETING",
                       "channel": "EMAIL", "granted": False, "documentVersion": "2026-01"},
                       source="braze")  # fmt: skip
            self.email_marketing = False
        elif self.rng.random() < 0.5:
            self._emit("consent", "WEB", self._web_ids(), {"purpose": "PROFILING",
                       "channel": "ALL", "granted": False, "documentVersion": "2026-01"})  # fmt: skip
        else:
            self._emit("consent", "WEB", self._web_ids(), {"purpose": "MARKETING",
                       "channel": "EMAIL", "granted": True, "documentVersion": "2026-02"})  # fmt: skip
            self.email_marketing = True

    def _campaign(self) -> None:
        if not self.email_marketing:
            return
        campaign = f"/c/{self.rng.choice(('spring', 'new-in', 'sale', 'members'))}"
        email = [("EMAIL", self.email)]
        self._emit("interaction", "EMAIL", email, {"kind": "EMAIL_OPEN", "url": campaign},
                   source="braze")  # fmt: skip
        if self.rng.random() < 0.5:
            self._advance(10, 10 * MINUTE)
            self._emit("interaction", "EMAIL", email, {"kind": "EMAIL_CLICK", "url": campaign},
                       source="braze")  # fmt: skip

    def _use_family_tablet(self) -> None:
        """Everyone in the family signs in on the shared tablet with their own email."""
        assert self.household is not None
        ids = [("EMAIL", self.email)]
        for _ in range(self.rng.randint(1, 3)):
            self._advance(MINUTE, 30 * MINUTE)
            self._emit("interaction", "MOBILE_APP", ids, self._look(),
                       device=self.household.tablet, source="app")  # fmt: skip
        if self.rng.random() < 0.3:
            self._cart_change("MOBILE_APP", ids, self.household.tablet, "ADD")

    def _review(self) -> None:
        sku = self.rng.choice(self.bought) if self.bought else self.rng.choice(_products())["sku"]
        rating = self.rng.choice((2, 3, 4, 4, 5, 5, 5))
        self._emit("interaction", "WEB", self._web_ids(), {"kind": "REVIEW", "sku": sku,
                   "rating": rating, "text": "Fits well." if rating > 3 else "Runs small."},
                   source="shopify")  # fmt: skip
        if self.member and self.rng.random() < 0.5:
            self._advance(MINUTE, HOUR)
            self._earn("WEB", 20, f"review-{sku}")

    def _social(self) -> None:
        network = self.rng.choice(("instagram", "tiktok", "facebook"))
        handle = f"{network}:{_ascii(self.given)}_{_ascii(self.family)}{self.person + 1}"
        self._emit("identify", "SOCIAL", [("SOCIAL_HANDLE", handle), ("EMAIL", self.email)], {},
                   source="sprout")  # fmt: skip
        self._advance(HOUR, 3 * DAY)
        self._emit("interaction", "SOCIAL", [("SOCIAL_HANDLE", handle)], {"kind": "SOCIAL_MESSAGE",
                   "text": "Do you have this in green?"}, source="sprout")  # fmt: skip

    def _sms_reply(self) -> None:
        if not self.phone_known:
            return
        stop = self.rng.random() < 0.4
        self._emit("interaction", "SMS", [("PHONE", self.phone)],
                   {"kind": "SMS_REPLY", "text": "STOP" if stop else "YES"}, source="braze")  # fmt: skip
        if stop:
            self._advance(1, MINUTE)
            self._emit("consent", "SMS", [("PHONE", self.phone)], {"purpose": "MARKETING",
                       "channel": "SMS", "granted": False, "documentVersion": "2026-01"},
                       source="braze")  # fmt: skip

    def _appointment(self) -> None:
        self._emit("interaction", "STORE", [self._shopper_id()], {"kind": "APPOINTMENT",
                   "text": "Styling session", "durationSeconds": 45 * MINUTE},
                   store=self._store(), source="pos")  # fmt: skip

    def _call(self) -> None:
        self._emit("interaction", "CALL_CENTER", [self._caller()], {"kind": "CALL",
                   "durationSeconds": self.rng.randint(60, 1200)}, source="genesys")  # fmt: skip

    def _chat(self) -> None:
        self._emit("interaction", "CHAT", [("EMAIL", self.email)], {"kind": "CHAT_MESSAGE",
                   "text": "Is the store open on Sunday?"}, source="zendesk")  # fmt: skip

    def _redeem(self) -> None:
        balance = sum(points for at, points in self.moves if at < self.t)
        if not self.member or balance < 100:
            return
        points = self.rng.choice([p for p in (100, 200, 500) if p <= balance])
        self.moves.append((self.t, -points))
        channel, ids, device = self._online()
        self._emit("loyalty", channel, ids, {"action": "REDEEM", "points": points,
                   "reference": f"coupon-{points // 10}eur"}, device=device)  # fmt: skip

    def _earn(self, channel: str, points: int, reference: str, store: Store | None = None) -> None:
        self.moves.append((self.t, points))
        ids = [("LOYALTY_ID", self.loyalty)] if channel == "STORE" else [("EMAIL", self.email)]
        self._emit("loyalty", channel, ids, {"action": "EARN", "points": points,
                   "reference": reference}, store=store)  # fmt: skip

    # -- helpers ------------------------------------------------------------------------------

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
        sku = str(self.rng.choice(_products())["sku"])
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


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())

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

from collections.abc import Callable

from graph.seed.catalogue import Row, Store
from graph.seed.person import (
    DAY,
    HOUR,
    MINUTE,
    Event,
    all_products,
    ascii_name,
)
from graph.seed.shopping import Shopping

# order kind -> weight; every kind is reachable for everyone
_ORDER_KINDS = {
    "web": 22, "app": 20, "bopis": 16, "store": 14, "store_checkout": 8, "call_center": 6,
    "kiosk": 6, "marketplace": 8,
}  # fmt: skip


class Journey(Shopping):
    """One person's events; `build()` returns them in the order they were drawn."""

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
        sku = (
            self.rng.choice(self.bought) if self.bought else self.rng.choice(all_products())["sku"]
        )
        rating = self.rng.choice((2, 3, 4, 4, 5, 5, 5))
        self._emit("interaction", "WEB", self._web_ids(), {"kind": "REVIEW", "sku": sku,
                   "rating": rating, "text": "Fits well." if rating > 3 else "Runs small."},
                   source="shopify")  # fmt: skip
        if self.member and self.rng.random() < 0.5:
            self._advance(MINUTE, HOUR)
            self._earn("WEB", 20, f"review-{sku}")

    def _social(self) -> None:
        network = self.rng.choice(("instagram", "tiktok", "facebook"))
        handle = f"{network}:{ascii_name(self.given)}_{ascii_name(self.family)}{self.person + 1}"
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

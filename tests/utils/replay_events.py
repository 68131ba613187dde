"""Deterministic synthetic journeys as contract events, for replay, crash and concurrency tests.

Each person browses anonymously with a cookie, logs in on the app (cookie + email: stitched),
is met in a store with a loyalty card and phone (a second profile), shows the card with the email
(merged into the first), orders, opens a case, changes consent, earns and redeems points.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _at(person: int, step: int) -> str:
    return (START + timedelta(minutes=person * 7, hours=step * 5)).isoformat()


def journey(person: int, prefix: str = "j") -> list[dict[str, Any]]:
    email = f"person{person}.{prefix.lower()}@example.com"
    cookie = f"ck-{prefix}-{person}"
    loyalty = f"LN-{prefix.upper()}{person:05d}"
    # a different number per (prefix, person): runs with other prefixes never share a phone
    phone = (
        f"+35191{int(hashlib.sha256(f'{prefix}/{person}'.encode()).hexdigest(), 16) % 10**7:07d}"
    )
    store = f"store-{person % 3}"
    base = f"{prefix}-{person}"

    def ev(
        step: int, kind: str, channel: str, ids: list[tuple[str, str]], **rest: Any
    ) -> dict[str, Any]:
        event: dict[str, Any] = {
            "eventId": f"{base}-{step:02d}",
            "type": kind,
            "at": _at(person, step),
            "channel": channel,
            "identifiers": [{"type": t, "value": v} for t, v in ids],
        }
        if channel in ("STORE", "KIOSK"):
            event["storeId"] = store
        event.update(rest)
        return event

    order_id = f"ord-{base}"
    return [
        ev(1, "interaction", "WEB", [("COOKIE_ID", cookie)],
           interaction={"kind": "PRODUCT_VIEW", "sku": f"SKU-{person % 5}"}),
        ev(2, "identify", "MOBILE_APP", [("EMAIL", email), ("COOKIE_ID", cookie)],
           traits={"givenName": f"Given{person}", "familyName": f"Family{person % 7}"}),
        ev(3, "cart", "MOBILE_APP", [("EMAIL", email)],
           cart={"action": "ADD", "sku": f"SKU-{person % 5}", "quantity": 1, "unitPrice": 10.0}),
        ev(4, "interaction", "STORE", [("LOYALTY_ID", loyalty), ("PHONE", phone)],
           interaction={"kind": "STORE_VISIT"}),
        ev(5, "identify", "STORE", [("LOYALTY_ID", loyalty), ("EMAIL", email)],
           traits={"address": {"city": "Lisbon", "country": "PT"}}),
        ev(6, "order", "STORE", [("LOYALTY_ID", loyalty)],
           device={"id": f"pos-{store}-01", "kind": "POS"},
           order={"orderId": order_id, "status": "PAID", "currency": "EUR", "total": 10.0,
                  "fulfillment": "IN_STORE", "cartCheckout": True, "loyaltyPointsEarned": 50,
                  "lines": [{"sku": f"SKU-{person % 5}", "quantity": 1, "unitPrice": 10.0}]}),
        ev(7, "support", "CHAT", [("EMAIL", email)],
           support={"caseId": f"case-{base}", "action": "OPEN", "subject": "Help",
                    "text": "Where is my receipt?", "orderId": order_id}),
        ev(8, "support", "CALL_CENTER", [("PHONE", phone)],
           support={"caseId": f"case-{base}", "action": "RESOLVE", "text": "Sent by email."}),
        ev(9, "consent", "EMAIL", [("EMAIL", email)],
           consent={"purpose": "MARKETING", "channel": "EMAIL", "granted": person % 2 == 0}),
        ev(10, "loyalty", "MOBILE_APP", [("EMAIL", email)],
           loyalty={"action": "REDEEM", "points": 20, "reference": "coupon"}),
    ]  # fmt: skip


def journeys(people: int, prefix: str = "j") -> list[dict[str, Any]]:
    """Everyone's events, interleaved in time order as channel systems would send them."""
    events = [event for person in range(people) for event in journey(person, prefix)]
    return sorted(events, key=lambda e: (e["at"], e["eventId"]))

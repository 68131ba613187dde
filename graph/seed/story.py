"""The demo's day at `store-lisbon-1`: what Ana and a few others did in the days before `now`, so
every panel of the clienteling app has something to show on the day the demo runs.

    events = story_events(datetime.now(UTC))   # contract events, through the pipeline
    await write_staff_records(driver, "neo4j", ana_id, datetime.now(UTC))   # notes and dates

Ana (`examples.jsonl`) comes back in the winter: she puts leather chelsea boots in her cart on
her phone and a belt on the web, asks the chat which size to take (the answer comes by e-mail),
orders a merino jumper to pick up in Chiado, which is ready this morning, and walks in today;
Rui drops by too, and Marta's tote bag waits for her. An associate noted what Ana likes and
recorded her birthday, 12 days away.

Times count back from `now`; event ids carry the day, so seeding twice on one day adds nothing
and the next day adds that day's story.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from neo4j import AsyncDriver

from graph import notes
from graph.audit import Actor

Event = dict[str, Any]

STORE = "store-lisbon-1"
ANA_EMAIL = "ana.lima@example.com"
ANA_PHONE = "+351912345678"
ANA_LOYALTY = "LN-5521"
MARTA_EMAIL = "marta.rocha@example.pt"
BIRTHDAY_IN_DAYS = 12
ASSOCIATE = Actor("lisbon-1-maria", "associate", STORE)
AGENT = Actor("cc-joao", "agent", None)

_ANA = [("EMAIL", ANA_EMAIL)]
_ANA_ON_THE_WEB = [*_ANA, ("COOKIE_ID", "ck-7f3a")]
_ANA_PHONE = {"id": "dev-ana-phone", "kind": "PHONE", "os": "iOS 19"}
_BOOTS = {"sku": "BTS-070", "name": "Leather chelsea boots", "price": 160.99}
_BELT = {"sku": "BLT-010", "name": "Leather belt", "price": 40.99}
_JUMPER = {"sku": "SWT-050", "name": "Merino jumper", "category": "knitwear", "price": 138.99}
_TOTE = {"sku": "BAG-040", "name": "Leather tote bag", "category": "accessories", "price": 185.99}


def story_events(now: datetime) -> list[Event]:
    """The story's events, in time order; none is later than `now`.

    >>> events = story_events(datetime(2026, 12, 4, 15, 0, tzinfo=UTC))
    >>> [e["at"] for e in events] == sorted(e["at"] for e in events) and len(events) > 10
    True
    >>> max(e["at"] for e in events) <= "2026-12-04T15:00:00Z"
    True
    """
    day = now.astimezone(UTC).date()
    tag = f"story-{day:%Y%m%d}"
    order, pickup, case = f"ord-{day:%y%m%d}1", f"ord-{day:%y%m%d}2", f"case-{day:%y%m%d}1"

    def at(days_before: int, hour: int, minute: int = 0) -> str:
        return _iso(datetime.combine(day - timedelta(days=days_before), time(hour, minute), UTC))

    def today(minutes_before_now: int) -> str:
        return today_at(now, minutes_before_now)

    events: list[Event] = [
        # Marta, a regular of Chiado, orders a tote bag in the app to pick up in the store
        _event(f"{tag}-marta-1", "identify", at(20, 18), "WEB", [("EMAIL", MARTA_EMAIL),
               ("PHONE", "+351 913 555 210")],
               traits={"givenName": "Marta", "familyName": "Rocha", "locale": "pt-PT",
                       "sizes": {"dress": "S", "shoes": "37"}}),
        _event(f"{tag}-marta-2", "order", at(2, 12, 30), "MOBILE_APP", [("EMAIL", MARTA_EMAIL)],
               order=_order(pickup, "PAID", _TOTE, fulfillment="PICKUP_IN_STORE")),
        # Rui signs up for the newsletter with his name this time
        _event(f"{tag}-rui-1", "identify", at(6, 19), "WEB", [("EMAIL", "rui.lima@example.com")],
               traits={"givenName": "Rui", "familyName": "Lima", "locale": "pt-PT"}),
        # Ana, back for the winter: boots viewed in the app, then in her cart on her phone
        _event(f"{tag}-ana-1", "interaction", at(4, 21, 5), "MOBILE_APP", _ANA,
               device=_ANA_PHONE, interaction={"kind": "PRODUCT_VIEW", "sku": "BTS-130"}),
        _event(f"{tag}-ana-2", "interaction", at(4, 21, 8), "MOBILE_APP", _ANA,
               device=_ANA_PHONE, interaction={"kind": "PRODUCT_VIEW", "sku": _BOOTS["sku"]}),
        _event(f"{tag}-ana-3", "cart", at(4, 21, 12), "MOBILE_APP", _ANA, device=_ANA_PHONE,
               cart={"action": "ADD", "sku": _BOOTS["sku"], "quantity": 1,
                     "unitPrice": _BOOTS["price"]}),
        _event(f"{tag}-ana-4", "consent", at(3, 9, 40), "WEB", _ANA_ON_THE_WEB,
               consent={"purpose": "MARKETING", "channel": "EMAIL", "granted": True,
                        "documentVersion": "2026-01"}),
        # which size? asked in the chat, answered by e-mail: the case is still open
        _event(f"{tag}-ana-5", "support", at(3, 9, 45), "CHAT", _ANA,
               support={"caseId": case, "action": "OPEN", "subject": "Chelsea boots: which size?",
                        "text": "Do the leather chelsea boots run small? I wear a 38."}),
        _event(f"{tag}-ana-6", "support", at(2, 16, 20), "EMAIL", _ANA,
               support={"caseId": case, "action": "MESSAGE",
                        "text": "They run true to size; we can keep a 38 and a 39 at Chiado."}),
        _event(f"{tag}-ana-7", "cart", at(2, 22, 0), "WEB", _ANA_ON_THE_WEB,
               cart={"action": "ADD", "sku": _BELT["sku"], "quantity": 1,
                     "unitPrice": _BELT["price"]}),
        _event(f"{tag}-ana-8", "interaction", at(1, 10, 2), "WEB", _ANA_ON_THE_WEB,
               interaction={"kind": "PRODUCT_VIEW", "sku": _JUMPER["sku"]}),
        _event(f"{tag}-ana-9", "order", at(1, 10, 10), "WEB", _ANA_ON_THE_WEB,
               order={**_order(order, "PAID", _JUMPER, fulfillment="PICKUP_IN_STORE"),
                      "loyaltyPointsEarned": 139}),
        # this morning in Chiado: both pickups are ready; Ana and Rui walk in
        _event(f"{tag}-ready-1", "order", today(150), "STORE", [("EMAIL", MARTA_EMAIL)],
               storeId=STORE, order={"orderId": pickup, "status": "READY_FOR_PICKUP"}),
        _event(f"{tag}-ready-2", "order", today(120), "STORE", [("LOYALTY_ID", ANA_LOYALTY)],
               storeId=STORE, order={"orderId": order, "status": "READY_FOR_PICKUP"}),
        _event(f"{tag}-rui-2", "interaction", today(45), "STORE",
               [("EMAIL", "rui.lima@example.com")], storeId=STORE,
               interaction={"kind": "STORE_VISIT"}),
        _event(f"{tag}-ana-visit", "interaction", today(20), "STORE",
               [("LOYALTY_ID", ANA_LOYALTY), ("PHONE", ANA_PHONE)], storeId=STORE,
               interaction={"kind": "STORE_VISIT"}),
        _event(f"{tag}-ana-sizes", "identify", today(15), "STORE", [("LOYALTY_ID", ANA_LOYALTY)],
               storeId=STORE,
               traits={"sizes": {"jacket": "M", "shoes": "38", "trousers": "36"},
                       "preferences": {"fit": "slim", "colours": "navy, camel",
                                       "contact": "e-mail, evenings"}}),
    ]  # fmt: skip
    return sorted(events, key=lambda e: (e["at"], e["eventId"]))


async def write_staff_records(
    driver: AsyncDriver, database: str, ana_id: str, now: datetime
) -> None:
    """What staff wrote about Ana: two notes, her birthday and a date she mentioned."""
    day = now.astimezone(UTC).date()
    await notes.add_note(driver, database, ana_id,
                         "Called about the stuck zip in March: exchange done at Chiado, she was "
                         "happy with it.", AGENT)  # fmt: skip
    await notes.add_note(driver, database, ana_id,
                         "Slim fit, size M in jackets. Tried the chelsea boots in 38 and 39: "
                         "the 38 fits. Likes navy and camel.", ASSOCIATE)  # fmt: skip
    birthday = _in_year(day + timedelta(days=BIRTHDAY_IN_DAYS), 1991)
    await notes.add_important_date(driver, database, ana_id, "BIRTHDAY", birthday, ASSOCIATE)
    anniversary = _in_year(day + timedelta(days=47), 2019)
    await notes.add_important_date(driver, database, ana_id, "WEDDING_ANNIVERSARY", anniversary,
                                   ASSOCIATE)  # fmt: skip


def _in_year(day: date, year: int) -> date:
    """`day`'s month and day in `year` (29 February: in the next leap year)."""
    while True:
        try:
            return day.replace(year=year)
        except ValueError:
            year += 1


def _order(order_id: str, status: str, product: dict[str, Any], fulfillment: str) -> Event:
    line = {"sku": product["sku"], "name": product["name"], "category": product["category"],
            "quantity": 1, "unitPrice": product["price"]}  # fmt: skip
    return {"orderId": order_id, "status": status, "currency": "EUR", "total": product["price"],
            "fulfillment": fulfillment, "fulfillmentStoreId": STORE, "lines": [line]}  # fmt: skip


def _event(
    event_id: str,
    kind: str,
    at: str,
    channel: str,
    identifiers: list[tuple[str, str]],
    **payload: Any,
) -> Event:
    ids = [{"type": t, "value": v} for t, v in identifiers]
    return {"eventId": event_id, "type": kind, "at": at, "channel": channel,
            "source": _SENDERS.get(channel, "pos-lisbon"), "identifiers": ids, **payload}  # fmt: skip


_SENDERS = {"WEB": "shop", "MOBILE_APP": "app-backend", "EMAIL": "helpdesk", "CHAT": "helpdesk"}


_CHIADO_ZONE = ZoneInfo("Europe/Lisbon")  # the store's day is the day of "today"
_STORY_MORNING = timedelta(minutes=180)  # the longest "earlier today" the story tells


def today_at(now: datetime, minutes_before_now: int) -> str:
    """Earlier today: `minutes_before_now` ago. When less of Chiado's day has passed than the
    story's morning, the morning is squeezed into what has passed, in the same order: the longer
    ago, the earlier (Marta's pickup was ready before Ana's), never yesterday.

    >>> [today_at(datetime(2026, 12, 4, 15, 0, tzinfo=UTC), m) for m in (150, 120)]
    ['2026-12-04T12:30:00Z', '2026-12-04T13:00:00Z']
    >>> [today_at(datetime(2026, 12, 4, 0, 9, tzinfo=UTC), m) for m in (150, 120, 45)]
    ['2026-12-04T00:01:30Z', '2026-12-04T00:03:00Z', '2026-12-04T00:06:45Z']
    >>> today_at(datetime(2026, 7, 4, 23, 10, tzinfo=UTC), 150)  # 00:10 in Lisbon, in summer
    '2026-07-04T23:01:40Z'

    """
    local = now.astimezone(_CHIADO_ZONE)
    passed = now - datetime.combine(local.date(), time(0, 0), _CHIADO_ZONE)
    before = timedelta(minutes=minutes_before_now)
    if passed < _STORY_MORNING:
        before = passed * (before / _STORY_MORNING)
    return _iso(now - before)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")

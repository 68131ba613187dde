"""Scenarios for the batch planner's unit tests (tests/unit/test_plan*.py): events written as a
channel system sends them, parsed as the pipeline parses them, and the `Snapshot` the pipeline
would have read from Neo4j."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from graph.ingest.events import Event
from graph.ingest.plan import CustomerState, Plan, Snapshot
from graph.ingest.validate import Rules, parse_event

DAY_ONE = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

ANA_EMAIL = {"type": "EMAIL", "value": "ana.lima@example.com"}
ANA_PHONE = {"type": "PHONE", "value": "+351912345678"}
ANA_CARD = {"type": "LOYALTY_ID", "value": "LN-5521"}
RUI_CARD = {"type": "LOYALTY_ID", "value": "LN-7788"}
COOKIE = {"type": "COOKIE_ID", "value": "ck-7f3a"}

# the keys the graph holds them under (`IdentifierRef.key`, values normalised)
EMAIL_KEY = "EMAIL:ana.lima@example.com"
PHONE_KEY = "PHONE:+351912345678"
CARD_KEY = "LOYALTY_ID:LN-5521"
RUI_CARD_KEY = "LOYALTY_ID:LN-7788"
COOKIE_KEY = "COOKIE_ID:ck-7f3a"


def at(day: int, hour: int = 9) -> datetime:
    """`hour` o'clock on `day` (1-based) of March 2026, UTC."""
    return DAY_ONE + timedelta(days=day - 1, hours=hour - 9)


def event(event_id: str, type_: str, day: int, /, *identifiers: dict[str, str], hour: int = 9,
          **payload: Any) -> Event:  # fmt: skip
    """An event as a channel system sends it, parsed by the pipeline's validation."""
    raw: dict[str, Any] = {
        "eventId": event_id,
        "type": type_,
        "at": at(day, hour).isoformat().replace("+00:00", "Z"),
        "channel": "WEB",
        "identifiers": list(identifiers),
    }
    raw["traits" if type_ == "identify" else type_] = payload
    parsed = parse_event(raw, Rules())
    assert isinstance(parsed, Event), parsed
    return parsed


def visit(event_id: str, day: int, *identifiers: dict[str, str], hour: int = 9) -> Event:
    return event(event_id, "interaction", day, *identifiers, hour=hour, kind="PAGE_VIEW")


def placed(event_id: str, day: int, *identifiers: dict[str, str], order_id: str = "ord-1",
           hour: int = 9, **extra: Any) -> Event:  # fmt: skip
    """An order's first event: its lines, currency and total."""
    lines = [{"sku": "JKT-100", "name": "Rain jacket", "quantity": 1, "unitPrice": 120.0}]
    order = {"orderId": order_id, "status": "PLACED", "currency": "EUR", "total": 120.0,
             "lines": lines, **extra}  # fmt: skip
    return event(event_id, "order", day, *identifiers, hour=hour, **order)


def step(event_id: str, day: int, *identifiers: dict[str, str], order_id: str = "ord-1",
         status: str = "READY_FOR_PICKUP", hour: int = 9) -> Event:  # fmt: skip
    """A later step of an order: its status only."""
    return event(event_id, "order", day, *identifiers, hour=hour, orderId=order_id, status=status)


def loyalty(event_id: str, day: int, action: str, points: int, *identifiers: dict[str, str],
            hour: int = 9) -> Event:  # fmt: skip
    return event(event_id, "loyalty", day, *identifiers, hour=hour, action=action, points=points)


def known(*keys: str, day: int = 1, anonymous: bool = False, **extra: Any) -> CustomerState:
    """A live customer first seen on `day`, holding `keys`."""
    return CustomerState(anonymous, at(day), set(keys), **extra)


def snapshot(customers: dict[str, CustomerState], **extra: Any) -> Snapshot:
    """The graph holding `customers`, each linked to the identifiers it holds."""
    owners: dict[str, list[str]] = {}
    for customer_id, state in customers.items():
        for key in sorted(state.keys):
            owners.setdefault(key, []).append(customer_id)
    extra.setdefault("orders", set())
    return Snapshot(owners, customers, existing=set(owners), **extra)


def statuses(plan: Plan) -> list[tuple[str | None, str]]:
    return [(outcome.event_id, outcome.status) for outcome in plan.outcomes]


EMPTY = Snapshot({}, {}, set())

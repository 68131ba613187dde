"""What a valid, normalised event looks like once it has passed `validate.parse_event`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

EVENT_TYPES = ("identify", "interaction", "order", "cart", "support", "consent", "loyalty")
CHANNELS = (
    "WEB", "MOBILE_APP", "STORE", "CALL_CENTER", "EMAIL", "SMS", "SOCIAL", "CHAT", "KIOSK",
    "MARKETPLACE",
)  # fmt: skip
DEVICE_KINDS = ("PHONE", "TABLET", "DESKTOP", "POS", "KIOSK", "WATCH", "TV")
TERMINAL_KINDS = ("POS", "KIOSK")  # the store's devices: a touchpoint, never an identifier
INTERACTION_KINDS = (
    "PAGE_VIEW", "PRODUCT_VIEW", "SEARCH", "STORE_VISIT", "EMAIL_OPEN", "EMAIL_CLICK",
    "PUSH_OPEN", "SMS_REPLY", "SOCIAL_MESSAGE", "CHAT_MESSAGE", "CALL", "REVIEW", "APPOINTMENT",
)  # fmt: skip
ORDER_STATUSES = (
    "PLACED", "PAID", "READY_FOR_PICKUP", "PICKED_UP", "SHIPPED", "DELIVERED", "CANCELLED",
    "RETURNED",
)  # fmt: skip
FULFILLMENTS = ("SHIP", "PICKUP_IN_STORE", "IN_STORE", "CURBSIDE")
CART_ACTIONS = ("ADD", "REMOVE", "SET_QUANTITY", "CLEAR")
CASE_ACTIONS = ("OPEN", "MESSAGE", "RESOLVE", "REOPEN")
CONSENT_PURPOSES = ("MARKETING", "PERSONALIZATION", "ANALYTICS", "PROFILING")
CONSENT_CHANNELS = ("EMAIL", "SMS", "PUSH", "PHONE", "POST", "ALL")
LOYALTY_ACTIONS = ("EARN", "REDEEM", "ADJUST")


@dataclass(frozen=True)
class IdentifierRef:
    type: str
    value: str  # normalised

    @property
    def key(self) -> str:
        return f"{self.type}:{self.value}"


@dataclass(frozen=True)
class DeviceRef:
    id: str
    kind: str
    os: str | None = None
    model: str | None = None
    app_version: str | None = None

    @property
    def terminal(self) -> bool:
        return self.kind in TERMINAL_KINDS


@dataclass
class Event:
    """A valid event, every value normalised; `payload` holds the type's object, checked."""

    event_id: str
    type: str
    at: datetime
    channel: str
    identifiers: list[IdentifierRef]
    payload: dict[str, Any]
    device: DeviceRef | None = None
    store_id: str | None = None
    source: str | None = None
    warnings: list[str] = field(default_factory=list)
    raw: Any = field(default=None, compare=False, repr=False)  # as received: kept while pending


@dataclass(frozen=True)
class Rejection:
    """Why an event cannot be applied: `code`, the offending `field` (JSON path) and a reason."""

    code: str
    field: str | None
    message: str


class Rejected(Exception):
    """Raised inside the pipeline to reject an event and roll its transaction back."""

    def __init__(self, code: str, field: str | None, message: str) -> None:
        super().__init__(message)
        self.rejection = Rejection(code, field, message)


@dataclass
class IngestResult:
    """What happened to one event, in the order the events were given."""

    event_id: str | None
    status: str  # APPLIED | PENDING | DUPLICATE | REJECTED
    customer_id: str | None = None
    merged_customer_ids: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: Rejection | None = None
    reason: Rejection | None = None  # PENDING: what the event (or part of it) waits for

    def as_json(self) -> dict[str, Any]:
        return {
            "eventId": self.event_id,
            "status": self.status,
            "customerId": self.customer_id,
            "mergedCustomerIds": self.merged_customer_ids,
            "warnings": self.warnings,
            "error": _problem(self.error),
            "reason": _problem(self.reason),
        }


def _problem(problem: Rejection | None) -> dict[str, Any] | None:
    if problem is None:
        return None
    return {"code": problem.code, "field": problem.field, "message": problem.message}


def derived_id(kind: str, source: str) -> str:
    """Ids of what an event creates follow from the event: a replay into an empty graph gives
    the same ids, which makes runs comparable and support tickets reproducible.

    >>> derived_id("cus", "ex-01") == derived_id("cus", "ex-01") != derived_id("cus", "ex-02")
    True
    """
    return f"{kind}-{hashlib.sha256(source.encode()).hexdigest()[:16]}"

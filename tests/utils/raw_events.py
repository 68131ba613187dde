"""Raw events as a channel system sends them, and what validation makes of them
(tests/unit/test_validate*.py): a valid event of each type from Ana on the web, with any field
replaced.
"""

from __future__ import annotations

import copy
from typing import Any

from graph.ingest.events import Event, Rejection
from graph.ingest.validate import Rules, parse_event

ANA = {"type": "EMAIL", "value": "ana.lima@example.com"}

PAYLOADS: dict[str, tuple[str, dict[str, Any]]] = {
    "identify": ("traits", {"givenName": "Ana"}),
    "interaction": ("interaction", {"kind": "PRODUCT_VIEW", "sku": "JKT-100"}),
    "order": (
        "order",
        {
            "orderId": "ord-1",
            "status": "PLACED",
            "currency": "EUR",
            "total": 120.0,
            "lines": [{"sku": "JKT-100", "quantity": 1, "unitPrice": 120.0}],
        },
    ),
    "cart": ("cart", {"action": "ADD", "sku": "JKT-100", "quantity": 1}),
    "support": ("support", {"caseId": "case-1", "action": "OPEN", "subject": "Zip is stuck"}),
    "consent": ("consent", {"purpose": "MARKETING", "channel": "SMS", "granted": False}),
    "loyalty": ("loyalty", {"action": "EARN", "points": 120}),
}


def event(kind: str = "identify", **envelope: Any) -> dict[str, Any]:
    """A valid event of `kind` from Ana on the web, with `envelope` fields replaced."""
    name, payload = PAYLOADS[kind]
    raw: dict[str, Any] = {
        "eventId": "ev-1",
        "type": kind,
        "at": "2026-03-02T08:15:00Z",
        "channel": "WEB",
        "identifiers": [dict(ANA)],
        name: copy.deepcopy(payload),
    }
    raw.update(envelope)
    return raw


def with_payload(kind: str, /, **fields: Any) -> dict[str, Any]:
    """A valid event of `kind` whose payload has `fields` replaced (None removes one)."""
    raw = event(kind)
    body = raw[PAYLOADS[kind][0]]
    for name, value in fields.items():
        if value is None:
            body.pop(name, None)
        else:
            body[name] = value
    return raw


def accepted(raw: Any, rules: Rules | None = None) -> Event:
    result = parse_event(raw, rules)
    assert isinstance(result, Event), result
    return result


def rejected(raw: Any) -> Rejection:
    result = parse_event(raw)
    assert isinstance(result, Rejection), f"expected a rejection, got {result}"
    return result


def assert_actionable(rejection: Rejection, *hints: str) -> None:
    """The message is words for a person, not a stack trace, and says what to fix."""
    message = rejection.message
    assert message and message == message.strip(), rejection
    assert len(message.split()) >= 2, f"too terse to act on: {message!r}"
    assert "Traceback" not in message and "Error(" not in message, message
    for hint in hints:
        assert hint in message, f"{hint!r} not in {message!r}"

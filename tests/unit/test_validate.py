"""What a channel system is told when it sends an event omnigraph cannot apply (EVENTS.md).

Every rejection names the offending field (a JSON path) and says, in words a person can act on,
what is wrong; values the contract blocks are dropped with a warning instead of being stored.
The envelope here; identifiers in test_validate_identifiers.py, payloads in
test_validate_payloads.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from graph.ingest.events import IdentifierRef
from tests.utils.raw_events import (
    PAYLOADS,
    accepted,
    assert_actionable,
    event,
    rejected,
)


@pytest.mark.parametrize("kind", list(PAYLOADS))
def test_a_well_formed_event_of_every_type_is_accepted(kind: str) -> None:
    parsed = accepted(event(kind))
    assert parsed.type == kind
    assert parsed.identifiers == [IdentifierRef("EMAIL", "ana.lima@example.com")]
    assert parsed.warnings == []


# -- the envelope ------------------------------------------------------------------------------


def test_something_that_is_not_an_object_is_not_an_event() -> None:
    rejection = rejected(["ev-1", "identify"])
    assert (rejection.code, rejection.field) == ("INVALID_EVENT", None)
    assert_actionable(rejection, "object")


@pytest.mark.parametrize("event_id", [None, "", "   "])
def test_an_event_without_an_id_is_rejected(event_id: str | None) -> None:
    raw = event()
    if event_id is None:
        del raw["eventId"]
    else:
        raw["eventId"] = event_id
    rejection = rejected(raw)
    assert (rejection.code, rejection.field) == ("MISSING_FIELD", "eventId")
    assert_actionable(rejection, "eventId")


def test_an_event_id_that_is_not_a_string_is_rejected() -> None:
    rejection = rejected(event(eventId=42))
    assert (rejection.code, rejection.field) == ("INVALID_FIELD", "eventId")
    assert_actionable(rejection, "string")


def test_an_event_id_may_be_128_characters_but_no_longer() -> None:
    assert accepted(event(eventId="e" * 128)).event_id == "e" * 128
    rejection = rejected(event(eventId="e" * 129))
    assert (rejection.code, rejection.field) == ("INVALID_FIELD", "eventId")
    assert_actionable(rejection, "128")


def test_an_unknown_event_type_is_rejected_listing_the_known_ones() -> None:
    rejection = rejected(event(type="nap"))
    assert (rejection.code, rejection.field) == ("INVALID_FIELD", "type")
    assert_actionable(rejection, "'nap'", "identify", "loyalty")


def test_an_event_without_a_type_is_rejected() -> None:
    raw = event()
    del raw["type"]
    rejection = rejected(raw)
    assert (rejection.code, rejection.field) == ("MISSING_FIELD", "type")
    assert_actionable(rejection, "type")


def test_an_event_without_a_time_is_rejected() -> None:
    raw = event()
    del raw["at"]
    rejection = rejected(raw)
    assert (rejection.code, rejection.field) == ("MISSING_FIELD", "at")
    assert_actionable(rejection, "at")


@pytest.mark.parametrize(
    ("at", "hint"),
    [
        ("2026-03-02T08:15:00", "offset"),  # local time: when was that, where?
        ("2026-03-02", "offset"),  # a day is not an instant
        ("yesterday", "RFC 3339"),
        ("02/03/2026 08:15", "RFC 3339"),
        (1772439300, "RFC 3339"),  # epoch seconds are not the contract's format
    ],
)
def test_a_time_that_is_not_an_rfc3339_timestamp_with_offset_is_rejected(
    at: Any, hint: str
) -> None:
    rejection = rejected(event(at=at))
    assert (rejection.code, rejection.field) == ("INVALID_FIELD", "at")
    assert_actionable(rejection, hint)


def test_a_time_with_an_offset_keeps_its_instant() -> None:
    parsed = accepted(event(at="2026-03-02T10:15:00+02:00"))
    assert parsed.at.isoformat() == "2026-03-02T10:15:00+02:00"
    assert parsed.at == accepted(event(at="2026-03-02T08:15:00Z")).at


def test_an_unknown_channel_is_rejected_listing_the_known_ones() -> None:
    rejection = rejected(event(channel="FAX"))
    assert (rejection.code, rejection.field) == ("INVALID_FIELD", "channel")
    assert_actionable(rejection, "'FAX'", "STORE", "MARKETPLACE")


@pytest.mark.parametrize("channel", ["STORE", "KIOSK"])
def test_an_event_in_a_store_must_say_which_store(channel: str) -> None:
    rejection = rejected(event(channel=channel))
    assert (rejection.code, rejection.field) == ("MISSING_FIELD", "storeId")
    assert_actionable(rejection, "storeId", channel)
    assert accepted(event(channel=channel, storeId="store-lisbon-1")).store_id == "store-lisbon-1"


def test_an_unknown_envelope_field_is_rejected() -> None:
    rejection = rejected(event(customerName="Ana"))
    assert (rejection.code, rejection.field) == ("INVALID_FIELD", "customerName")
    assert_actionable(rejection, "customerName")

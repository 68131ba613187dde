"""The identifiers of an event (EVENTS.md): normalised, duplicates collapsed, blocked values
dropped with a warning, and an event that no identifier survives rejected, in words."""

from __future__ import annotations

import pytest

from graph.ingest.events import IdentifierRef
from graph.ingest.validate import Rules
from tests.utils.raw_events import (
    ANA,
    accepted,
    assert_actionable,
    event,
    rejected,
)


def test_identifiers_are_normalised_and_duplicates_collapse() -> None:
    parsed = accepted(
        event(
            identifiers=[
                {"type": "EMAIL", "value": " Ana.Lima@Example.com "},
                {"type": "EMAIL", "value": "ana.lima@example.com"},
                {"type": "PHONE", "value": "+351 912 345 678"},
                {"type": "LOYALTY_ID", "value": "ln-5521"},
            ]
        )
    )
    assert parsed.identifiers == [
        IdentifierRef("EMAIL", "ana.lima@example.com"),
        IdentifierRef("PHONE", "+351912345678"),
        IdentifierRef("LOYALTY_ID", "LN-5521"),
    ]


def test_a_phone_without_country_code_uses_the_configured_default_region() -> None:
    local = event(identifiers=[{"type": "PHONE", "value": "(415) 555-0100"}])
    assert accepted(local, Rules(default_region="US")).identifiers == [
        IdentifierRef("PHONE", "+14155550100")
    ]
    portuguese = event(identifiers=[{"type": "PHONE", "value": "912 345 678"}])
    assert accepted(portuguese).identifiers == [IdentifierRef("PHONE", "+351912345678")]


def test_a_customer_device_counts_as_an_identifier() -> None:
    parsed = accepted(event(identifiers=[], device={"id": "dev-family-tablet", "kind": "TABLET"}))
    assert parsed.identifiers == [IdentifierRef("DEVICE_ID", "dev-family-tablet")]


@pytest.mark.parametrize("kind", ["POS", "KIOSK"])
def test_a_store_terminal_is_a_touchpoint_never_an_identifier(kind: str) -> None:
    parsed = accepted(
        event(channel="STORE", storeId="store-lisbon-1", device={"id": "pos-03", "kind": kind})
    )
    assert parsed.identifiers == [IdentifierRef("EMAIL", "ana.lima@example.com")]
    assert parsed.device is not None and parsed.device.terminal


@pytest.mark.parametrize("kind", ["POS", "KIOSK"])
def test_an_event_identified_only_by_a_store_terminal_is_rejected(kind: str) -> None:
    rejection = rejected(
        event(
            channel="STORE",
            storeId="store-lisbon-1",
            identifiers=[],
            device={"id": "pos-03", "kind": kind},
        )
    )
    assert (rejection.code, rejection.field) == ("NO_IDENTIFIER", "identifiers")
    assert_actionable(rejection, "identifier")


def test_an_event_whose_identifiers_are_all_blocked_is_rejected() -> None:
    rejection = rejected(
        event(
            identifiers=[
                {"type": "EMAIL", "value": "test@test.com"},
                {"type": "COOKIE_ID", "value": "undefined"},
                {"type": "PHONE", "value": "000 000 000"},
            ]
        )
    )
    assert (rejection.code, rejection.field) == ("NO_IDENTIFIER", "identifiers")
    assert_actionable(rejection, "identifier")


def test_an_event_without_identifiers_is_rejected() -> None:
    raw = event()
    del raw["identifiers"]
    rejection = rejected(raw)
    assert (rejection.code, rejection.field) == ("NO_IDENTIFIER", "identifiers")


@pytest.mark.parametrize(
    ("kind", "value", "hint"),
    [
        ("EMAIL", "ana.lima@", "email"),
        ("EMAIL", "ana lima@example.com", "email"),
        ("PHONE", "12", "phone"),
        ("PHONE", "call me maybe", "phone"),
        ("SOCIAL_HANDLE", "ana_lima", "network:handle"),
    ],
)
def test_an_identifier_that_cannot_be_normalised_is_rejected(
    kind: str, value: str, hint: str
) -> None:
    rejection = rejected(event(identifiers=[dict(ANA), {"type": kind, "value": value}]))
    assert (rejection.code, rejection.field) == ("INVALID_FIELD", "identifiers[1].value")
    assert_actionable(rejection, repr(value), hint)


def test_an_unknown_identifier_type_is_rejected() -> None:
    rejection = rejected(event(identifiers=[{"type": "FAX", "value": "123"}]))
    assert (rejection.code, rejection.field) == ("INVALID_FIELD", "identifiers[0].type")
    assert_actionable(rejection, "'FAX'", "EMAIL")


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("EMAIL", ""),
        ("COOKIE_ID", "null"),
        ("COOKIE_ID", "undefined"),
        ("CUSTOMER_ID", "anonymous"),
        ("LOYALTY_ID", " Unknown "),
        ("DEVICE_ID", "N/A"),
        ("PHONE", "000 000 000"),
        ("PHONE", "0000000000"),
        ("EMAIL", "Test@Test.com"),
    ],
)
def test_a_blocked_value_is_dropped_with_a_warning(kind: str, value: str) -> None:
    parsed = accepted(event(identifiers=[dict(ANA), {"type": kind, "value": value}]))
    assert parsed.identifiers == [IdentifierRef("EMAIL", "ana.lima@example.com")]
    (warning,) = parsed.warnings
    assert "identifiers[1]" in warning and "blocked" in warning and kind in warning


@pytest.mark.parametrize("value", ["+351 000 000 000", "+1 000-000-0000"])
def test_an_all_zero_phone_with_a_country_code_is_dropped_with_a_warning(value: str) -> None:
    parsed = accepted(event(identifiers=[dict(ANA), {"type": "PHONE", "value": value}]))
    assert parsed.identifiers == [IdentifierRef("EMAIL", "ana.lima@example.com")]
    assert len(parsed.warnings) == 1


def test_blocked_values_are_configurable() -> None:
    raw = event(identifiers=[dict(ANA), {"type": "COOKIE_ID", "value": "guest"}])
    assert len(accepted(raw).identifiers) == 2
    strict = accepted(raw, Rules(blocked=frozenset({"guest"})))
    assert strict.identifiers == [IdentifierRef("EMAIL", "ana.lima@example.com")]
    assert len(strict.warnings) == 1

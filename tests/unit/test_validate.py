"""What a channel system is told when it sends an event omnigraph cannot apply (EVENTS.md).

Every rejection names the offending field (a JSON path) and says, in words a person can act on,
what is wrong; values the contract blocks are dropped with a warning instead of being stored.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from graph.ingest.events import Event, IdentifierRef, Rejection
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


# -- identifiers -------------------------------------------------------------------------------


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


# -- the payload -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(PAYLOADS))
def test_an_event_without_its_payload_is_rejected(kind: str) -> None:
    name = PAYLOADS[kind][0]
    raw = event(kind)
    del raw[name]
    rejection = rejected(raw)
    assert (rejection.code, rejection.field) == ("MISSING_FIELD", name)
    assert_actionable(rejection, f"`{name}`")


def test_an_event_carrying_the_payload_of_another_type_is_rejected() -> None:
    raw = event("identify")
    raw["order"] = raw.pop("traits")
    rejection = rejected(raw)
    assert (rejection.code, rejection.field) == ("INVALID_FIELD", "order")
    assert_actionable(rejection, "`traits`", "`order`")


def test_an_event_carrying_two_payloads_is_rejected() -> None:
    raw = event("order", traits={"givenName": "Ana"})
    rejection = rejected(raw)
    assert (rejection.code, rejection.field) == ("INVALID_FIELD", "traits")


def test_an_unknown_payload_field_is_rejected() -> None:
    rejection = rejected(with_payload("cart", colour="red"))
    assert (rejection.code, rejection.field) == ("INVALID_FIELD", "cart.colour")
    assert_actionable(rejection, "colour")


def test_a_birth_date_must_be_a_calendar_date() -> None:
    rejection = rejected(with_payload("identify", birthDate="31/12/1990"))
    assert (rejection.code, rejection.field) == ("INVALID_FIELD", "traits.birthDate")
    assert_actionable(rejection, "YYYY-MM-DD")


def test_null_traits_are_left_out_rather_than_erasing() -> None:
    parsed = accepted(with_payload("identify", familyName="Lima", sizes={"jacket": None}))
    assert parsed.payload == {"givenName": "Ana", "familyName": "Lima"}


@pytest.mark.parametrize(
    ("fields", "code", "field", "hint"),
    [
        ({"kind": "DANCE"}, "INVALID_FIELD", "interaction.kind", "PRODUCT_VIEW"),
        ({"kind": None}, "MISSING_FIELD", "interaction.kind", "kind"),
        ({"rating": 0}, "INVALID_FIELD", "interaction.rating", "1..5"),
        ({"rating": 6}, "INVALID_FIELD", "interaction.rating", "1..5"),
        ({"rating": 4.5}, "INVALID_FIELD", "interaction.rating", "whole number"),
        ({"text": "x" * 4001}, "INVALID_FIELD", "interaction.text", "4000"),
    ],
)
def test_an_interaction_that_breaks_a_rule_is_rejected(
    fields: dict[str, Any], code: str, field: str, hint: str
) -> None:
    rejection = rejected(with_payload("interaction", **fields))
    assert (rejection.code, rejection.field) == (code, field)
    assert_actionable(rejection, hint)


@pytest.mark.parametrize("rating", [1, 5])
def test_a_review_rated_one_to_five_with_long_text_is_accepted(rating: int) -> None:
    parsed = accepted(with_payload("interaction", kind="REVIEW", rating=rating, text="x" * 4000))
    assert parsed.payload["rating"] == rating
    assert len(parsed.payload["text"]) == 4000


@pytest.mark.parametrize(
    ("fields", "code", "field", "hint"),
    [
        ({"orderId": None}, "MISSING_FIELD", "order.orderId", "orderId"),
        ({"status": "LOST"}, "INVALID_FIELD", "order.status", "PICKED_UP"),
        ({"status": None}, "MISSING_FIELD", "order.status", "status"),
        ({"currency": "euro"}, "INVALID_FIELD", "order.currency", "ISO 4217"),
        ({"total": -0.01}, "INVALID_FIELD", "order.total", ">= 0"),
        ({"total": "12.50"}, "INVALID_FIELD", "order.total", "number"),
        ({"fulfillment": "DRONE"}, "INVALID_FIELD", "order.fulfillment", "PICKUP_IN_STORE"),
        ({"lines": []}, "INVALID_FIELD", "order.lines", "non-empty"),
        (
            {"lines": [{"sku": "JKT-100", "quantity": 0, "unitPrice": 120.0}]},
            "INVALID_FIELD",
            "order.lines[0].quantity",
            "quantity",
        ),
        (
            {"lines": [{"sku": "JKT-100", "quantity": 1, "unitPrice": -1}]},
            "INVALID_FIELD",
            "order.lines[0].unitPrice",
            ">= 0",
        ),
        (
            {"lines": [{"quantity": 1, "unitPrice": 1.0}]},
            "MISSING_FIELD",
            "order.lines[0].sku",
            "sku",
        ),
        ({"cartCheckout": "yes"}, "INVALID_FIELD", "order.cartCheckout", "true or false"),
        ({"loyaltyPointsRedeemed": -5}, "INVALID_FIELD", "order.loyaltyPointsRedeemed", "0.."),
    ],
)
def test_an_order_that_breaks_a_rule_is_rejected(
    fields: dict[str, Any], code: str, field: str, hint: str
) -> None:
    rejection = rejected(with_payload("order", **fields))
    assert (rejection.code, rejection.field) == (code, field)
    assert_actionable(rejection, hint)


def test_a_free_order_line_and_a_zero_total_are_accepted() -> None:
    parsed = accepted(
        with_payload("order", total=0, lines=[{"sku": "GIFT", "quantity": 1, "unitPrice": 0}])
    )
    assert parsed.payload["total"] == 0.0
    assert parsed.payload["lines"][0]["unitPrice"] == 0.0


@pytest.mark.parametrize(
    ("fields", "code", "field", "hint"),
    [
        ({"action": "EMPTY"}, "INVALID_FIELD", "cart.action", "SET_QUANTITY"),
        ({"action": None}, "MISSING_FIELD", "cart.action", "action"),
        ({"sku": None}, "MISSING_FIELD", "cart.sku", "sku"),
        ({"quantity": 0}, "INVALID_FIELD", "cart.quantity", "quantity"),
        ({"quantity": None}, "MISSING_FIELD", "cart.quantity", "quantity"),
    ],
)
def test_a_cart_change_that_breaks_a_rule_is_rejected(
    fields: dict[str, Any], code: str, field: str, hint: str
) -> None:
    rejection = rejected(with_payload("cart", **fields))
    assert (rejection.code, rejection.field) == (code, field)
    assert_actionable(rejection, hint)


def test_clearing_the_cart_needs_no_sku() -> None:
    parsed = accepted(with_payload("cart", action="CLEAR", sku=None, quantity=None))
    assert parsed.payload["action"] == "CLEAR"


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"caseId": None}, "MISSING_FIELD", "support.caseId"),
        ({"action": "ESCALATE"}, "INVALID_FIELD", "support.action"),
        ({"text": "x" * 4001}, "INVALID_FIELD", "support.text"),
    ],
)
def test_a_support_message_that_breaks_a_rule_is_rejected(
    fields: dict[str, Any], code: str, field: str
) -> None:
    rejection = rejected(with_payload("support", **fields))
    assert (rejection.code, rejection.field) == (code, field)
    assert_actionable(rejection)


@pytest.mark.parametrize(
    ("fields", "code", "field", "hint"),
    [
        ({"granted": None}, "MISSING_FIELD", "consent.granted", "true or false"),
        ({"granted": "yes"}, "INVALID_FIELD", "consent.granted", "true or false"),
        ({"granted": 1}, "INVALID_FIELD", "consent.granted", "true or false"),
        ({"purpose": "SPAM"}, "INVALID_FIELD", "consent.purpose", "MARKETING"),
        ({"channel": "PIGEON"}, "INVALID_FIELD", "consent.channel", "SMS"),
    ],
)
def test_a_consent_that_breaks_a_rule_is_rejected(
    fields: dict[str, Any], code: str, field: str, hint: str
) -> None:
    rejection = rejected(with_payload("consent", **fields))
    assert (rejection.code, rejection.field) == (code, field)
    assert_actionable(rejection, hint)


@pytest.mark.parametrize(
    ("fields", "code", "hint"),
    [
        ({"action": "EARN", "points": 0}, "INVALID_FIELD", "positive"),
        ({"action": "EARN", "points": -10}, "INVALID_FIELD", "positive"),
        ({"action": "REDEEM", "points": -10}, "INVALID_FIELD", "positive"),
        ({"action": "ADJUST", "points": 0}, "INVALID_FIELD", "0"),
        ({"action": "EARN", "points": 1.5}, "INVALID_FIELD", "whole number"),
        ({"action": "EARN", "points": None}, "MISSING_FIELD", "points"),
    ],
)
def test_a_loyalty_move_that_breaks_a_rule_is_rejected(
    fields: dict[str, Any], code: str, hint: str
) -> None:
    rejection = rejected(with_payload("loyalty", **fields))
    assert (rejection.code, rejection.field) == (code, "loyalty.points")
    assert_actionable(rejection, hint)


def test_an_adjustment_may_take_points_away() -> None:
    parsed = accepted(with_payload("loyalty", action="ADJUST", points=-30))
    assert parsed.payload["points"] == -30


def test_an_unknown_loyalty_action_is_rejected() -> None:
    rejection = rejected(with_payload("loyalty", action="GIFT"))
    assert (rejection.code, rejection.field) == ("INVALID_FIELD", "loyalty.action")
    assert_actionable(rejection, "REDEEM")

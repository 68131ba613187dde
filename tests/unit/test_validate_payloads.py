"""Each event type's payload (EVENTS.md): what breaks its rules is rejected, naming the field
and saying what to fix."""

from __future__ import annotations

from typing import Any

import pytest

from tests.utils.raw_events import (
    PAYLOADS,
    accepted,
    assert_actionable,
    event,
    rejected,
    with_payload,
)


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

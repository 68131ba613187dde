"""Identity resolution as a pure decision (EVENTS.md, "Identity resolution").

Each scenario gives `resolve` the event's identifiers, who owns them and what those owners hold,
and checks where the event goes, who is merged, what is attached and what is flagged. No person
identifier owned, or one known customer, here; several known customers, merge protection and
the limits on attaching in test_resolve_merges.py.
"""

from __future__ import annotations

from graph.ingest.events import IdentifierRef
from graph.ingest.resolve import MergeStep, is_person, resolve
from tests.utils.resolve_cases import (
    ANA_CARD,
    ANA_EMAIL,
    ANA_PHONE,
    COOKIE,
    RUI_CARD,
    RUI_EMAIL,
    TABLET,
    emails,
    holding,
    owner,
)


def test_person_and_shareable_identifiers() -> None:
    person = ["CUSTOMER_ID", "LOYALTY_ID", "EMAIL", "PHONE", "SOCIAL_HANDLE"]
    shareable = ["DEVICE_ID", "COOKIE_ID", "PAYMENT_TOKEN"]
    assert all(is_person(IdentifierRef(kind, "x")) for kind in person)
    assert not any(is_person(IdentifierRef(kind, "x")) for kind in shareable)


# -- no person identifier owned: follow the shareable ones --------------------------------------


def test_a_first_visit_creates_a_new_profile_holding_every_identifier() -> None:
    decision = resolve([COOKIE, TABLET], [], {})
    assert decision.target is None
    assert decision.merges == []
    assert decision.attach == [COOKIE, TABLET]
    assert decision.conflict is None and decision.warnings == []


def test_a_returning_cookie_goes_to_its_anonymous_profile() -> None:
    decision = resolve(
        [COOKIE], [owner("anon-1", COOKIE, day=1, anonymous=True)], {"anon-1": holding(COOKIE)}
    )
    assert decision.target == "anon-1"
    assert decision.merges == [] and decision.attach == []


def test_anonymous_profiles_reached_through_a_cookie_and_a_device_become_one() -> None:
    owners = [
        owner("anon-cookie", COOKIE, day=2, anonymous=True),
        owner("anon-tablet", TABLET, day=1, anonymous=True),
    ]
    holdings = {"anon-cookie": holding(COOKIE), "anon-tablet": holding(TABLET)}
    decision = resolve([COOKIE, TABLET], owners, holdings)
    assert decision.target == "anon-tablet", "the one seen first survives"
    assert decision.merges == [MergeStep("anon-cookie", (COOKIE,))]
    assert decision.attach == [], "the cookie comes with the merged profile"
    assert decision.conflict is None


def test_anonymous_profiles_win_over_a_known_customer_reached_through_a_shared_device() -> None:
    owners = [
        owner("ana", TABLET, day=1),
        owner("anon-cookie", COOKIE, day=3, anonymous=True),
    ]
    holdings = {"ana": holding(ANA_EMAIL, TABLET), "anon-cookie": holding(COOKIE)}
    decision = resolve([COOKIE, TABLET], owners, holdings)
    assert decision.target == "anon-cookie"
    assert decision.merges == []


def test_a_device_used_by_exactly_one_known_customer_leads_to_her() -> None:
    decision = resolve(
        [TABLET, COOKIE], [owner("ana", TABLET, day=1)], {"ana": holding(ANA_EMAIL, TABLET)}
    )
    assert decision.target == "ana"
    assert decision.merges == []
    assert decision.attach == [COOKIE]


def test_a_family_tablet_shared_by_two_known_customers_starts_a_new_profile() -> None:
    owners = [owner("ana", TABLET, day=1), owner("rui", TABLET, day=2)]
    holdings = {"ana": holding(ANA_EMAIL, TABLET), "rui": holding(RUI_EMAIL, TABLET)}
    decision = resolve([TABLET], owners, holdings)
    assert decision.target is None, "a shareable identifier never merges known customers"
    assert decision.merges == [] and decision.conflict is None
    assert decision.attach == [TABLET]


def test_someone_else_on_the_family_tablet_gets_a_profile_of_their_own() -> None:
    """EVENTS.md rule 2, none: Rui's card is one Ana cannot take (she has a LOYALTY_ID)."""
    owners = [owner("ana", TABLET, day=1)]
    holdings = {"ana": holding(ANA_EMAIL, ANA_CARD, TABLET)}
    decision = resolve([RUI_CARD, TABLET], owners, holdings)
    assert decision.target is None, "a new profile, not Ana's"
    assert decision.attach == [RUI_CARD, TABLET], "the card is never dropped"
    assert decision.merges == [] and decision.conflict is None


def test_a_second_customer_id_on_a_shared_device_is_someone_else() -> None:
    henry, willow = IdentifierRef("CUSTOMER_ID", "c-henry"), IdentifierRef("CUSTOMER_ID", "c-w")
    owners = [owner("henry", TABLET, day=1)]
    decision = resolve([willow, TABLET], owners, {"henry": holding(henry, TABLET)})
    assert decision.target is None
    assert willow in decision.attach and not decision.warnings


def test_an_identifier_past_the_reached_customers_limit_starts_a_new_profile() -> None:
    owners = [owner("ana", TABLET, day=1)]
    new_email = IdentifierRef("EMAIL", "someone@example.com")
    decision = resolve([new_email, TABLET], owners, {"ana": holding(*emails("ana", 5), TABLET)})
    assert decision.target is None
    assert decision.attach == [new_email, TABLET]


def test_a_reached_customer_takes_what_she_can_hold() -> None:
    owners = [owner("ana", TABLET, day=1)]
    decision = resolve([ANA_PHONE, TABLET], owners, {"ana": holding(ANA_EMAIL, TABLET)})
    assert decision.target == "ana"
    assert decision.attach == [ANA_PHONE]


# -- one known customer --------------------------------------------------------------------------


def test_a_known_email_takes_the_event_to_its_customer() -> None:
    decision = resolve([ANA_EMAIL], [owner("ana", ANA_EMAIL, day=1)], {"ana": holding(ANA_EMAIL)})
    assert decision.target == "ana"
    assert decision.merges == [] and decision.attach == []


def test_a_web_cookie_that_logs_in_is_stitched_to_the_known_customer() -> None:
    owners = [
        owner("ana", ANA_EMAIL, day=2),
        owner("anon-cookie", COOKIE, day=1, anonymous=True),
    ]
    holdings = {"ana": holding(ANA_EMAIL), "anon-cookie": holding(COOKIE)}
    decision = resolve([ANA_EMAIL, COOKIE], owners, holdings)
    assert decision.target == "ana", "the known customer survives even if seen later"
    assert decision.merges == [MergeStep("anon-cookie", (COOKIE,))]
    assert decision.attach == []


def test_a_known_customer_is_not_merged_with_another_known_one_sharing_her_tablet() -> None:
    owners = [owner("rui", RUI_EMAIL, day=2), owner("ana", TABLET, day=1)]
    holdings = {"rui": holding(RUI_EMAIL, TABLET), "ana": holding(ANA_EMAIL, TABLET)}
    decision = resolve([RUI_EMAIL, TABLET], owners, holdings)
    assert decision.target == "rui"
    assert decision.merges == []


def test_new_identifiers_are_attached_to_the_customer() -> None:
    decision = resolve(
        [ANA_EMAIL, ANA_PHONE, COOKIE],
        [owner("ana", ANA_EMAIL, day=1)],
        {"ana": holding(ANA_EMAIL)},
    )
    assert decision.target == "ana"
    assert decision.attach == [ANA_PHONE, COOKIE]

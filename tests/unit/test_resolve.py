"""Identity resolution as a pure decision (EVENTS.md, "Identity resolution").

Each scenario gives `resolve` the event's identifiers, who owns them and what those owners hold,
and checks where the event goes, who is merged, what is attached and what is flagged.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from graph.ingest.events import IdentifierRef
from graph.ingest.resolve import Holdings, MergeStep, Owner, is_person, resolve

DAY_ONE = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

ANA_EMAIL = IdentifierRef("EMAIL", "ana.lima@example.com")
ANA_PHONE = IdentifierRef("PHONE", "+351912345678")
ANA_CARD = IdentifierRef("LOYALTY_ID", "LN-5521")
RUI_EMAIL = IdentifierRef("EMAIL", "rui.lima@example.com")
RUI_CARD = IdentifierRef("LOYALTY_ID", "LN-7788")
COOKIE = IdentifierRef("COOKIE_ID", "ck-7f3a")
OTHER_COOKIE = IdentifierRef("COOKIE_ID", "ck-9b21")
TABLET = IdentifierRef("DEVICE_ID", "dev-family-tablet")


def owner(customer: str, identifier: IdentifierRef, *, day: int, anonymous: bool = False) -> Owner:
    """`customer`, first seen on `day` (1-based), owns `identifier`."""
    return Owner(customer, identifier, anonymous, DAY_ONE + timedelta(days=day - 1))


def holding(*identifiers: IdentifierRef) -> Holdings:
    return Holdings({ref.key for ref in identifiers})


def emails(name: str, count: int) -> list[IdentifierRef]:
    return [IdentifierRef("EMAIL", f"{name}.{n}@example.com") for n in range(count)]


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


# -- several known customers ---------------------------------------------------------------------


def test_the_loyalty_card_met_in_store_merges_into_the_customer_seen_first() -> None:
    owners = [
        owner("store-profile", ANA_CARD, day=4),
        owner("ana", ANA_EMAIL, day=2),
    ]
    holdings = {"ana": holding(ANA_EMAIL, COOKIE), "store-profile": holding(ANA_CARD, ANA_PHONE)}
    decision = resolve([ANA_CARD, ANA_EMAIL], owners, holdings)
    assert decision.target == "ana"
    assert decision.merges == [MergeStep("store-profile", (ANA_CARD,))]
    assert decision.conflict is None
    assert decision.attach == []


def test_three_profiles_of_one_person_and_her_anonymous_cookie_become_one() -> None:
    owners = [
        owner("by-phone", ANA_PHONE, day=3),
        owner("by-card", ANA_CARD, day=2),
        owner("by-email", ANA_EMAIL, day=5),
        owner("anon-cookie", COOKIE, day=1, anonymous=True),
    ]
    holdings = {
        "by-phone": holding(ANA_PHONE),
        "by-card": holding(ANA_CARD),
        "by-email": holding(ANA_EMAIL),
        "anon-cookie": holding(COOKIE),
    }
    decision = resolve([ANA_CARD, ANA_EMAIL, ANA_PHONE, COOKIE], owners, holdings)
    assert decision.target == "by-card", "the known profile seen first survives"
    assert [m.merged_id for m in decision.merges] == ["by-phone", "by-email", "anon-cookie"]
    assert decision.attach == []


def test_a_profile_reached_through_two_identifiers_records_both_as_links() -> None:
    owners = [
        owner("ana", ANA_EMAIL, day=1),
        owner("store-profile", ANA_CARD, day=2),
        owner("store-profile", ANA_PHONE, day=2),
    ]
    holdings = {"ana": holding(ANA_EMAIL), "store-profile": holding(ANA_CARD, ANA_PHONE)}
    decision = resolve([ANA_CARD, ANA_EMAIL, ANA_PHONE], owners, holdings)
    assert decision.merges == [MergeStep("store-profile", (ANA_CARD, ANA_PHONE))]


# -- merge protection ----------------------------------------------------------------------------


def test_two_loyalty_cards_never_end_up_on_one_person() -> None:
    owners = [owner("ana", ANA_EMAIL, day=1), owner("rui", RUI_EMAIL, day=2)]
    holdings = {"ana": holding(ANA_EMAIL, ANA_CARD), "rui": holding(RUI_EMAIL, RUI_CARD)}
    decision = resolve([ANA_EMAIL, RUI_EMAIL], owners, holdings)
    assert decision.merges == [], "merge protection forbids it"
    assert decision.target == "ana"
    assert decision.conflict is not None
    assert "LOYALTY_ID" in decision.conflict.reason
    assert set(decision.conflict.customer_ids) == {"ana", "rui"}
    assert set(decision.conflict.identifiers) == {ANA_EMAIL, RUI_EMAIL}


def test_two_customer_ids_never_end_up_on_one_person() -> None:
    ana_account = IdentifierRef("CUSTOMER_ID", "C-1")
    rui_account = IdentifierRef("CUSTOMER_ID", "C-2")
    owners = [owner("ana", ANA_EMAIL, day=1), owner("rui", rui_account, day=2)]
    holdings = {"ana": holding(ANA_EMAIL, ana_account), "rui": holding(rui_account)}
    decision = resolve([ANA_EMAIL, rui_account], owners, holdings)
    assert decision.merges == []
    assert decision.conflict is not None and "CUSTOMER_ID" in decision.conflict.reason
    assert decision.target == "rui", "CUSTOMER_ID outranks EMAIL, whoever was seen first"


def test_a_merge_that_would_exceed_a_per_type_limit_is_refused() -> None:
    ana_emails, rui_emails = emails("ana", 3), emails("rui", 3)
    owners = [owner("ana", ana_emails[0], day=1), owner("rui", rui_emails[0], day=2)]
    holdings = {"ana": holding(*ana_emails), "rui": holding(*rui_emails)}
    decision = resolve([ana_emails[0], rui_emails[0]], owners, holdings)
    assert decision.merges == []
    assert decision.conflict is not None
    assert "6 EMAIL" in decision.conflict.reason and "5" in decision.conflict.reason


def test_a_merge_up_to_a_per_type_limit_is_allowed() -> None:
    ana_emails, rui_emails = emails("ana", 3), emails("rui", 2)
    owners = [owner("ana", ana_emails[0], day=1), owner("rui", rui_emails[0], day=2)]
    holdings = {"ana": holding(*ana_emails), "rui": holding(*rui_emails)}
    decision = resolve([ana_emails[0], rui_emails[0]], owners, holdings)
    assert decision.conflict is None
    assert [m.merged_id for m in decision.merges] == ["rui"]


HANDLE = IdentifierRef("SOCIAL_HANDLE", "instagram:ana_l")
ACCOUNT = IdentifierRef("CUSTOMER_ID", "C-9")


@pytest.mark.parametrize(
    ("higher", "lower"),
    [(ACCOUNT, ANA_CARD), (ANA_CARD, ANA_EMAIL), (ANA_EMAIL, ANA_PHONE), (ANA_PHONE, HANDLE)],
    ids=lambda ref: ref.type,
)
def test_when_protection_forbids_a_merge_the_highest_priority_identifier_decides(
    higher: IdentifierRef, lower: IdentifierRef
) -> None:
    # CUSTOMER_ID > LOYALTY_ID > EMAIL > PHONE > SOCIAL_HANDLE, whoever was seen first
    owners = [owner("seen-first", lower, day=1), owner("seen-later", higher, day=2)]
    holdings = {  # two different CUSTOMER_IDs: the merge is never allowed
        "seen-first": holding(lower, IdentifierRef("CUSTOMER_ID", "C-1")),
        "seen-later": holding(higher, IdentifierRef("CUSTOMER_ID", "C-2"))
        if higher.type != "CUSTOMER_ID"
        else holding(higher),
    }
    decision = resolve([lower, higher], owners, holdings)
    assert decision.conflict is not None
    assert decision.merges == []
    assert decision.target == "seen-later"


def test_when_protection_forbids_a_merge_no_anonymous_profile_is_stitched_either() -> None:
    owners = [
        owner("ana", ANA_CARD, day=1),
        owner("rui", RUI_CARD, day=2),
        owner("anon-cookie", COOKIE, day=3, anonymous=True),
    ]
    holdings = {"ana": holding(ANA_CARD), "rui": holding(RUI_CARD), "anon-cookie": holding(COOKIE)}
    decision = resolve([ANA_CARD, RUI_CARD, COOKIE], owners, holdings)
    assert decision.conflict is not None
    assert decision.merges == [], "then nothing is merged"


def test_an_identifier_owned_by_another_customer_is_not_attached() -> None:
    owners = [owner("ana", ANA_CARD, day=1), owner("rui", RUI_CARD, day=2)]
    holdings = {"ana": holding(ANA_CARD), "rui": holding(RUI_CARD)}
    decision = resolve([ANA_CARD, RUI_CARD, COOKIE], owners, holdings)
    assert decision.target in ("ana", "rui")
    other = RUI_CARD if decision.target == "ana" else ANA_CARD
    assert other not in decision.attach
    assert decision.attach == [COOKIE]
    assert any(other.value in w and "another customer" in w for w in decision.warnings)


# -- attaching new identifiers -------------------------------------------------------------------


def test_the_sixth_email_is_not_attached() -> None:
    known = emails("ana", 5)
    sixth = IdentifierRef("EMAIL", "ana.six@example.com")
    decision = resolve([known[0], sixth], [owner("ana", known[0], day=1)], {"ana": holding(*known)})
    assert decision.target == "ana"
    assert decision.attach == []
    (warning,) = decision.warnings
    assert sixth.value in warning and "5" in warning


def test_a_second_loyalty_card_is_not_attached() -> None:
    decision = resolve(
        [ANA_EMAIL, RUI_CARD],
        [owner("ana", ANA_EMAIL, day=1)],
        {"ana": holding(ANA_EMAIL, ANA_CARD)},
    )
    assert decision.target == "ana"
    assert decision.attach == []
    (warning,) = decision.warnings
    assert RUI_CARD.value in warning and "LOYALTY_ID" in warning


def test_a_new_profile_takes_at_most_five_emails_from_one_event() -> None:
    six = emails("ana", 6)
    decision = resolve(six, [], {})
    assert decision.target is None
    assert decision.attach == six[:5]
    assert len(decision.warnings) == 1 and six[5].value in decision.warnings[0]


def test_limits_count_what_a_merged_profile_brings() -> None:
    ana_emails, store_emails = emails("ana", 3), emails("store", 2)
    extra = IdentifierRef("EMAIL", "ana.extra@example.com")
    owners = [owner("ana", ana_emails[0], day=1), owner("store", store_emails[0], day=2)]
    holdings = {"ana": holding(*ana_emails), "store": holding(*store_emails)}
    decision = resolve([ana_emails[0], store_emails[0], extra], owners, holdings)
    assert [m.merged_id for m in decision.merges] == ["store"]
    assert decision.attach == [], "3 + 2 emails after the merge: the limit is reached"
    assert any(extra.value in w for w in decision.warnings)

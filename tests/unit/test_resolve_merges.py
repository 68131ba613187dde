"""Identity resolution as a pure decision, when several known customers meet (EVENTS.md,
"Identity resolution"): who survives a merge, what merge protection refuses, and how many
identifiers of a type a customer may hold.
"""

from __future__ import annotations

import pytest

from graph.ingest.events import IdentifierRef
from graph.ingest.resolve import MergeStep, resolve
from tests.utils.resolve_cases import (
    ANA_CARD,
    ANA_EMAIL,
    ANA_PHONE,
    COOKIE,
    RUI_CARD,
    RUI_EMAIL,
    emails,
    holding,
    owner,
)

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

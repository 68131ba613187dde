"""The batch planner (`graph/ingest/plan.py`) as a pure decision: a snapshot and events in,
what happens to each event out.

Each scenario builds what the pipeline would have read from Neo4j (`Snapshot`: who owns the
batch's identifiers, what those customers hold, which orders exist, what waits) and checks what
the planner decides: who each event goes to, who is merged, what waits, what is refused. Events
are written as a channel system sends them and parsed as the pipeline parses them.
Identifiers on the suppression list never reach the planner: the pipeline drops them before
(`graph/ingest/transaction.py`, tests/integration/test_erased_people.py).

Here: who an event goes to, and merges. What waits for an order and carts derived again:
test_plan_orders.py; the loyalty ledger: test_plan_ledger.py; the scenarios' helpers:
tests/utils/plan_scenarios.py.
"""

from __future__ import annotations

from graph.ingest.events import derived_id
from graph.ingest.ledger import Move
from graph.ingest.plan import plan_batch
from tests.utils.plan_scenarios import (
    ANA_CARD,
    ANA_EMAIL,
    ANA_PHONE,
    CARD_KEY,
    COOKIE,
    COOKIE_KEY,
    EMAIL_KEY,
    EMPTY,
    RUI_CARD,
    RUI_CARD_KEY,
    at,
    known,
    loyalty,
    snapshot,
    statuses,
    visit,
)

# -- who an event goes to -------------------------------------------------------------------


def test_a_first_visit_creates_a_profile_named_after_its_event() -> None:
    plan = plan_batch([visit("ev-1", 1, COOKIE)], EMPTY)
    [outcome] = plan.outcomes
    assert outcome.status == "APPLIED"
    assert outcome.customer_id == derived_id("cus", "ev-1"), "a replay gives the same id"
    [row] = plan.rows
    assert row["create"] is True
    assert [(r["type"], r["held"]) for r in row["refs"]] == [("COOKIE_ID", True)]
    assert plan.refresh == {outcome.customer_id}, "a new profile's derived fields are computed"
    assert plan.orphans == [], "its identifier is used by the event that created it"


def test_an_event_goes_to_the_customer_who_holds_its_identifier() -> None:
    graph = snapshot({"cus-ana": known(EMAIL_KEY)})
    plan = plan_batch([visit("ev-1", 2, ANA_EMAIL)], graph)
    assert plan.outcomes[0].customer_id == "cus-ana"
    assert plan.rows[0]["create"] is False
    assert plan.refresh == set(), "a page view changes nothing derived"


def test_a_new_identifier_is_attached_to_the_customer_the_event_goes_to() -> None:
    graph = snapshot({"cus-ana": known(EMAIL_KEY)})
    plan = plan_batch([visit("ev-1", 2, ANA_EMAIL, ANA_PHONE)], graph)
    refs = {r["type"]: r["held"] for r in plan.rows[0]["refs"]}
    assert refs == {"EMAIL": True, "PHONE": True}, "both are hers now: both get the evidence"
    assert plan.outcomes[0].customer_id == "cus-ana"
    assert plan.refresh == {"cus-ana"}, "her search text gains the phone"


def test_the_second_event_of_a_batch_finds_the_profile_the_first_created() -> None:
    plan = plan_batch([visit("ev-1", 1, COOKIE), visit("ev-2", 1, COOKIE, hour=10)], EMPTY)
    first, second = plan.outcomes
    assert second.customer_id == first.customer_id
    assert [row["create"] for row in plan.rows] == [True, False]


def test_an_event_seen_twice_in_one_batch_is_applied_once() -> None:
    plan = plan_batch([visit("ev-1", 1, COOKIE), visit("ev-1", 1, COOKIE)], EMPTY)
    assert statuses(plan) == [("ev-1", "APPLIED"), ("ev-1", "DUPLICATE")]
    assert len(plan.rows) == 1


# -- merges ---------------------------------------------------------------------------------


def test_signing_in_merges_the_anonymous_cookie_profile_into_the_known_one() -> None:
    graph = snapshot({"cus-ana": known(EMAIL_KEY, day=2), "cus-cookie": known(COOKIE_KEY,
                      anonymous=True)})  # fmt: skip
    plan = plan_batch([visit("ev-1", 3, COOKIE, ANA_EMAIL), visit("ev-2", 3, COOKIE)], graph)
    signed_in, later = plan.outcomes
    assert (signed_in.customer_id, signed_in.merged_customer_ids) == ("cus-ana", ["cus-cookie"])
    [merge] = plan.rows[0]["merges"]
    assert merge == {
        "survivorId": "cus-ana",
        "mergedId": "cus-cookie",
        "mergeId": derived_id("merge", "ev-1/cus-cookie"),
        "linkedBy": [COOKIE_KEY],
    }
    assert later.customer_id == "cus-ana", "the cookie is hers from then on"
    assert plan.refresh == {"cus-ana", "cus-cookie"}


def test_two_known_profiles_of_one_person_merge_into_the_one_seen_first() -> None:
    graph = snapshot({"cus-card": known(CARD_KEY, day=2), "cus-ana": known(EMAIL_KEY, day=1)})
    plan = plan_batch([visit("ev-1", 3, ANA_CARD, ANA_EMAIL)], graph)
    [outcome] = plan.outcomes
    assert (outcome.customer_id, outcome.merged_customer_ids) == ("cus-ana", ["cus-card"])
    assert plan.rows[0]["conflict"] is None


def test_a_merged_profiles_points_join_the_survivors_ledger() -> None:
    earned = Move("earn-1", at(1), 50, "EARN")
    graph = snapshot({"cus-ana": known(EMAIL_KEY), "cus-card": known(CARD_KEY, day=2,
                      moves=[earned])})  # fmt: skip
    plan = plan_batch([loyalty("ev-1", 3, "REDEEM", 40, ANA_EMAIL, ANA_CARD)], graph)
    [outcome] = plan.outcomes
    assert (outcome.status, outcome.merged_customer_ids) == ("APPLIED", ["cus-card"])
    assert plan.uncount == [] and plan.count == [], "the card's 50 points cover the redemption"


def test_merge_protection_refuses_to_give_one_person_two_loyalty_cards() -> None:
    # Ana's e-mail and Rui's card on one event: a shared account, not one person
    graph = snapshot({"cus-ana": known(EMAIL_KEY, CARD_KEY), "cus-rui": known(RUI_CARD_KEY,
                      day=2)})  # fmt: skip
    plan = plan_batch([visit("ev-1", 3, ANA_EMAIL, RUI_CARD)], graph)
    [outcome] = plan.outcomes
    assert outcome.status == "APPLIED"
    assert outcome.merged_customer_ids == [], "nobody is merged"
    assert outcome.customer_id == "cus-rui", "a loyalty card outranks an e-mail"
    assert any(w.startswith("identity conflict recorded: merging would give one customer 2 "
                            "different LOYALTY_IDs") for w in outcome.warnings)  # fmt: skip
    conflict = plan.rows[0]["conflict"]
    assert conflict["id"] == "conflict-ev-1"
    assert sorted(conflict["customerIds"]) == ["cus-ana", "cus-rui"]
    refs = {r["type"]: r["held"] for r in plan.rows[0]["refs"]}
    assert refs == {"EMAIL": False, "LOYALTY_ID": True}, "Ana's e-mail stays hers"

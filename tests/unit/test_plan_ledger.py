"""The batch planner (`graph/ingest/plan.py`) and the loyalty ledger (`graph/ingest/ledger.py`):
settled by `at`, a redemption the balance does not cover waits, and no balance passes the most
a balance holds (scenarios: tests/utils/plan_scenarios.py).
"""

from __future__ import annotations

from graph.ingest.ledger import Move
from graph.ingest.limits import MAX_BALANCE
from graph.ingest.plan import plan_batch
from tests.utils.plan_scenarios import (
    ANA_EMAIL,
    EMAIL_KEY,
    at,
    known,
    loyalty,
    snapshot,
    statuses,
)

# -- the loyalty ledger ----------------------------------------------------------------------


def test_a_redemption_played_before_the_points_it_spends_counts_by_at() -> None:
    graph = snapshot({"cus-ana": known(EMAIL_KEY)})
    events = [loyalty("ev-redeem", 3, "REDEEM", 30, ANA_EMAIL),
              loyalty("ev-earn", 2, "EARN", 50, ANA_EMAIL)]  # fmt: skip
    plan = plan_batch(events, graph)
    assert statuses(plan) == [("ev-redeem", "APPLIED"), ("ev-earn", "APPLIED")]
    assert plan.uncount == [] and plan.count == []


def test_a_redemption_the_balance_does_not_cover_waits_on_the_ledger() -> None:
    graph = snapshot({"cus-ana": known(EMAIL_KEY)})
    events = [loyalty("ev-earn", 2, "EARN", 20, ANA_EMAIL),
              loyalty("ev-redeem", 3, "REDEEM", 30, ANA_EMAIL)]  # fmt: skip
    plan = plan_batch(events, graph)
    assert statuses(plan) == [("ev-earn", "APPLIED"), ("ev-redeem", "PENDING")]
    reason = plan.outcomes[1].reason
    assert reason is not None
    assert (reason.code, reason.field) == ("INSUFFICIENT_POINTS", "loyalty.points")
    assert len(plan.rows) == 2, "the redemption is recorded, its points not counted"
    assert plan.uncount == ["ev-redeem"]


def test_points_that_arrive_late_make_a_waiting_redemption_count() -> None:
    waiting = Move("ev-redeem", at(3), -30, "REDEEM", counted=False)
    graph = snapshot({"cus-ana": known(EMAIL_KEY, moves=[waiting])})
    plan = plan_batch([loyalty("ev-earn", 2, "EARN", 50, ANA_EMAIL)], graph)
    assert statuses(plan) == [("ev-earn", "APPLIED")]
    assert plan.count == ["ev-redeem"]
    assert "cus-ana" in plan.refresh


def test_a_balance_past_the_most_a_balance_holds_is_refused() -> None:
    full = Move("adj-1", at(1), MAX_BALANCE - 10, "ADJUST")
    graph = snapshot({"cus-ana": known(EMAIL_KEY, moves=[full])})
    plan = plan_batch([loyalty("ev-earn", 2, "EARN", 100, ANA_EMAIL)], graph)
    [outcome] = plan.outcomes
    assert outcome.status == "REJECTED"
    assert outcome.error is not None
    assert (outcome.error.code, outcome.error.field) == ("INVALID_FIELD", "loyalty.points")

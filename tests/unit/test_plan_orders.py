"""The batch planner (`graph/ingest/plan.py`) and what happens out of order: an order's step that
arrives before the order waits for it, a new order without its total is refused, and a cart
change older than what the customer's carts hold has them derived again by `at`
(scenarios: tests/utils/plan_scenarios.py).
"""

from __future__ import annotations

from graph.ingest.plan import plan_batch
from tests.utils.plan_scenarios import (
    ANA_EMAIL,
    ANA_PHONE,
    EMAIL_KEY,
    EMPTY,
    PHONE_KEY,
    at,
    event,
    known,
    placed,
    snapshot,
    statuses,
    step,
)

# -- what waits, what is refused --------------------------------------------------------------


def test_a_step_of_an_order_not_known_yet_waits_for_it() -> None:
    graph = snapshot({"cus-ana": known(EMAIL_KEY)})
    plan = plan_batch([step("ev-2", 2, ANA_EMAIL)], graph)
    [outcome] = plan.outcomes
    assert outcome.status == "PENDING"
    assert outcome.reason is not None and outcome.reason.code == "WAITING_FOR_ORDER"
    assert plan.rows == []
    assert [(e.event_id, r.code) for e, r in plan.pending] == [("ev-2", "WAITING_FOR_ORDER")]


def test_an_order_step_that_arrives_first_is_applied_after_the_order_in_the_same_batch() -> None:
    graph = snapshot({"cus-ana": known(EMAIL_KEY)})
    events = [step("ev-2", 3, ANA_EMAIL), placed("ev-1", 2, ANA_EMAIL)]
    plan = plan_batch(events, graph)
    assert statuses(plan) == [("ev-2", "APPLIED"), ("ev-1", "APPLIED")]
    assert [row["eventId"] for row in plan.rows] == ["ev-1", "ev-2"], "the order is created first"
    assert plan.pending == []


def test_a_stored_step_is_released_when_its_order_arrives() -> None:
    waiting = step("ev-2", 3, ANA_EMAIL)
    graph = snapshot({"cus-ana": known(EMAIL_KEY)}, waiting={"ord-1": [waiting]})
    plan = plan_batch([placed("ev-1", 2, ANA_EMAIL)], graph)
    assert statuses(plan) == [("ev-1", "APPLIED")], "one outcome per event given"
    assert [(e.event_id, o.status, o.customer_id) for e, o in plan.released] == [
        ("ev-2", "APPLIED", "cus-ana")
    ]
    assert [(row["eventId"], row["wasPending"]) for row in plan.rows] == [
        ("ev-1", False), ("ev-2", True),
    ]  # fmt: skip


def test_a_steps_order_that_exists_already_is_not_waited_for() -> None:
    graph = snapshot({"cus-ana": known(EMAIL_KEY)}, orders={"ord-1"})
    plan = plan_batch([step("ev-2", 3, ANA_EMAIL)], graph)
    assert statuses(plan) == [("ev-2", "APPLIED")]
    assert plan.rows[0]["orderExists"] is True


def test_a_new_order_without_its_total_is_refused_and_leaves_its_new_identifiers_behind() -> None:
    line = {"sku": "JKT-100", "quantity": 1, "unitPrice": 1.0}
    first = event("ev-1", "order", 2, ANA_PHONE, orderId="ord-1", status="PLACED",
                  currency="EUR", lines=[line])  # fmt: skip
    plan = plan_batch([first], EMPTY)
    [outcome] = plan.outcomes
    assert outcome.status == "REJECTED"
    assert outcome.error is not None
    assert (outcome.error.code, outcome.error.field) == ("MISSING_FIELD", "order.total")
    assert plan.rows == []
    assert [ref.key for ref in plan.orphans] == [PHONE_KEY], "created, owned by nobody"


def test_a_cart_change_older_than_her_carts_has_them_derived_again_by_at() -> None:
    graph = snapshot({"cus-ana": known(EMAIL_KEY, cart_at=at(5))})
    older = event("ev-1", "cart", 4, ANA_EMAIL, action="ADD", sku="JKT-100", quantity=1)
    newer = event("ev-2", "cart", 6, ANA_EMAIL, action="ADD", sku="JKT-100", quantity=1)
    assert plan_batch([older], graph).carts == {"cus-ana"}
    assert plan_batch([newer], graph).carts == set()

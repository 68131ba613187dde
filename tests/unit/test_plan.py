"""The batch planner (`graph/ingest/plan.py`) as a pure decision: a snapshot and events in,
what happens to each event out.

Each scenario builds what the pipeline would have read from Neo4j (`Snapshot`: who owns the
batch's identifiers, what those customers hold, which orders exist, what waits) and checks what
the planner decides: who each event goes to, who is merged, what waits, what is refused. Events
are written as a channel system sends them and parsed as the pipeline parses them.
Identifiers on the suppression list never reach the planner: the pipeline drops them before
(`graph/ingest/pipeline.py`, tests/integration/test_erased_people.py).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from graph.ingest.events import Event, derived_id
from graph.ingest.ledger import Move
from graph.ingest.limits import MAX_BALANCE
from graph.ingest.plan import CustomerState, Plan, Snapshot, plan_batch
from graph.ingest.validate import Rules, parse_event

DAY_ONE = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

ANA_EMAIL = {"type": "EMAIL", "value": "ana.lima@example.com"}
ANA_PHONE = {"type": "PHONE", "value": "+351912345678"}
ANA_CARD = {"type": "LOYALTY_ID", "value": "LN-5521"}
RUI_CARD = {"type": "LOYALTY_ID", "value": "LN-7788"}
COOKIE = {"type": "COOKIE_ID", "value": "ck-7f3a"}

# the keys the graph holds them under (`IdentifierRef.key`, values normalised)
EMAIL_KEY = "EMAIL:ana.lima@example.com"
PHONE_KEY = "PHONE:+351912345678"
CARD_KEY = "LOYALTY_ID:LN-5521"
RUI_CARD_KEY = "LOYALTY_ID:LN-7788"
COOKIE_KEY = "COOKIE_ID:ck-7f3a"


def at(day: int, hour: int = 9) -> datetime:
    """`hour` o'clock on `day` (1-based) of March 2026, UTC."""
    return DAY_ONE + timedelta(days=day - 1, hours=hour - 9)


def event(event_id: str, type_: str, day: int, /, *identifiers: dict[str, str], hour: int = 9,
          **payload: Any) -> Event:  # fmt: skip
    """An event as a channel system sends it, parsed by the pipeline's validation."""
    raw: dict[str, Any] = {
        "eventId": event_id,
        "type": type_,
        "at": at(day, hour).isoformat().replace("+00:00", "Z"),
        "channel": "WEB",
        "identifiers": list(identifiers),
    }
    raw["traits" if type_ == "identify" else type_] = payload
    parsed = parse_event(raw, Rules())
    assert isinstance(parsed, Event), parsed
    return parsed


def visit(event_id: str, day: int, *identifiers: dict[str, str], hour: int = 9) -> Event:
    return event(event_id, "interaction", day, *identifiers, hour=hour, kind="PAGE_VIEW")


def placed(event_id: str, day: int, *identifiers: dict[str, str], order_id: str = "ord-1",
           hour: int = 9, **extra: Any) -> Event:  # fmt: skip
    """An order's first event: its lines, currency and total."""
    lines = [{"sku": "JKT-100", "name": "Rain jacket", "quantity": 1, "unitPrice": 120.0}]
    order = {"orderId": order_id, "status": "PLACED", "currency": "EUR", "total": 120.0,
             "lines": lines, **extra}  # fmt: skip
    return event(event_id, "order", day, *identifiers, hour=hour, **order)


def step(event_id: str, day: int, *identifiers: dict[str, str], order_id: str = "ord-1",
         status: str = "READY_FOR_PICKUP", hour: int = 9) -> Event:  # fmt: skip
    """A later step of an order: its status only."""
    return event(event_id, "order", day, *identifiers, hour=hour, orderId=order_id, status=status)


def loyalty(event_id: str, day: int, action: str, points: int, *identifiers: dict[str, str],
            hour: int = 9) -> Event:  # fmt: skip
    return event(event_id, "loyalty", day, *identifiers, hour=hour, action=action, points=points)


def known(*keys: str, day: int = 1, anonymous: bool = False, **extra: Any) -> CustomerState:
    """A live customer first seen on `day`, holding `keys`."""
    return CustomerState(anonymous, at(day), set(keys), **extra)


def snapshot(customers: dict[str, CustomerState], **extra: Any) -> Snapshot:
    """The graph holding `customers`, each linked to the identifiers it holds."""
    owners: dict[str, list[str]] = {}
    for customer_id, state in customers.items():
        for key in sorted(state.keys):
            owners.setdefault(key, []).append(customer_id)
    extra.setdefault("orders", set())
    return Snapshot(owners, customers, existing=set(owners), **extra)


def statuses(plan: Plan) -> list[tuple[str | None, str]]:
    return [(outcome.event_id, outcome.status) for outcome in plan.outcomes]


EMPTY = Snapshot({}, {}, set())


# -- who an event goes to -------------------------------------------------------------------


def test_a_first_visit_creates_a_profile_named_after_its_event() -> None:
    plan = plan_batch([visit("ev-1", 1, COOKIE)], EMPTY)
    [outcome] = plan.outcomes
    assert outcome.status == "APPLIED"
    assert outcome.customer_id == derived_id("cus", "ev-1"), "a replay gives the same id"
    [row] = plan.rows
    assert row["create"] is True
    assert [(r["type"], r["attach"]) for r in row["refs"]] == [("COOKIE_ID", True)]
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
    refs = {r["type"]: r["attach"] for r in plan.rows[0]["refs"]}
    assert refs == {"EMAIL": False, "PHONE": True}
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
    refs = {r["type"]: r["attach"] for r in plan.rows[0]["refs"]}
    assert refs == {"EMAIL": False, "LOYALTY_ID": False}, "Ana's e-mail stays hers"


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


def test_a_cart_change_older_than_her_carts_has_them_derived_again_by_at() -> None:
    graph = snapshot({"cus-ana": known(EMAIL_KEY, cart_at=at(5))})
    older = event("ev-1", "cart", 4, ANA_EMAIL, action="ADD", sku="JKT-100", quantity=1)
    newer = event("ev-2", "cart", 6, ANA_EMAIL, action="ADD", sku="JKT-100", quantity=1)
    assert plan_batch([older], graph).carts == {"cus-ana"}
    assert plan_batch([newer], graph).carts == set()

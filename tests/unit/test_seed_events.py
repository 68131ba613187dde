"""The generated journeys are valid contract events, the same every time, covering every channel."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from graph.ingest.events import CHANNELS, EVENT_TYPES, INTERACTION_KINDS, ORDER_STATUSES, Rejection
from graph.ingest.validate import parse_event
from graph.seed.events import EXAMPLE_EVENTS, generate_events, write_events

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "contract" / "examples.jsonl"
PEOPLE = 60


@pytest.fixture(scope="module")
def events() -> list[dict[str, Any]]:
    return generate_events(PEOPLE, seed=42)


def by_person(events: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    people: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        people[event["eventId"].rsplit("-", 1)[0]].append(event)
    return people


def test_the_same_arguments_give_the_same_events_byte_for_byte(
    events: list[dict[str, Any]],
) -> None:
    assert json.dumps(generate_events(PEOPLE, seed=42)) == json.dumps(events)
    assert json.dumps(generate_events(PEOPLE, seed=43)) != json.dumps(events)


def test_events_come_sorted_as_channel_systems_send_them(events: list[dict[str, Any]]) -> None:
    assert events == sorted(events, key=lambda e: (e["at"], e["eventId"]))


def test_every_event_passes_validation(events: list[dict[str, Any]]) -> None:
    rejected = [(e["eventId"], r) for e in events if isinstance(r := parse_event(e), Rejection)]
    assert rejected == []


def test_event_ids_are_unique_and_stable(events: list[dict[str, Any]]) -> None:
    ids = [e["eventId"] for e in events]
    assert len(ids) == len(set(ids))
    generated = [i for i in ids if not i.startswith("ex-")]
    assert all(i.startswith("seed-42-") for i in generated)


def test_about_thirty_events_per_person(events: list[dict[str, Any]]) -> None:
    assert 25 <= (len(events) - len(EXAMPLE_EVENTS)) / PEOPLE <= 35


def test_anas_journey_is_included_unchanged(events: list[dict[str, Any]]) -> None:
    ana = [e for e in events if e["eventId"].startswith("ex-")]
    assert ana == list(EXAMPLE_EVENTS)
    if EXAMPLES.exists():  # the contract's examples, where they are at hand
        lines = [json.loads(line) for line in EXAMPLES.read_text().splitlines() if line.strip()]
        # the same events; ours also name their sending system, which the contract's leave out
        assert all(e["source"] for e in ana)
        assert [{k: v for k, v in e.items() if k != "source"} for e in ana] == lines


def test_the_mix_covers_every_channel_type_and_status(events: list[dict[str, Any]]) -> None:
    assert {e["channel"] for e in events} == set(CHANNELS)
    assert {e["type"] for e in events} == set(EVENT_TYPES)
    kinds = {e["interaction"]["kind"] for e in events if e["type"] == "interaction"}
    assert kinds == set(INTERACTION_KINDS)
    statuses = {e["order"]["status"] for e in events if e["type"] == "order"}
    assert statuses == set(ORDER_STATUSES)
    orders = [e["order"] for e in events if e["type"] == "order" and "lines" in e["order"]]
    assert {e["channel"] for e in events if e["type"] == "order" and "lines" in e["order"]} == {
        "WEB", "MOBILE_APP", "STORE", "CALL_CENTER", "KIOSK", "MARKETPLACE"
    }  # fmt: skip
    assert any(o.get("cartCheckout") for o in orders)
    assert any(o.get("loyaltyPointsEarned") for o in orders)
    for order in orders:
        assert 1 <= len(order["lines"]) <= 4 and order["currency"] == "EUR"
        expected = round(sum(line["quantity"] * line["unitPrice"] for line in order["lines"]), 2)
        assert order["total"] == expected
    actions = {e["support"]["action"] for e in events if e["type"] == "support"}
    assert actions == {"OPEN", "MESSAGE", "RESOLVE", "REOPEN"}
    assert {e["cart"]["action"] for e in events if e["type"] == "cart"} >= {
        "ADD", "REMOVE", "SET_QUANTITY"
    }  # fmt: skip
    assert {e["source"] for e in events if "source" in e} >= {"shopify", "pos", "zendesk", "braze"}


def test_store_orders_come_from_a_till_and_kiosk_orders_from_a_kiosk(
    events: list[dict[str, Any]],
) -> None:
    for event in events:
        if event["type"] == "order" and "lines" in event["order"]:
            if event["channel"] == "STORE":
                assert event["device"]["kind"] == "POS" and event["storeId"]
            if event["channel"] == "KIOSK":
                assert event["device"]["kind"] == "KIOSK" and event["storeId"]


def test_bopis_orders_are_placed_online_and_picked_up_in_store(
    events: list[dict[str, Any]],
) -> None:
    steps: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        if event["type"] == "order":
            steps[event["order"]["orderId"]].append(event)
    bopis = {
        k: v for k, v in steps.items() if v[0]["order"].get("fulfillment") == "PICKUP_IN_STORE"
    }
    assert len(bopis) >= 10
    for order_id, history in bopis.items():
        if order_id == "ord-3002":  # Ana's: placed and picked up, nothing between
            continue
        assert history[0]["channel"] in ("WEB", "MOBILE_APP")
        assert [e["order"]["status"] for e in history] == [
            "PLACED", "PAID", "READY_FOR_PICKUP", "PICKED_UP"
        ]  # fmt: skip
        store = history[0]["order"]["fulfillmentStoreId"]
        assert [(e["channel"], e["storeId"]) for e in history[2:]] == [("STORE", store)] * 2


def test_households_share_one_tablet_with_their_own_emails(events: list[dict[str, Any]]) -> None:
    emails_by_tablet: dict[str, set[str]] = defaultdict(set)
    for event in events:
        device = event.get("device")
        if device and device["kind"] == "TABLET":
            emails = [i["value"] for i in event["identifiers"] if i["type"] == "EMAIL"]
            assert len(emails) == 1, "a shared tablet alone would not say who is using it"
            emails_by_tablet[device["id"]].add(emails[0].strip().lower())
    shared = {tablet: users for tablet, users in emails_by_tablet.items() if len(users) >= 2}
    assert len(shared) >= 2  # Ana's family and at least one generated one
    assert all(len(users) <= 4 for users in shared.values())


def test_person_identifiers_belong_to_one_person(events: list[dict[str, Any]]) -> None:
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for person, journey in by_person(events).items():
        for event in journey:
            parsed = parse_event(event)
            assert not isinstance(parsed, Rejection)
            for ref in parsed.identifiers:
                if ref.type != "DEVICE_ID":  # the households' tablets are shared on purpose
                    owners[(ref.type, ref.value)].add(person)
    shared = {key: people for key, people in owners.items() if len(people) > 1}
    assert shared == {}


def test_redeems_never_exceed_the_running_balance(events: list[dict[str, Any]]) -> None:
    redeems = 0
    for person, journey in by_person(events).items():
        balance = 0
        for event in sorted(journey, key=lambda e: (e["at"], e["eventId"])):
            if event["type"] == "order":
                balance += event["order"].get("loyaltyPointsEarned", 0)
            if event["type"] == "loyalty":
                move = event["loyalty"]
                if move["action"] == "REDEEM":
                    redeems += 1
                    balance -= move["points"]
                else:
                    balance += move["points"]
            assert balance >= 0, f"{person} goes below zero at {event['eventId']}"
    assert redeems >= 10


def test_write_events_writes_one_compact_object_per_line(
    events: list[dict[str, Any]], tmp_path: Path
) -> None:
    path = tmp_path / "events.jsonl"
    write_events(events, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == events
    assert all(": " not in line[:40] and ", " not in line[:40] for line in lines)


def test_the_ids_tests_spell_out_are_the_ones_ingestion_gives_ana_and_rui() -> None:
    from tests.utils.people import ANA, ANA_ID, RUI, RUI_ID

    assert (ANA, RUI) == (ANA_ID, RUI_ID)

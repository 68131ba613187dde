"""What each of Ana's events looks like in a live feed, and the in-process bus that carries it."""

from __future__ import annotations

import asyncio

from graph.ingest.events import Event, IngestResult
from graph.ingest.validate import Rules, parse_event
from resolvers.live.activities import activity_of
from resolvers.live.bus import ActivityBus
from tests.integration.test_journey import journey


def _events() -> list[Event]:
    parsed = [parse_event(raw, Rules()) for raw in journey()]
    return [event for event in parsed if isinstance(event, Event)]


def test_each_of_anas_events_has_a_kind_and_a_summary_without_her_own_words() -> None:
    activities = [activity_of(e, IngestResult(e.event_id, "APPLIED", "cus-ana")) for e in _events()]
    kinds = {a["eventId"]: a["kind"] for a in activities}
    assert kinds["ex-05"] == "CHECK_IN"
    assert kinds["ex-04"] == "CART_CHANGED"
    assert {kinds["ex-08"], kinds["ex-09"], kinds["ex-10"]} == {
        "CASE_OPENED", "CASE_MESSAGE", "CASE_RESOLVED",
    }  # fmt: skip
    assert kinds["ex-12"] == "ORDER_PLACED"
    said = " ".join(a["summary"] for a in activities)
    for private in ("zip of my new jacket", "Photo attached", "Exchange arranged", "boots"):
        assert private not in said
    placed = next(a for a in activities if a["eventId"] == "ex-12")
    assert placed["storeId"] == "store-lisbon-1", "a pickup order is its pickup store's business"
    assert placed["topics"] == ["customer:cus-ana", "store:store-lisbon-1"]


def test_a_merging_event_is_told_to_the_merged_profile_too() -> None:
    visit = next(e for e in _events() if e.event_id == "ex-05")
    result = IngestResult("ex-05", "APPLIED", "cus-ana", merged_customer_ids=["cus-card"])
    topics = activity_of(visit, result)["topics"]
    assert topics == ["customer:cus-ana", "customer:cus-card", "store:store-lisbon-1"]


async def test_the_bus_tells_each_subscriber_once_and_only_its_topics() -> None:
    bus = ActivityBus()
    async with bus.subscribe({"customer:a", "store:s"}) as both, bus.subscribe({"store:t"}) as t:
        await bus.publish([{"eventId": "1", "topics": ["customer:a", "store:s"]}])
        await bus.publish([{"eventId": "2", "topics": ["store:t"]}])
        assert (await asyncio.wait_for(anext(both), 1))["eventId"] == "1"
        assert (await asyncio.wait_for(anext(t), 1))["eventId"] == "2"
        assert both._queue.empty(), "once, though it names two of its topics"
    assert bus.listeners("store:s") == 0, "leaving unsubscribes"

"""Ana's and Rui's journey (`examples.jsonl`), and small event sets built around it.

await ingest(client, [*example_events(), event("x-1", "cart", "WEB", EMAIL, cart={...})])
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

from graph.seed.events import EXAMPLE_EVENTS
from tests.utils.graphql import GraphQLClient

Event = dict[str, Any]
ANA_EMAIL = [("EMAIL", "ana.lima@example.com")]
ANA_PHONE = [("PHONE", "+351912345678")]

INGEST = """mutation($events: [EventInput!]!) { ingestEvents(events: $events) {
    eventId status customerId error { code field message } } }"""


def example_events() -> list[Event]:
    return copy.deepcopy(list(EXAMPLE_EVENTS))


def events_before(event_id: str) -> list[Event]:
    """The examples up to, not including, `event_id`: the journey stopped at that moment."""
    events = example_events()
    return events[: [e["eventId"] for e in events].index(event_id)]


def event(
    event_id: str,
    kind: str,
    channel: str,
    ids: list[tuple[str, str]],
    at: str | datetime,
    **payload: Any,
) -> Event:
    """One contract event; `payload` is its payload field (`cart={...}`) plus envelope extras
    (`storeId`, `device`)."""
    moment = at.isoformat() if isinstance(at, datetime) else at
    body: Event = {"eventId": event_id, "type": kind, "at": moment, "channel": channel,
                   "identifiers": [{"type": t, "value": v} for t, v in ids]}  # fmt: skip
    body.update(payload)
    return body


def days_ago(days: float) -> datetime:
    return (datetime.now(UTC) - timedelta(days=days)).replace(microsecond=0)


async def ingest(client: GraphQLClient, events: list[Event]) -> list[dict[str, Any]]:
    """Apply `events`; every one must be APPLIED."""
    results: list[dict[str, Any]] = (await client.data(INGEST, {"events": events}))["ingestEvents"]
    rejected = [r for r in results if r["status"] != "APPLIED"]
    assert not rejected, rejected
    return results

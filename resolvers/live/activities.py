"""Applied events as live activities: what a store or an agent watching a customer is told.

The ingestion pipeline calls `announcer(bus)` with each committed batch's applied events; every
event becomes one small activity, published on the topics of its customer (and of the profiles
it merged into that customer) and of its store:

    pipeline = Pipeline(driver, database, on_applied=announcer(bus))

Summaries never quote free text a customer wrote (messages, reviews, searches).
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.ingest.events import Event, IngestResult
from graph.ingest.pipeline import OnApplied
from resolvers.live.bus import Activity, ActivityBus

_CASE_KINDS = {
    "OPEN": "CASE_OPENED",
    "MESSAGE": "CASE_MESSAGE",
    "RESOLVE": "CASE_RESOLVED",
    "REOPEN": "CASE_REOPENED",
}
_ORDER_KINDS = {"PLACED": "ORDER_PLACED", "READY_FOR_PICKUP": "PICKUP_READY"}
_INTERACTION_KINDS = {"STORE_VISIT": "CHECK_IN", "APPOINTMENT": "APPOINTMENT"}


def customer_topic(customer_id: str) -> str:
    return f"customer:{customer_id}"


def store_topic(store_id: str) -> str:
    return f"store:{store_id}"


def activity_kind(event: Event) -> str:
    """
    >>> from datetime import datetime, timezone
    >>> visit = Event("e1", "interaction", datetime.now(timezone.utc), "STORE", [],
    ...               {"kind": "STORE_VISIT"}, store_id="store-lisbon-1")
    >>> activity_kind(visit)
    'CHECK_IN'
    """
    payload = event.payload
    match event.type:
        case "interaction":
            return _INTERACTION_KINDS.get(payload["kind"], "INTERACTION")
        case "cart":
            return "CART_CHANGED"
        case "order":
            return _ORDER_KINDS.get(payload["status"], "ORDER_UPDATED")
        case "support":
            return _CASE_KINDS[payload["action"]]
        case "consent":
            return "CONSENT_CHANGED"
        case "loyalty":
            return "LOYALTY_CHANGED"
    return "PROFILE_UPDATED"  # identify


def _summary(event: Event, kind: str, store_id: str | None) -> str:
    p = event.payload
    where = f" at {store_id}" if store_id else ""
    match kind:
        case "CHECK_IN":
            return f"Checked in{where}"
        case "APPOINTMENT":
            return f"Appointment{where}"
        case "INTERACTION":
            return f"{p['kind'].replace('_', ' ').capitalize()} on {event.channel}"
        case "CART_CHANGED":
            if p["action"] == "CLEAR":
                return "Cart cleared"
            quantity = f"{p['quantity']} x " if p.get("quantity") is not None else ""
            return f"Cart: {p['action']} {quantity}{p.get('sku')}"
        case "ORDER_PLACED":
            total = f": {p['total']:.2f} {p['currency']}" if p.get("total") is not None else ""
            return f"Order {p['orderId']} placed{total}"
        case "PICKUP_READY":
            return f"Order {p['orderId']} ready for pickup{where}"
        case "ORDER_UPDATED":
            return f"Order {p['orderId']}: {p['status'].replace('_', ' ').lower()}"
        case "CASE_OPENED":
            subject = f": {p['subject']}" if p.get("subject") else ""
            return f"Case {p['caseId']} opened{subject}"
        case "CASE_MESSAGE" | "CASE_RESOLVED" | "CASE_REOPENED":
            verb = kind.removeprefix("CASE_").lower()
            return (
                f"Case {p['caseId']} {'message' if verb == 'message' else verb} on {event.channel}"
            )
        case "CONSENT_CHANGED":
            answer = "granted" if p["granted"] else "refused"
            return f"{p['purpose'].capitalize()} by {p['channel']} {answer}"
        case "LOYALTY_CHANGED":
            return f"Loyalty {p['action'].lower()}: {p['points']} points"
    return "Profile updated"


def _store_of(event: Event, kind: str) -> str | None:
    # a pickup is the fulfilment store's business, whichever system announced it
    if event.type == "order" and kind in ("PICKUP_READY", "ORDER_PLACED"):
        return event.payload.get("fulfillmentStoreId") or event.store_id
    return event.store_id


def activity_of(event: Event, result: IngestResult) -> Activity:
    kind = activity_kind(event)
    store_id = _store_of(event, kind)
    topics = [customer_topic(c) for c in [result.customer_id, *result.merged_customer_ids] if c]
    if store_id:
        topics.append(store_topic(store_id))
    if event.store_id and event.store_id != store_id:
        topics.append(store_topic(event.store_id))
    return {
        "eventId": event.event_id,
        "type": event.type,
        "kind": kind,
        "customerId": result.customer_id,
        "mergedCustomerIds": list(result.merged_customer_ids),
        "storeId": store_id,
        "channel": event.channel,
        "at": event.at.isoformat(),
        "summary": _summary(event, kind, store_id),
        "topics": topics,
    }


def announcer(bus: ActivityBus) -> OnApplied:
    """The pipeline's `on_applied` hook that publishes each applied event on `bus`."""

    async def announce(applied: Sequence[tuple[Event, IngestResult]]) -> None:
        await bus.publish([activity_of(event, result) for event, result in applied])

    return announce

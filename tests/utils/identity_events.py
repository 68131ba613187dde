"""Events and questions for the identity-resolution scenarios (tests/integration/
test_identity_rules.py, test_identity_merges.py): Ana's and Rui's identifiers, events built from
them, and what the API answers about who owns an identifier.
"""

from __future__ import annotations

from typing import Any

from tests.utils.graphql import GraphQLClient

INGEST = """mutation($events: [EventInput!]!) { ingestEvents(events: $events) {
    eventId status customerId mergedCustomerIds warnings error { code field message } } }"""

WHO = """query($type: IdentifierType!, $value: String!) {
  customerByIdentifier(type: $type, value: $value) {
    id anonymous givenName
    identifiers { type value }
    devices { id kind }
    interactions { totalCount }
    orders { edges { node { id device { id kind } } } }
    identity {
      merges { id mergedCustomerId eventId linkedBy { type value } }
      conflicts { reason eventId customerIds identifiers { type value } }
    }
  }
}"""

BY_ID = "query($id: ID!) { customer(id: $id) { id givenName anonymous } }"

ANA = ("EMAIL", "ana.lima@example.com")
RUI = ("EMAIL", "rui.lima@example.com")
ANA_PHONE = ("PHONE", "+351912345678")
ANA_CARD = ("LOYALTY_ID", "LN-5521")
RUI_CARD = ("LOYALTY_ID", "LN-7788")
COOKIE = ("COOKIE_ID", "ck-7f3a")
TABLET = {"id": "dev-family-tablet", "kind": "TABLET"}
POS = {"id": "pos-lisbon-1-03", "kind": "POS"}


def at(day: int, hour: int = 10) -> str:
    return f"2026-03-{day:02d}T{hour:02d}:00:00Z"


def event(
    event_id: str, kind: str, when: str, channel: str, *ids: tuple[str, str], **rest: Any
) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "eventId": event_id,
        "type": kind,
        "at": when,
        "channel": channel,
        "identifiers": [{"type": t, "value": v} for t, v in ids],
    }
    if channel in ("STORE", "KIOSK"):
        raw["storeId"] = "store-lisbon-1"
    raw.update(rest)
    return raw


def visit(event_id: str, when: str, channel: str, *ids: tuple[str, str], **rest: Any) -> Any:
    """Someone looks at a jacket."""
    interaction = {"kind": "PRODUCT_VIEW", "sku": "JKT-100"}
    return event(event_id, "interaction", when, channel, *ids, interaction=interaction, **rest)


def identify(
    event_id: str,
    when: str,
    channel: str,
    *ids: tuple[str, str],
    device: dict[str, str] | None = None,
    **traits: Any,
) -> Any:
    rest: dict[str, Any] = {"device": device} if device else {}
    return event(event_id, "identify", when, channel, *ids, traits=traits, **rest)


def order(
    event_id: str, when: str, channel: str, order_id: str, *ids: tuple[str, str], **rest: Any
) -> Any:
    body = {
        "orderId": order_id,
        "status": "PAID",
        "currency": "EUR",
        "total": 120.0,
        "fulfillment": "IN_STORE",
        "lines": [{"sku": "JKT-100", "quantity": 1, "unitPrice": 120.0}],
    }
    return event(event_id, "order", when, channel, *ids, order=body, **rest)


async def ingest(client: GraphQLClient, *events: dict[str, Any]) -> list[dict[str, Any]]:
    """Send the events in one call; every one must be applied."""
    body = await client.data(INGEST, {"events": list(events)})
    results: list[dict[str, Any]] = body["ingestEvents"]
    assert [r["status"] for r in results] == ["APPLIED"] * len(events), results
    return results


async def send(client: GraphQLClient, *events: dict[str, Any]) -> list[dict[str, Any]]:
    """Send each event in its own call, in this order: arrival order is the test's to choose."""
    return [(await ingest(client, e))[0] for e in events]


async def who(client: GraphQLClient, identifier: tuple[str, str]) -> dict[str, Any] | None:
    kind, value = identifier
    body = await client.data(WHO, {"type": kind, "value": value})
    customer: dict[str, Any] | None = body["customerByIdentifier"]
    return customer


async def known(client: GraphQLClient, identifier: tuple[str, str]) -> dict[str, Any]:
    customer = await who(client, identifier)
    assert customer is not None, f"nobody has {identifier}"
    return customer


def keys(customer: dict[str, Any]) -> set[tuple[str, str]]:
    return {(i["type"], i["value"]) for i in customer["identifiers"]}


async def live_customers(client: GraphQLClient, ids: list[str]) -> set[str]:
    """The ids the API answers for: merged-away ids answer with their survivor."""
    found = set()
    for customer_id in ids:
        customer = (await client.data(BY_ID, {"id": customer_id}))["customer"]
        found.add(customer["id"])
    return found

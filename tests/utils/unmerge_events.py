"""The anonymous visitor who logs in as Ana, as events, and what the API says of a profile
(tests/integration/test_unmerge.py, test_unmerge_restores.py).
"""

from __future__ import annotations

from typing import Any

from tests.utils.graphql import GraphQLClient

INGEST = """mutation($events: [EventInput!]!) { ingestEvents(events: $events) {
    eventId status customerId mergedCustomerIds warnings error { code field message } } }"""

UNMERGE = """mutation($id: ID!) { unmergeCustomer(mergeId: $id) { id anonymous givenName } }"""

PROFILE = """query($id: ID!) { customer(id: $id) {
  id anonymous givenName
  identifiers { type value }
  interactions { edges { node { id } } }
  orders { edges { node { id status } } }
  cart { items { sku quantity } }
  supportCases { id messages { text } }
  consents { purpose channel granted }
  loyalty { points }
  stats { lifetimeValue orderCount }
  identity { merges { id mergedCustomerId } }
} }"""

COOKIE = {"type": "COOKIE_ID", "value": "ck-7f3a"}
EMAIL = {"type": "EMAIL", "value": "ana.lima@example.com"}


def event(
    event_id: str, kind: str, day: int, channel: str, *ids: dict[str, str], **rest: Any
) -> Any:
    raw = {
        "eventId": event_id,
        "type": kind,
        "at": f"2026-03-{day:02d}T10:00:00Z",
        "channel": channel,
        "identifiers": list(ids),
    }
    raw.update(rest)
    return raw


def visit(event_id: str, day: int, channel: str, *ids: dict[str, str]) -> Any:
    return event(event_id, "interaction", day, channel, *ids, interaction={"kind": "PAGE_VIEW"})


def placed(event_id: str, day: int, order_id: str, *ids: dict[str, str], total: float) -> Any:
    body = {
        "orderId": order_id,
        "status": "PLACED",
        "currency": "EUR",
        "total": total,
        "fulfillment": "SHIP",
        "lines": [{"sku": f"SKU-{order_id}", "quantity": 1, "unitPrice": total}],
    }
    return event(event_id, "order", day, "WEB", *ids, order=body)


def added_to_cart(event_id: str, day: int, sku: str, *ids: dict[str, str]) -> Any:
    cart = {"action": "ADD", "sku": sku, "quantity": 1, "unitPrice": 10.0}
    return event(event_id, "cart", day, "WEB", *ids, cart=cart)


# What the anonymous web visitor did before logging in: browsing, a cart, a guest order, a chat.
VISITOR = [
    visit("web-1", 1, "WEB", COOKIE),
    added_to_cart("web-2", 1, "SCF-020", COOKIE),
    placed("web-3", 1, "ord-guest", COOKIE, total=35.5),
    event(
        "chat-1", "support", 1, "CHAT", COOKIE,
        support={"caseId": "case-77", "action": "OPEN", "subject": "Delivery", "text": "When?"},
    ),
    event(
        "web-4", "consent", 1, "WEB", COOKIE,
        consent={"purpose": "ANALYTICS", "channel": "ALL", "granted": True},
    ),
]  # fmt: skip

# Ana, known on the app.
ANA = [
    event("app-1", "identify", 2, "MOBILE_APP", EMAIL, traits={"givenName": "Ana"}),
    visit("app-2", 2, "MOBILE_APP", EMAIL),
    placed("app-3", 2, "ord-app", EMAIL, total=120.0),
    event("app-4", "loyalty", 2, "MOBILE_APP", EMAIL, loyalty={"action": "EARN", "points": 50}),
]

LOGIN = visit("web-5", 3, "WEB", COOKIE, EMAIL)  # the cookie logs in: stitched to Ana


async def ingest(client: GraphQLClient, *events: Any) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    for raw in events:  # one call each: arrival order is the scenario's
        (result,) = (await client.data(INGEST, {"events": [raw]}))["ingestEvents"]
        assert result["status"] == "APPLIED", result
        results.append(result)
    return results


async def profile(client: GraphQLClient, customer_id: str) -> dict[str, Any]:
    customer: dict[str, Any] = (await client.data(PROFILE, {"id": customer_id}))["customer"]
    return customer


async def stitched(client: GraphQLClient) -> tuple[str, str, str]:
    """The visitor and Ana, then the login that merges them: (visitor, Ana, merge id)."""
    visitor = (await ingest(client, *VISITOR))[0]["customerId"]
    ana = (await ingest(client, *ANA))[0]["customerId"]
    (login,) = await ingest(client, LOGIN)
    assert login["customerId"] == ana and login["mergedCustomerIds"] == [visitor]
    (merge,) = (await profile(client, ana))["identity"]["merges"]
    assert merge["mergedCustomerId"] == visitor
    return visitor, ana, str(merge["id"])


def ids(connection: dict[str, Any]) -> set[str]:
    return {edge["node"]["id"] for edge in connection["edges"]}

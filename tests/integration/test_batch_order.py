"""Within one batch, events of one person that share no identifier still add up."""

from __future__ import annotations

from tests.utils.graphql import GraphQLClient

INGEST = """mutation($events: [EventInput!]!) { ingestEvents(events: $events) {
    eventId status error { code field } } }"""


def loyalty(
    event_id: str, minute: int, ident: dict[str, str], action: str, points: int
) -> dict[str, object]:
    return {
        "eventId": event_id, "type": "loyalty", "at": f"2026-05-01T10:{minute:02d}:00Z",
        "channel": "MOBILE_APP", "identifiers": [ident],
        "loyalty": {"action": action, "points": points, "reference": event_id},
    }  # fmt: skip


async def test_a_redeem_by_email_waits_for_points_earned_on_the_card(client: GraphQLClient) -> None:
    email = {"type": "EMAIL", "value": "mia@example.com"}
    card = {"type": "LOYALTY_ID", "value": "LN-MIA"}
    link = {
        "eventId": "mia-0", "type": "identify", "at": "2026-05-01T09:00:00Z", "channel": "STORE",
        "storeId": "store-1", "identifiers": [email, card], "traits": {"givenName": "Mia"},
    }  # fmt: skip
    await client.data(INGEST, {"events": [link]})
    # the two events share no identifier, so they may run in either order
    batch = [
        loyalty("mia-1", 5, email, "REDEEM", 30),
        loyalty("mia-2", 1, card, "EARN", 50),
    ]
    results = (await client.data(INGEST, {"events": batch}))["ingestEvents"]
    assert [r["status"] for r in results] == ["APPLIED", "APPLIED"], results
    mia = await client.data(
        '{ customerByIdentifier(type: EMAIL, value: "mia@example.com") { loyalty { points } } }'
    )
    assert mia["customerByIdentifier"]["loyalty"]["points"] == 20

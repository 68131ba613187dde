"""Events for customers already in the demo data add to what earlier events wrote."""

from __future__ import annotations

from neo4j import AsyncDriver

from tests.conftest import wipe
from tests.utils.graphql import GraphQLClient
from tests.utils.people import ANA

INGEST = """mutation($events: [EventInput!]!) { ingestEvents(events: $events) {
    status customerId error { code field message } } }"""


async def test_a_new_trait_for_seeded_ana_keeps_her_other_traits_and_points(
    graphql: GraphQLClient, demo_graph: AsyncDriver, database: str
) -> None:
    event = {
        "eventId": "seeded-1",
        "type": "identify",
        "at": "2026-04-01T10:00:00Z",
        "channel": "STORE",
        "storeId": "store-lisbon-1",
        "identifiers": [{"type": "PHONE", "value": "+351 912 345 678"}],
        "traits": {"sizes": {"shoe": "38"}},
    }
    try:
        (result,) = (await graphql.data(INGEST, {"events": [event]}))["ingestEvents"]
        assert (result["status"], result["customerId"]) == ("APPLIED", ANA)
        ana = (
            await graphql.data(
                '{ customer(id: "%s") { givenName familyName locale sizes loyalty { points } '
                "identifiers { type value } } }" % ANA
            )
        )["customer"]
        assert (ana["givenName"], ana["familyName"], ana["locale"]) == ("Ana", "Lima", "pt-BR")
        assert ana["sizes"]["shoe"] == "38"
        assert ana["loyalty"]["points"] == 20
        assert {"type": "LOYALTY_ID", "value": "LN-5521"} in ana["identifiers"]
    finally:
        await wipe(demo_graph, database)  # the next test that needs the demo data reseeds it

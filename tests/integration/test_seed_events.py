"""Generated journeys, replayed through the pipeline, leave stitched customers (one per person)."""

from __future__ import annotations

from typing import Any

from neo4j import AsyncDriver

from graph.ingest.pipeline import Pipeline
from graph.seed.events import generate_events
from tests.utils.graphql import GraphQLClient

PEOPLE = 30

ANA = """query($email: String!) { customerByIdentifier(type: EMAIL, value: $email) {
  stats { lifetimeValue orderCount }
  loyalty { points }
  identity { merges { eventId } }
} }"""


async def rows(driver: AsyncDriver, database: str, cypher: str) -> list[dict[str, Any]]:
    records, _, _ = await driver.execute_query(cypher, database_=database)
    return [record.data() for record in records]


async def test_generated_journeys_apply_and_stitch_every_person_into_one_customer(
    empty_graph: AsyncDriver, database: str, client: GraphQLClient
) -> None:
    events = generate_events(PEOPLE, seed=3)
    results = await Pipeline(empty_graph, database).ingest(events)

    rejected = [r.as_json() for r in results if r.status != "APPLIED"]
    assert rejected == []
    assert len(results) == len(events)

    # every anonymous cookie and every loyalty-card profile was stitched into its person:
    # the 30 generated people, Ana and Rui, and no identity conflict on the way
    counts = await rows(empty_graph, database, """
        MATCH (c:Customer)
        RETURN count(c) AS customers, sum(CASE WHEN c.anonymous THEN 1 ELSE 0 END) AS anonymous,
               COUNT { (:IdentityConflict) } AS conflicts""")  # fmt: skip
    assert counts == [{"customers": PEOPLE + 2, "anonymous": 0, "conflicts": 0}]
    stitched = await rows(empty_graph, database, """
        MATCH (c:Customer)-[:ABSORBED]->(m:Merge)
        RETURN count(DISTINCT c) AS customers, count(m) AS merges""")  # fmt: skip
    assert stitched[0]["customers"] >= PEOPLE // 2
    assert stitched[0]["merges"] > stitched[0]["customers"]  # cookie and loyalty card for some

    # family members share the tablet and stay separate customers with their own emails
    families = await rows(empty_graph, database, """
        MATCH (d:Device {kind: 'TABLET'})<-[:USES_DEVICE]-(c:Customer)
        WITH d, count(c) AS members, collect(DISTINCT c.familyName) AS names
        WHERE members >= 2
        RETURN d.id AS tablet, members, size(names) AS families""")  # fmt: skip
    assert families, "at least one generated household besides Ana's"
    assert all(2 <= f["members"] <= 4 and f["families"] == 1 for f in families)

    # click and collect: placed online, picked up in the store's own system
    pickups = await rows(empty_graph, database, """
        MATCH (o:Order {fulfillment: 'PICKUP_IN_STORE'})
        OPTIONAL MATCH (o)-[:HAS_STATUS]->(s:OrderStatus {status: 'PICKED_UP', channel: 'STORE'})
        RETURN o.id AS id, o.status AS status, o.channel AS channel, count(s) AS storeSteps""")  # fmt: skip
    assert len(pickups) >= 5
    for order in pickups:
        assert order["status"] == "PICKED_UP" and order["storeSteps"] == 1, order
        assert order["channel"] in ("WEB", "MOBILE_APP"), order

    # Ana ends as EVENTS.md says, whoever else was loaded around her
    data = await client.data(ANA, {"email": "ana.lima@example.com"})
    ana = data["customerByIdentifier"]
    assert len(ana["identity"]["merges"]) == 2
    assert ana["loyalty"]["points"] == 20
    assert ana["stats"] == {"lifetimeValue": 155.5, "orderCount": 2}

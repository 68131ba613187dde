"""`omnigraph seed`: the catalogue and generated journeys, through the ingestion pipeline."""

from __future__ import annotations

from neo4j import AsyncDriver

from graph.seed import seed_journeys
from tests.conftest import wipe
from tests.utils.graph_dump import differences, graph_dump

PEOPLE = 24


async def test_bulk_seed_builds_exactly_the_graph_of_the_demo_seed(
    empty_graph: AsyncDriver, database: str
) -> None:
    demo = await seed_journeys(empty_graph, database, PEOPLE, seed=11, progress=False)
    assert demo.counts["APPLIED"] == demo.events > PEOPLE * 20
    expected = await graph_dump(empty_graph, database)

    await wipe(empty_graph, database)
    bulk = await seed_journeys(empty_graph, database, PEOPLE, seed=11, bulk=True, progress=False)
    assert bulk.counts == demo.counts
    actual = await graph_dump(empty_graph, database)
    assert actual == expected, differences(actual, expected)


async def test_seeding_again_adds_nothing(empty_graph: AsyncDriver, database: str) -> None:
    await seed_journeys(empty_graph, database, 6, seed=2, progress=False)
    before = await graph_dump(empty_graph, database)
    again = await seed_journeys(empty_graph, database, 6, seed=2, progress=False)
    assert again.counts["DUPLICATE"] == again.events and again.counts["APPLIED"] == 0
    after = await graph_dump(empty_graph, database)
    assert after == before, differences(after, before)


async def test_the_catalogue_comes_first_so_orders_and_visits_meet_real_stores_and_products(
    empty_graph: AsyncDriver, database: str
) -> None:
    await seed_journeys(empty_graph, database, 6, seed=2, progress=False)
    records, _, _ = await empty_graph.execute_query(
        """MATCH (s:Store) WITH count(s) AS stores, count(s.name) AS named
           MATCH (o:Order)-[:CONTAINS]->(p:Product)
           RETURN stores, named, count(p) AS lines, count(p.brand) AS branded""",
        database_=database,
    )
    row = records[0]
    assert row["stores"] == row["named"] > 0
    assert row["lines"] == row["branded"] > 0

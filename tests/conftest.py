"""Fixtures shared by every test: a real Neo4j, the driver, the app, and a GraphQL client.

When `NEO4J_URI` is set the tests use that server (its database is wiped: point it at a test
database!). Otherwise they start the project's own local Neo4j on `OMNIGRAPH_TEST_NEO4J_PORT`
(default 7691) with its data under `.neo4j/test`, and stop it at the end.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from neo4j import AsyncDriver

from gateway.settings import Settings
from graph import driver as graph_driver
from graph.driver import open_driver
from graph.local_neo4j import LocalNeo4j
from graph.migrations import migrate
from tests.utils.graphql import GraphQLClient

ROOT = Path(__file__).resolve().parent.parent
# Tests mint their own tokens with this secret; rate limits are tested on apps of their own.
TEST_SECRET = "omnigraph-test-secret-0123456789-abcdefghijklmnop"
# Every read the tests run is checked to return maps and scalars only, never a node (reads use
# rows as decoded, see graph/driver.py); the gateways tests start as processes check too.
os.environ["OMNIGRAPH_CHECK_READS"] = "1"
graph_driver.CHECK_READS = True


@pytest.fixture(scope="session")
def settings() -> Iterator[Settings]:
    if os.environ.get("NEO4J_URI"):
        yield dataclasses.replace(
            Settings.from_env(),
            auth=True,
            jwt_secret=TEST_SECRET,
            jwt_secret_is_dev=False,
            jwks=None,
            rate_limit=0,
            redis_url=None,  # the live-update tests start their own
        )
        return
    port = int(os.environ.get("OMNIGRAPH_TEST_NEO4J_PORT", "7691"))
    home = ROOT / ".neo4j"
    server = LocalNeo4j(
        home=home / "test", port=port, password="omnigraph-test", heap="1g", pagecache="256m"
    )
    # share the jars fetched for the main local server instead of fetching them twice
    LocalNeo4j(home=home, port=port, password="-").install()
    lib = home / "test" / "lib"
    if not lib.exists():
        lib.parent.mkdir(parents=True, exist_ok=True)
        lib.symlink_to(home / "lib", target_is_directory=True)
    (home / "test" / "lib.stamp").write_text((home / "lib.stamp").read_text())
    server.start()
    yield Settings.from_env(
        {
            "NEO4J_URI": server.uri,
            "NEO4J_PASSWORD": "omnigraph-test",
            "OMNIGRAPH_NEO4J_PORT": str(port),
            "OMNIGRAPH_JWT_SECRET": TEST_SECRET,
            "OMNIGRAPH_RATE_LIMIT": "0",
        }
    )
    server.stop()


@pytest.fixture(scope="session")
def database(settings: Settings) -> str:
    return settings.neo4j_database


@pytest.fixture(scope="session")
async def neo4j_driver(settings: Settings) -> AsyncIterator[AsyncDriver]:
    driver = open_driver(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password)
    await driver.verify_connectivity()
    await migrate(driver, settings.neo4j_database)
    yield driver
    await driver.close()


async def wipe(driver: AsyncDriver, database: str) -> None:
    """Delete all data but the migration state and reference data (and forget the demo data)."""
    async with driver.session(database=database) as session:  # IN TRANSACTIONS: auto-commit
        result = await session.run(
            "MATCH (n) WHERE NOT n:Meta AND NOT n:Channel "
            "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS"
        )
        await result.consume()
    await driver.execute_query("MATCH (m:Meta {name: 'demo'}) DELETE m", database_=database)


DEMO_CUSTOMERS = 60
DEMO_SEED = 7


async def _demo(driver: AsyncDriver, database: str, story: datetime | None) -> AsyncDriver:
    """The demo data, seeded unless the graph already holds it: without the day in the store,
    or with the story of `story`'s day (told on top of the plain demo data when that is there).
    The marker `(:Meta {name: 'demo', story})` says which; a test that changes the demo data
    deletes it, and the next test that needs the demo data seeds it again."""
    from graph.seed import seed_journeys
    from graph.seed.load import tell_story

    day = story.date().isoformat() if story else None
    records, _, _ = await driver.execute_query(
        "OPTIONAL MATCH (m:Meta {name: 'demo'}) RETURN m IS NOT NULL AS present, m.story AS story",
        database_=database,
    )
    present, seeded = records[0]["present"], records[0]["story"]
    if present and (seeded.isoformat() if seeded else None) == day:
        return driver
    if present and seeded is None and story is not None:
        await tell_story(driver, database, story)
    else:
        await wipe(driver, database)
        await seed_journeys(
            driver, database, DEMO_CUSTOMERS, seed=DEMO_SEED, progress=False, story=story
        )
    await driver.execute_query(
        "MERGE (m:Meta {name: 'demo'}) SET m.story = CASE WHEN $day IS NULL THEN null "
        "ELSE date($day) END",
        day=day,
        database_=database,
    )
    return driver


@pytest.fixture
async def demo_graph(neo4j_driver: AsyncDriver, database: str) -> AsyncDriver:
    """The demo data set: the catalogue, Ana, Rui and 60 generated people's journeys, all dated
    as the generator dates them (the same graph on any day).

    Seeded once and kept while tests only read it; a test that wipes the graph (ingestion, seed)
    removes the marker, and the next test that needs the demo data seeds it again.
    """
    return await _demo(neo4j_driver, database, None)


@pytest.fixture
async def demo_day(neo4j_driver: AsyncDriver, database: str) -> AsyncDriver:
    """The demo data as `make demo` loads it: `demo_graph` and today's story in store-lisbon-1
    (`graph/seed/story.py`), timed back from now: Ana's cart, pickups ready, visits today..."""
    return await _demo(neo4j_driver, database, datetime.now(UTC))


@pytest.fixture
def graphql(demo_graph: AsyncDriver, settings: Settings) -> GraphQLClient:
    """A client of the gateway serving the demo data."""
    return GraphQLClient(demo_graph, settings)


@pytest.fixture
async def empty_graph(neo4j_driver: AsyncDriver, database: str) -> AsyncDriver:
    """A graph with no data at all, for tests that build their own (ingestion)."""
    await wipe(neo4j_driver, database)
    return neo4j_driver


@pytest.fixture
def client(empty_graph: AsyncDriver, settings: Settings) -> GraphQLClient:
    """A client of the gateway over an empty graph."""
    return GraphQLClient(empty_graph, settings)


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A real `redis-server` of the tests' own (port: `OMNIGRAPH_TEST_REDIS_PORT` or a free one).
    Missing redis-server fails the tests that need it: they never skip."""
    from tests.utils.gateway_process import free_port
    from tests.utils.redis_server import MISSING, RedisServer

    if shutil.which("redis-server") is None:
        pytest.fail(MISSING)
    port = int(os.environ.get("OMNIGRAPH_TEST_REDIS_PORT") or free_port())
    with RedisServer.start(port) as server:
        yield server.url

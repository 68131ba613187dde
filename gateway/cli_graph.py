"""The `omnigraph` commands that look after the graph: the local Neo4j server, migrations, the
demo data (`seed`) and `import` of event files. `gateway/cli.py` parses the arguments and calls
these.
"""

from __future__ import annotations

import argparse

from gateway.settings import Settings
from graph.local_neo4j import LocalNeo4j


def local_server(settings: Settings) -> LocalNeo4j:
    return LocalNeo4j(
        home=settings.local_home,
        port=settings.local_port,
        password=settings.neo4j_password,
        heap=settings.local_heap,
        pagecache=settings.local_pagecache,
    )


def neo4j(settings: Settings, action: str) -> int:
    server = local_server(settings)
    if action == "start":
        if settings.neo4j_uri_from_env:
            print(f"NEO4J_URI is set ({settings.neo4j_uri}): not starting a local Neo4j")
            return 0
        started = server.start()
        print(f"Neo4j is ready at {server.uri} (pid {started}, data in {server.home / 'data'})")
    elif action == "stop":
        print("Neo4j stopped" if server.stop() else "Neo4j was not running")
    elif action == "install":
        server.install()
        print(f"Neo4j jars are in {server.lib}")
    else:
        pid = server.pid()
        if pid is None:
            print("Neo4j is not running")
            return 3
        print(f"Neo4j is running at {server.uri} (pid {pid})")
    return 0


async def migrate(settings: Settings) -> int:
    from graph.driver import open_reachable_driver
    from graph.migrations import LATEST_VERSION, migrate

    driver = await open_reachable_driver(
        settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password
    )
    try:
        applied = await migrate(driver, settings.neo4j_database)
    finally:
        await driver.close()
    for migration in applied:
        print(f"applied migration {migration.version}: {migration.description}")
    print(f"schema is at version {LATEST_VERSION}")
    return 0


async def seed(settings: Settings, args: argparse.Namespace) -> int:
    from graph.driver import open_reachable_driver
    from graph.migrations import ensure_current

    if args.emit:
        from graph.seed.events import generate_events, write_events

        events = generate_events(args.customers, seed=args.seed)
        write_events(events, args.emit)
        print(
            f"wrote {len(events)} events for {args.customers} people (+ Ana and Rui) to {args.emit}"
        )
        return 0
    from datetime import UTC, datetime

    from graph.ingest.validate import Rules
    from graph.seed import seed_journeys

    driver = await open_reachable_driver(
        settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password
    )
    try:
        await ensure_current(driver, settings.neo4j_database)
        report = await seed_journeys(
            driver, settings.neo4j_database, args.customers, seed=args.seed, bulk=args.bulk,
            rules=Rules(settings.default_region),
            story=None if args.no_story else datetime.now(UTC),
        )  # fmt: skip
    finally:
        await driver.close()
    print(report.summary())
    return 1 if report.counts["REJECTED"] else 0


async def import_events(
    settings: Settings, path: str, errors: str | None, progress: bool, batch: int
) -> int:
    from pathlib import Path

    from graph.driver import open_reachable_driver
    from graph.ingest.importer import import_file
    from graph.migrations import ensure_current
    from resolvers.ingest import ingest_pipeline
    from resolvers.live.bus import RedisActivityBus

    driver = await open_reachable_driver(
        settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password
    )
    # with REDIS_URL, the gateways' live subscribers see imported events too
    bus = (
        RedisActivityBus(settings.redis_url, settings.neo4j_database)
        if settings.redis_url
        else None
    )
    try:
        await ensure_current(driver, settings.neo4j_database)
        pipeline = ingest_pipeline(
            driver, settings.neo4j_database, settings.default_region, bus, batch=batch
        )
        report = await import_file(
            pipeline, path, errors_to=Path(errors) if errors else None, progress=progress
        )
    finally:
        await driver.close()
        if bus is not None:
            await bus.close()
    print(report.summary())
    return 1 if report.rejected else 0

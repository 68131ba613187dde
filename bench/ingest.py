"""Ingestion benchmark: events/s for bulk import and for `ingestEvents` batches of 100.

Against a running gateway and its Neo4j (`make demo` or `omnigraph serve`), from this process:

    python -m bench.ingest --people 300 --url http://127.0.0.1:8000

1. bulk: the journeys of `--people` synthetic people (10 events each: anonymous browsing that
   logs in, a loyalty card met in store and merged, an order with checkout, a case over two
   channels, consent, points earned and redeemed) through the same code as `omnigraph import`;
2. GraphQL: the journeys of as many other people through `ingestEvents`, 100 events a call.

Prints events/s for both and writes `bench/results/ingest-<timestamp>.json`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path
from typing import Any

import httpx

from gateway.settings import Settings
from graph.driver import open_driver
from graph.ingest.lines import Line, ingest_lines
from graph.ingest.pipeline import Pipeline
from tests.utils.journeys import journeys

MUTATION = """mutation($events: [EventInput!]!) { ingestEvents(events: $events) { status } }"""


async def bulk(people: int, prefix: str) -> dict[str, Any]:
    settings = Settings.from_env()
    driver = open_driver(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password)
    events = journeys(people, prefix)
    pipeline = Pipeline(driver, settings.neo4j_database)
    started = time.perf_counter()
    statuses: dict[str, int] = {}
    for start in range(0, len(events), 500):
        batch = [Line(n, event=e) for n, e in enumerate(events[start : start + 500], start)]
        for result in await ingest_lines(pipeline, batch):
            statuses[result.status] = statuses.get(result.status, 0) + 1
    elapsed = time.perf_counter() - started
    await driver.close()
    return {"events": len(events), "seconds": round(elapsed, 2),
            "events_per_s": round(len(events) / elapsed, 1), "statuses": statuses}  # fmt: skip


async def graphql(url: str, people: int, prefix: str) -> dict[str, Any]:
    events = journeys(people, prefix)
    started = time.perf_counter()
    statuses: dict[str, int] = {}
    async with httpx.AsyncClient(timeout=300) as client:
        for start in range(0, len(events), 100):
            body = {"query": MUTATION, "variables": {"events": events[start : start + 100]}}
            response = (await client.post(f"{url}/graphql", json=body)).json()
            if response.get("errors"):
                raise RuntimeError(response["errors"])
            for result in response["data"]["ingestEvents"]:
                statuses[result["status"]] = statuses.get(result["status"], 0) + 1
    elapsed = time.perf_counter() - started
    return {"events": len(events), "seconds": round(elapsed, 2),
            "events_per_s": round(len(events) / elapsed, 1), "statuses": statuses}  # fmt: skip


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--people", type=int, default=300)
    args = parser.parse_args()
    run = time.strftime("%Y%m%dT%H%M%S")
    results = {
        "bulk import": await bulk(args.people, f"bench-bulk-{run}"),
        "ingestEvents x100": await graphql(args.url, args.people, f"bench-gql-{run}"),
    }
    for name, result in results.items():
        print(f"{name:20s} {result['events']:6d} events in {result['seconds']:7.1f} s: "
              f"{result['events_per_s']:8.1f} events/s  {result['statuses']}")  # fmt: skip
    out = Path("bench/results")
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"ingest-{run}.json"
    path.write_text(json.dumps(results, indent=2))
    print(f"wrote {path}")


if __name__ == "__main__":
    asyncio.run(main())

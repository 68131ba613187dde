"""Ingestion benchmark: events/s for bulk import and for `ingestEvents` batches of 100.

Against a running gateway and its Neo4j (`make demo`, or `omnigraph serve`), on the demo
generator's mix (`omnigraph seed`: browsing, sign-ins and stitching, loyalty cards merged in
store, orders on every channel, carts, cases, consents, points):

    python -m bench.ingest --people 300 --url http://127.0.0.1:8000

1. bulk import: the journeys of `--people` people written to a JSONL file and applied by the code
   of `omnigraph import` (batches of 1,000 events, one transaction each);
2. GraphQL: the journeys of as many other people through `ingestEvents`, 100 events a call.

Each run draws new people (the seed comes from the clock), so nothing is a duplicate. Prints
events/s for both and writes `bench/results/ingest-<timestamp>.json`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from gateway.settings import Settings
from gateway.tokens import mint_token
from graph.driver import open_driver
from graph.ingest.importer import import_file
from graph.ingest.pipeline import Pipeline, warm_up
from graph.ingest.validate import Rules
from graph.seed.events import EXAMPLE_EVENTS, generate_events, write_events
from resolvers.principal import Role

MUTATION = """mutation($events: [EventInput!]!) {
  ingestEvents(events: $events) { eventId status error { code field message } } }"""
_EXAMPLES = {event["eventId"] for event in EXAMPLE_EVENTS}


def journeys(people: int, seed: int) -> list[dict[str, Any]]:
    """New people: generated e-mails name the person by number, so tag them with the run's seed
    (or people of two runs would share an address and be merged, as they should)."""
    return tagged(generate_events(people, seed=seed), seed)


def tagged(events: list[dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    """Without Ana's and Rui's hand-made events, e-mails tagged with `seed` (see `journeys`)."""
    events = [e for e in events if e["eventId"] not in _EXAMPLES]
    for event in events:
        for identifier in event["identifiers"]:
            if identifier["type"] == "EMAIL":
                local, domain = identifier["value"].split("@")
                identifier["value"] = f"{local}.b{seed}@{domain}"
    return events


async def bulk(people: int, seed: int) -> dict[str, Any]:
    settings = Settings.from_env()
    driver = open_driver(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password)
    events = journeys(people, seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.jsonl"
        write_events(events, path)
        await warm_up(driver, settings.neo4j_database)
        pipeline = Pipeline(driver, settings.neo4j_database, Rules(settings.default_region))
        started = time.perf_counter()
        report = await import_file(pipeline, str(path), progress=False)
        elapsed = time.perf_counter() - started
    await driver.close()
    return {"events": len(events), "seconds": round(elapsed, 2),
            "events_per_s": round(len(events) / elapsed, 1), "statuses": dict(report.counts)}  # fmt: skip


async def graphql(url: str, people: int, seed: int) -> dict[str, Any]:
    events = journeys(people, seed)
    started = time.perf_counter()
    statuses: dict[str, int] = {}
    token = mint_token(Settings.from_env(), Role.INGEST, subject="bench-ingest")
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(timeout=300, headers=headers) as client:
        for start in range(0, len(events), 100):
            body = {"query": MUTATION, "variables": {"events": events[start : start + 100]}}
            response = (await client.post(f"{url}/graphql", json=body)).json()
            if response.get("errors"):
                raise RuntimeError(response["errors"])
            for result in response["data"]["ingestEvents"]:
                statuses[result["status"]] = statuses.get(result["status"], 0) + 1
                if result["error"]:
                    print(f"{result['eventId']}: {result['error']}")
    elapsed = time.perf_counter() - started
    return {"events": len(events), "seconds": round(elapsed, 2),
            "events_per_s": round(len(events) / elapsed, 1), "statuses": statuses}  # fmt: skip


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--people", type=int, default=300)
    args = parser.parse_args()
    run = time.strftime("%Y%m%dT%H%M%S")
    seed = 1000 + int(time.time()) % 1_000_000
    results = {
        "bulk import": await bulk(args.people, seed),
        "ingestEvents x100": await graphql(args.url, args.people, seed + 1),
    }
    for name, result in results.items():
        print(f"{name:20s} {result['events']:6d} events in {result['seconds']:7.1f} s: "
              f"{result['events_per_s']:8.1f} events/s  {result['statuses']}")  # fmt: skip
    out = Path("bench/results")
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"ingest-{run}.json"
    path.write_text(json.dumps({"people": args.people, "results": results}, indent=2))
    print(f"wrote {path}")


if __name__ == "__main__":
    asyncio.run(main())

"""Read-path benchmark: latency and Cypher queries per request of the demo's key queries.

Runs against a gateway that is already serving (`make demo`, or `omnigraph serve`), over real
HTTP, from this separate process, as an `agent` (a token signed with the same secret, so run it
with the gateway's OMNIGRAPH_JWT_SECRET or from the same folder in development):

    python -m bench.read --url http://127.0.0.1:8000/graphql --requests 200 --concurrency 4

Prints one line per workload (p50/p95/p99 in ms, requests/s, Cypher queries per request) and
writes them as JSON to `bench/results/read-<timestamp>.json`. Speed is measured here, never
asserted in tests.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from pathlib import Path
from typing import Any

import httpx

from gateway.graphiql import EXAMPLE_QUERY
from gateway.settings import Settings
from gateway.tokens import mint_token
from resolvers.principal import Role

WORKLOADS: dict[str, tuple[str, dict[str, Any]]] = {
    "customer-360 by phone": (EXAMPLE_QUERY, {}),
    "search, 20 results": (
        "query($q: String!) { customers(search: $q, first: 20) { totalCount "
        "edges { node { id givenName familyName stats { lastChannel } } } } }",
        {"q": "lima"},
    ),
    "page of 50 customers x 5 orders with lines": (
        "{ customers(first: 50) { edges { node { id givenName orders(first: 5) { edges { node {"
        " id total lines { quantity product { name } } } } } } } } }",
        {},
    ),
    "page of 50 customers: journey, RFM, 5 recommendations": (
        "{ customers(first: 50) { edges { node { id journey { touchpoints"
        " channelTransitions { from to count } researchOnlineBuyOffline researchOfflineBuyOnline }"
        " stats { rfmSegment } recommendations { product { sku } score reason } } } } }",
        {},
    ),
    "a store's day: visits, lapsed customers, pickups": (
        '{ store(id: "store-lisbon-1") { visitsToday(at: "2026-03-04T12:00:00Z") { id }'
        " lapsedCustomers { id } pickupsReady { order { id } } } }",
        {},
    ),
}


async def run(
    url: str, query: str, variables: dict[str, Any], requests: int, concurrency: int
) -> dict[str, Any]:
    latencies: list[float] = []
    queries: list[int] = []
    body = {"query": query, "variables": variables}
    # a contact-centre agent: full 360 view, and each read is audited as staff reads are
    token = mint_token(Settings.from_env(), Role.AGENT, subject="bench-read")
    headers = {"X-Omnigraph-Trace": "1", "Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(timeout=60) as client:
        for _ in range(3):  # warm-up: caches, connection pool, JIT of Neo4j's planner
            await client.post(url, json=body, headers=headers)
        remaining = requests

        async def worker() -> None:
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                started = time.perf_counter()
                response = await client.post(url, json=body, headers=headers)
                latencies.append((time.perf_counter() - started) * 1000)
                payload = response.json()
                if payload.get("errors"):
                    raise RuntimeError(payload["errors"])
                queries.append(payload["extensions"]["trace"]["cypherQueries"])

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "requests": requests,
        "concurrency": concurrency,
        "p50_ms": round(cuts[49], 2),
        "p95_ms": round(cuts[94], 2),
        "p99_ms": round(cuts[98], 2),
        "requests_per_s": round(requests / elapsed, 1),
        "cypher_queries_per_request": max(queries),
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000/graphql")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    results = {}
    for name, (query, variables) in WORKLOADS.items():
        result = await run(args.url, query, variables, args.requests, args.concurrency)
        results[name] = result
        print(
            f"{name:45s} p50 {result['p50_ms']:7.1f} ms  p95 {result['p95_ms']:7.1f} ms  "
            f"p99 {result['p99_ms']:7.1f} ms  {result['requests_per_s']:7.1f} req/s  "
            f"{result['cypher_queries_per_request']} Cypher/request"
        )
    out = Path("bench/results")
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"read-{time.strftime('%Y%m%dT%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2))
    print(f"wrote {path}")


if __name__ == "__main__":
    asyncio.run(main())

"""Check that the floor answers exactly what omnigraph answers, request by request.

For the first `--count` (30) sampled targets of each read workload (`bench.workloads`), asks
omnigraph the workload's GraphQL document as the given (agent) token and the floor its endpoint,
and compares omnigraph's `data` with the floor's, strictly: key order aside, values must be equal
and of the same JSON type (`1` is not `1.0`). Then a few edge cases (unknown customers, a blank
search, searches by phone, e-mail and odd characters, the last pages of the customer list), and
that the floor ran exactly one Cypher statement per request (`GET /_bench/cypher`). Prints a
unified diff of the two documents for every mismatch and a summary per workload; exits 1 if
anything differs.

    python -m bench.peers.check_floor --omnigraph http://127.0.0.1:8720 \\
        --floor http://127.0.0.1:8721 --token "$AGENT_TOKEN"

The targets are drawn from the Neo4j both serve (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD,
NEO4J_DATABASE), as the benchmark draws them.
"""

from __future__ import annotations

import argparse
import asyncio
import difflib
import json
import os
import sys
from typing import Any

import httpx

from bench.peers.floor import encode_cursor
from bench.workloads import READS, sample_targets
from graph.driver import open_driver


def same(a: Any, b: Any) -> bool:
    """JSON equality that tells an int from a float and a bool from a number."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _typed(value: Any) -> Any:
    """The value with every float marked, so a diff shows `1` against `1.0`."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if isinstance(value, float):
        return f"{value!r} (float)"
    return value


def diff(expected: Any, actual: Any) -> str:
    before, after = (
        json.dumps(_typed(d), indent=1, sort_keys=True).splitlines() for d in (expected, actual)
    )
    return "\n".join(difflib.unified_diff(before, after, "omnigraph", "floor", lineterm="", n=2))


# Requests beyond the sample: what the sample is unlikely to hit.
EDGE_CASES: list[tuple[str, dict[str, Any]]] = [
    ("Q1", {"email": "nobody.at.all@example.com"}),
    ("Q2", {"phone": "+351919999999"}),
    ("Q3", {"q": "   "}),
    ("Q3", {"q": "ana"}),
    ("Q3", {"q": "+351 912 345 678"}),
    ("Q3", {"q": "ana.lima@example.com"}),
    ("Q3", {"q": 'lima" OR name:*'}),
    ("Q3", {"q": "zzzzzz"}),
    ("Q4", {"after": ""}),
    ("Q4", {"after": "~"}),
]


def _omnigraph(workload: str, variables: dict[str, Any]) -> dict[str, Any]:
    if workload == "Q4":
        return {"after": encode_cursor("customers", variables["after"])}
    return variables


async def check(omnigraph: str, floor: str, token: str, count: int) -> int:
    driver = open_driver(
        os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
        os.environ.get("NEO4J_USER", "neo4j"),
        os.environ.get("NEO4J_PASSWORD", ""),
    )
    database = os.environ.get("NEO4J_DATABASE", "neo4j")
    try:
        targets = await sample_targets(driver, database)
        # a page of 20 at the end of the list: no next page
        last, _, _ = await driver.execute_query(
            "MATCH (c:Customer) RETURN c.id ORDER BY c.id DESC SKIP 20 LIMIT 1", database_=database
        )
    finally:
        await driver.close()
    edge_cases = [*EDGE_CASES, *(("Q4", {"after": r[0]}) for r in last)]
    mismatches = 0
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(timeout=60.0) as client:

        async def compare(workload: str, variables: dict[str, Any]) -> bool:
            reply = await client.post(
                f"{omnigraph}/graphql",
                json={"query": READS[workload], "variables": _omnigraph(workload, variables)},
                headers=headers,
            )
            expected = reply.json()
            if "errors" in expected or reply.status_code != 200:
                print(f"{workload} {variables}: omnigraph answered {reply.status_code} {expected}")
                return False
            answer = await client.post(f"{floor}/{workload.lower()}", json=variables)
            actual = answer.json()
            if answer.status_code == 200 and same(expected["data"], actual.get("data")):
                return True
            print(f"--- {workload} {variables}: mismatch")
            print(diff(expected["data"], actual.get("data", actual)))
            return False

        before = (await client.get(f"{floor}/_bench/cypher")).json()["queries"]
        requests = 0
        for workload in READS:
            sample = targets.variables[workload][:count]
            bad = sum([not await compare(workload, variables) for variables in sample])
            print(f"{workload}: {bad} mismatches in {len(sample)} requests", flush=True)
            mismatches += bad
            requests += len(sample)
        bad = sum([not await compare(workload, variables) for workload, variables in edge_cases])
        print(f"edge cases: {bad} mismatches in {len(edge_cases)} requests", flush=True)
        mismatches += bad
        requests += len(edge_cases)
        ran = (await client.get(f"{floor}/_bench/cypher")).json()["queries"] - before
        print(f"Cypher statements: {ran} for {requests} floor requests", flush=True)
        if ran != requests:
            mismatches += 1
    return 1 if mismatches else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.peers.check_floor", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--omnigraph", required=True, help="omnigraph's base URL")
    parser.add_argument("--floor", required=True, help="the floor's base URL")
    parser.add_argument("--token", required=True, help="an `agent` token for omnigraph")
    parser.add_argument("--count", type=int, default=30, help="targets per workload")
    args = parser.parse_args(argv)
    return asyncio.run(
        check(args.omnigraph.rstrip("/"), args.floor.rstrip("/"), args.token, args.count)
    )


if __name__ == "__main__":
    sys.exit(main())

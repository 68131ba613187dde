"""Check that the `@neo4j/graphql` peer answers what omnigraph answers, request by request.

For the first `--count` (20) sampled targets of each read workload (`bench.workloads`), asks
omnigraph the workload's document as the given (agent) token and the peer its own document
(bench/peers/neo4j-graphql/queries/qN.graphql), and compares a normalised projection of both: the
customer and what hangs off it by id (orders, lines as sku/quantity/unit price, interactions,
devices, accounts, cases, consents, recommendations as sku/score/reason), in order where the
workload fixes an order (newest first, by relevance, by id) and as sets where omnigraph leaves it
free (identifiers). Times are compared as instants (the library prints `...:00.000Z`, omnigraph
`...:00Z`). Prints every mismatch and a summary per workload; exits 1 if anything differs.

    python -m bench.peers.check_neo4j_graphql --omnigraph http://127.0.0.1:8740 \\
        --token "$AGENT_TOKEN" --peer http://127.0.0.1:8741

The targets are drawn from the Neo4j both serve (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD,
NEO4J_DATABASE), as the benchmark draws them. The peer gets what the harness gives it: Q3 the
Lucene query omnigraph builds from the typed text (`graph.search.lucene_query`), Q4 the customer id
to start after (omnigraph gets it as its opaque cursor).

Known differences the projection leaves out, by design:
- Q3 ties: many customers share a first name and surname, so several hits have equal scores. Both
  order ties by customer id (omnigraph's keyset order; the peer's `sort: [{score: DESC}, {node:
  {id: ASC}}]`), so the ids must match in order; the scores themselves are not compared.
- `stats.averageOrderValue` (Q2) is compared to the cent, with a half-cent tie equal either way:
  omnigraph rounds `lifetimeValue / orderCount` with Python's `round(x, 2)`, which rounds the
  binary double (431.95 / 2 = 215.97499999999999... -> 215.97), while Cypher rounds its decimal
  form (215.975 -> 215.98), and `floor(x * 100 + 0.5) / 100` does too (x * 100 rounds to
  21597.5). Matching Python exactly would need the double's exact binary expansion in Cypher;
  3 of the first 20 Q2 targets hit such a tie. Every other rounded value (lifetime value, cart
  subtotal, recommendation scores) matches exactly with `floor(x * 10^n + 0.5) / 10^n`.
- `stats.recency` and the RFM segment are computed against "now" by each server: a request that
  straddles midnight UTC could differ by a day; none of the checked ones does.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from bench.workloads import READS, sample_targets
from graph.driver import open_driver
from graph.search import lucene_query

QUERIES = Path(__file__).parent / "neo4j-graphql" / "queries"
Json = Any


def encode_cursor(kind: str, *position: Any) -> str:
    """omnigraph's opaque cursor (`resolvers.pagination.encode_cursor`)."""
    raw = json.dumps([kind, *position], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _t(value: str | None) -> str | None:
    """A time as a comparable instant (UTC, to the microsecond)."""
    if value is None:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()


def _lines(lines: list[Json]) -> list[Json]:
    return [[line["sku"], line["quantity"], line.get("unitPrice")] for line in lines]


def _peer_lines(connection: Json, with_price: bool = True) -> list[Json]:
    return [
        [e["node"]["sku"], e["properties"]["quantity"]]
        + ([e["properties"]["unitPrice"]] if with_price else [None])
        for e in connection["edges"]
    ]


def _ids(items: list[Json]) -> list[str]:
    return [item["id"] for item in items]


def _channels_of_cases(cases: list[Json]) -> list[Json]:
    return [[c["id"], c["status"], c["subject"], c["channels"]] for c in cases]


def omnigraph_q1(c: Json) -> Json:
    if c is None:
        return None
    cart = c["cart"]
    return {
        "id": c["id"],
        "profile": [c["givenName"], c["familyName"], c["birthDate"], c["locale"]],
        "address": c["address"]
        and [c["address"][k] for k in ("line1", "city", "postalCode", "country")],
        "identifiers": sorted(
            [i["type"], i["value"], _t(i["firstSeen"]), _t(i["lastSeen"])] for i in c["identifiers"]
        ),
        "devices": _ids(c["devices"]),
        "accounts": _ids(c["accounts"]),
        "orderCount": c["orders"]["totalCount"],
        "orders": [
            [
                e["node"]["id"],
                _t(e["node"]["placedAt"]),
                e["node"]["total"],
                _lines(e["node"]["lines"]),
            ]
            for e in c["orders"]["edges"]
        ],
        "interactions": [e["node"]["id"] for e in c["interactions"]["edges"]],
        "cart": cart
        and [cart["id"], cart["subtotal"], _lines(cart["items"]), _t(cart["updatedAt"])],
        "cases": _channels_of_cases(c["supportCases"]),
        "consents": [
            [x["purpose"], x["channel"], x["granted"], _t(x["at"])] for x in c["consents"]
        ],
        "loyalty": [c["loyalty"]["points"], c["loyalty"]["tier"]],
        "stats": c["stats"],
        "recommendations": [
            [r["product"]["sku"], r["score"], r["reason"]] for r in c["recommendations"]
        ],
    }


def peer_q1(c: Json) -> Json:
    if c is None:
        return None
    cart = c["cart"]
    return {
        "id": c["id"],
        "profile": [c["givenName"], c["familyName"], c["birthDate"], c["locale"]],
        "address": [c[k] for k in ("addressLine1", "addressCity", "addressPostalCode",
                                   "addressCountry")],
        "identifiers": sorted(
            [i["type"], i["value"], _t(i["firstSeen"]), _t(i["lastSeen"])]
            for i in c["knownIdentifiers"]
        ),
        "devices": _ids(c["devices"]),
        "accounts": _ids(c["accounts"]),
        "orderCount": c["ordersConnection"]["totalCount"],
        "orders": [
            [e["node"]["id"], _t(e["node"]["placedAt"]), e["node"]["total"],
             _peer_lines(e["node"]["linesConnection"])]
            for e in c["ordersConnection"]["edges"]
        ],
        "interactions": _ids(c["interactions"]),
        "cart": cart
        and [cart["id"], cart["subtotal"], _peer_lines(cart["itemsConnection"]),
             _t(cart["updatedAt"])],
        "cases": _channels_of_cases(c["supportCases"]),
        "consents": [[x["purpose"], x["channel"], x["granted"], _t(x["at"])]
                     for x in c["consentsInForce"]],
        "loyalty": [c["loyaltyPoints"] or 0, c["loyaltyTier"]],
        "stats": c["stats"],
        "recommendations": [
            [r["product"]["sku"], r["score"], r["reason"]] for r in c["recommendations"]
        ],
    }  # fmt: skip


def _stats2(s: Json) -> Json:
    """Q2's stats; the average order value to the cent, a half-cent tie either way (docstring)."""
    average, count = s["averageOrderValue"], s["orderCount"]
    exact = s["lifetimeValue"] / count if count else None
    return {
        **s,
        "lastSeen": _t(s["lastSeen"]),
        "averageOrderValue": average is None
        if exact is None
        else average is not None and abs(average - exact) <= 0.005 + 1e-9,
    }


def omnigraph_q2(c: Json) -> Json:
    if c is None:
        return None
    cart = c["cart"]
    return {
        "id": c["id"],
        "profile": [c["givenName"], c["familyName"], c["locale"]],
        "identifiers": sorted([i["type"], i["value"]] for i in c["identifiers"]),
        "loyalty": [c["loyalty"]["points"], c["loyalty"]["tier"]],
        "stats": _stats2(c["stats"]),
        "cart": cart and [_lines(cart["items"]), cart["subtotal"], _t(cart["updatedAt"]),
                          cart["lastChannel"]],
        "orderCount": c["orders"]["totalCount"],
        "orders": [
            [o["id"], o["channel"], o["status"], _t(o["placedAt"]), o["total"], o["fulfillment"],
             o["fulfillmentStore"] and o["fulfillmentStore"]["name"],
             [[s["status"], s["channel"], _t(s["at"])] for s in o["statusHistory"]],
             [[line["sku"], line["quantity"], None] for line in o["lines"]]]
            for o in (e["node"] for e in c["orders"]["edges"])
        ],
        "cases": [
            [s["id"], s["status"], s["subject"], s["channels"],
             [[m["channel"], _t(m["at"]), m["text"]] for m in s["messages"]]]
            for s in c["supportCases"]
        ],
    }  # fmt: skip


def peer_q2(c: Json) -> Json:
    if c is None:
        return None
    cart = c["cart"]
    return {
        "id": c["id"],
        "profile": [c["givenName"], c["familyName"], c["locale"]],
        "identifiers": sorted([i["type"], i["value"]] for i in c["knownIdentifiers"]),
        "loyalty": [c["loyaltyPoints"] or 0, c["loyaltyTier"]],
        "stats": _stats2(c["stats"]),
        "cart": cart and [_peer_lines(cart["itemsConnection"]), cart["subtotal"],
                          _t(cart["updatedAt"]), cart["lastChannel"]],
        "orderCount": c["ordersConnection"]["totalCount"],
        "orders": [
            [o["id"], o["channel"], o["status"], _t(o["placedAt"]), o["total"], o["fulfillment"],
             o["fulfillmentStore"] and o["fulfillmentStore"]["name"],
             [[s["status"], s["channel"], _t(s["at"])] for s in o["statusHistory"]],
             _peer_lines(o["linesConnection"], with_price=False)]
            for o in (e["node"] for e in c["ordersConnection"]["edges"])
        ],
        "cases": [
            [s["id"], s["status"], s["subject"], s["channels"],
             [[m["channel"], _t(m["at"]), m["text"]] for m in s["messages"]]]
            for s in c["supportCases"]
        ],
    }  # fmt: skip


def omnigraph_q3(data: Json) -> Json:
    return [
        [n["id"], n["givenName"], n["familyName"], n["loyalty"]["tier"],
         sorted([i["type"], i["value"]] for i in n["identifiers"])]
        for n in (e["node"] for e in data["customers"]["edges"])
    ]  # fmt: skip


def peer_q3(data: Json) -> Json:
    return [
        [n["id"], n["givenName"], n["familyName"], n["loyaltyTier"],
         sorted([i["type"], i["value"]] for i in n["knownIdentifiers"])]
        for n in (e["node"] for e in data["customersSearch"]["edges"])
    ]  # fmt: skip


def omnigraph_q4(data: Json) -> Json:
    return [
        [n["id"], n["givenName"], n["familyName"],
         [[o["id"], _t(o["placedAt"]), o["total"], _lines(o["lines"])]
          for o in (e["node"] for e in n["orders"]["edges"])]]
        for n in (e["node"] for e in data["customers"]["edges"])
    ]  # fmt: skip


def peer_q4(data: Json) -> Json:
    return [
        [n["id"], n["givenName"], n["familyName"],
         [[o["id"], _t(o["placedAt"]), o["total"], _peer_lines(o["linesConnection"])]
          for o in n["orders"]]]
        for n in data["customers"]
    ]  # fmt: skip


def _by_identifier(project: Callable[[Json], Json]) -> Callable[[Json], Json]:
    return lambda data: project(data["customerByIdentifier"])


Projection = Callable[[Json], Json]
PROJECTIONS: dict[str, tuple[Projection, Projection]] = {
    "Q1": (_by_identifier(omnigraph_q1), _by_identifier(peer_q1)),
    "Q2": (_by_identifier(omnigraph_q2), _by_identifier(peer_q2)),
    "Q3": (omnigraph_q3, peer_q3),
    "Q4": (omnigraph_q4, peer_q4),
}


def omnigraph_variables(workload: str, variables: dict[str, Any]) -> dict[str, Any]:
    if workload == "Q4":
        return {"after": encode_cursor("customers", variables["after"])}
    return variables


def peer_variables(workload: str, variables: dict[str, Any]) -> dict[str, Any]:
    if workload == "Q3":
        return {"q": lucene_query(variables["q"]) or ""}
    return variables


def differences(expected: Json, actual: Json, path: str = "") -> list[str]:
    """Where two projections differ, as `path: omnigraph != peer` lines."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        found = []
        for key in sorted(expected.keys() | actual.keys()):
            found += differences(expected.get(key), actual.get(key), f"{path}.{key}")
        return found
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        found = []
        for index, (a, b) in enumerate(zip(expected, actual, strict=True)):
            found += differences(a, b, f"{path}[{index}]")
        return found
    return [] if expected == actual else [f"{path or '.'}: {expected!r} != {actual!r}"]


async def check(omnigraph: str, token: str, peer: str, count: int) -> int:
    driver = open_driver(
        os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
        os.environ.get("NEO4J_USER", "neo4j"),
        os.environ.get("NEO4J_PASSWORD", ""),
    )
    try:
        targets = await sample_targets(driver, os.environ.get("NEO4J_DATABASE", "neo4j"))
    finally:
        await driver.close()
    mismatches = 0
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(timeout=120.0) as client:
        for workload, document in READS.items():
            peer_document = (QUERIES / f"{workload.lower()}.graphql").read_text()
            ours, theirs = PROJECTIONS[workload]
            bad = 0
            for variables in targets.variables[workload][:count]:
                reply = await client.post(
                    f"{omnigraph}/graphql",
                    json={"query": document, "variables": omnigraph_variables(workload, variables)},
                    headers=headers,
                )
                answer = await client.post(
                    f"{peer}/graphql",
                    json={"query": peer_document, "variables": peer_variables(workload, variables)},
                )
                expected, actual = reply.json(), answer.json()
                if "errors" in expected or "errors" in actual:
                    bad += 1
                    print(f"--- {workload} {variables}: errors")
                    print(f"omnigraph: {expected.get('errors')}\npeer: {actual.get('errors')}")
                    continue
                found = differences(ours(expected["data"]), theirs(actual["data"]))
                if found:
                    bad += 1
                    print(f"--- {workload} {variables}: mismatch")
                    print("\n".join(found[:20]))
            print(f"{workload}: {bad} mismatches in {count} requests", flush=True)
            mismatches += bad
    return 1 if mismatches else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.peers.check_neo4j_graphql", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--omnigraph", required=True, help="omnigraph's base URL")
    parser.add_argument("--token", required=True, help="an `agent` token for omnigraph")
    parser.add_argument("--peer", required=True, help="the @neo4j/graphql peer's base URL")
    parser.add_argument("--count", type=int, default=20, help="targets per workload")
    args = parser.parse_args(argv)
    return asyncio.run(
        check(args.omnigraph.rstrip("/"), args.token, args.peer.rstrip("/"), args.count)
    )


if __name__ == "__main__":
    sys.exit(main())

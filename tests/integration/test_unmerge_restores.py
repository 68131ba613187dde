"""Undoing a merge restores exactly (EVENTS.md, "Identity resolution" 4): the merged profile's
every fact, property by property, comes back as it was before the merge, and the survivor keeps
what it had and what arrived later.
"""

from __future__ import annotations

import json
from typing import Any

from neo4j import AsyncDriver

from tests.utils.graphql import GraphQLClient
from tests.utils.unmerge_events import (
    ANA,
    EMAIL,
    LOGIN,
    UNMERGE,
    VISITOR,
    ingest,
    profile,
    visit,
)

# -- undo restores exactly ----------------------------------------------------------------------

# Everything one hop (and, for carts, orders and cases, two hops) from a customer, with every
# property but merge bookkeeping (`viaMerges`, `mergedInto`) and lock flags.
FACTS = """
MATCH (c {id: $id}) WHERE c:Customer OR c:MergedCustomer
OPTIONAL MATCH (c)-[r]->(x) WHERE NOT type(r) IN ['ABSORBED', 'MERGED_INTO']
OPTIONAL MATCH (x)-[r2]->(y) WHERE x:Cart OR x:Order OR x:SupportCase
RETURN properties(c) AS customer, labels(c) AS labels,
       collect(DISTINCT [type(r), properties(r), labels(x), properties(x)]) AS facts,
       collect(DISTINCT [properties(x).id, type(r2), properties(r2), labels(y), properties(y)])
         AS details
"""

_VOLATILE = {"locked", "viaMerges", "mergedInto"}


def _canonical(value: Any, ignore: frozenset[str] = frozenset()) -> Any:
    if isinstance(value, dict):
        skip = _VOLATILE | ignore
        return {k: _canonical(v, ignore) for k, v in sorted(value.items()) if k not in skip}
    if isinstance(value, list):
        return [_canonical(v, ignore) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)  # neo4j temporal values


async def facts_of(
    driver: AsyncDriver, database: str, customer_id: str, *, ignore: frozenset[str] = frozenset()
) -> dict[str, Any]:
    records, _, _ = await driver.execute_query(FACTS, id=customer_id, database_=database)
    row = records[0].data()
    return {
        "labels": sorted(row["labels"]),
        "customer": _canonical(row["customer"], ignore),
        "facts": sorted(json.dumps(_canonical(f, ignore)) for f in row["facts"]),
        "details": sorted(json.dumps(_canonical(d, ignore)) for d in row["details"]),
    }


async def holdings_of(driver: AsyncDriver, database: str, customer_id: str) -> set[str]:
    """What a customer holds, by relationship and the held thing's id (or type:value, name)."""
    records, _, _ = await driver.execute_query(
        "MATCH (:Customer {id: $id})-[r]->(x) WHERE type(r) <> 'ABSORBED' "
        "RETURN type(r) + ' ' + coalesce(x.id, x.type + ':' + x.value, x.name) AS held",
        id=customer_id,
        database_=database,
    )
    return {record["held"] for record in records}


async def merge_and_undo(client: GraphQLClient, visitor: str, ana: str) -> None:
    """Ana logs in on the visitor's cookie, uses the app the next day, then the merge is undone."""
    (login,) = await ingest(client, LOGIN)
    assert login["mergedCustomerIds"] == [visitor]
    (merge,) = (await profile(client, ana))["identity"]["merges"]
    await ingest(client, visit("app-9", 4, "MOBILE_APP", EMAIL))
    await client.data(UNMERGE, {"id": merge["id"]})


async def test_undo_restores_the_merged_profile_exactly(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    visitor = (await ingest(client, *VISITOR))[0]["customerId"]
    ana = (await ingest(client, *ANA))[0]["customerId"]
    before = await facts_of(empty_graph, database, visitor)
    await merge_and_undo(client, visitor, ana)
    assert await facts_of(empty_graph, database, visitor) == before
    last_seen = await client.data(
        "query($id: ID!) { customer(id: $id) { stats { lastSeen } } }", {"id": visitor}
    )
    assert last_seen["customer"]["stats"]["lastSeen"].startswith("2026-03-01")


async def test_undo_restores_every_fact_of_the_merged_profile(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    """All but when the linking cookie was last seen (see the exact test above)."""
    visitor = (await ingest(client, *VISITOR))[0]["customerId"]
    ana = (await ingest(client, *ANA))[0]["customerId"]
    last_seen = frozenset({"lastSeen"})
    before = await facts_of(empty_graph, database, visitor, ignore=last_seen)
    await merge_and_undo(client, visitor, ana)
    after = await facts_of(empty_graph, database, visitor, ignore=last_seen)
    assert len(before["facts"]) == 7, "cookie, visit, cart, cart change, order, case, consent"
    assert after["details"] == before["details"], "carts, orders and cases as they were"
    assert after == before


async def test_the_survivor_keeps_what_it_had_and_what_arrived_later(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    visitor = (await ingest(client, *VISITOR))[0]["customerId"]
    ana = (await ingest(client, *ANA))[0]["customerId"]
    before = await holdings_of(empty_graph, database, ana)
    await merge_and_undo(client, visitor, ana)
    after = await holdings_of(empty_graph, database, ana)
    assert after == before | {"PERFORMED web-5", "PERFORMED app-9"}

"""A picture of the graph that does not depend on generated ids, to compare two runs.

With `arrival_order=False`, merges (and their audit records) are left out: which profile absorbs which depends on arrival
order, while who ends up owning what does not; carts too: EVENTS.md makes cart
changes follow arrival (only traits, order status and consents follow `at`), so writers racing
on one person's cart may leave it in another state.
"""

from __future__ import annotations

from typing import Any

from neo4j import AsyncDriver

_PEOPLE = """
MATCH (c:Customer)
RETURN COLLECT { MATCH (c)-[:HAS_IDENTIFIER]->(i) RETURN DISTINCT i.type + ':' + i.value }
       AS identifiers,
       COUNT { (c)-[:PERFORMED]->() } AS interactions,
       [(c)-[:PLACED]->(o) | o.id + '/' + o.status] AS orders,
       COUNT { (c)-[:CHANGED_CART]->() } AS cartChanges,
       [(c)-[:OPENED_CASE]->(s) | s.id + '/' + s.status] AS cases,
       COUNT { (c)-[:GAVE_CONSENT]->() } AS consents,
       c.loyaltyPoints AS points, c.givenName AS givenName, c.addressCity AS city,
       c.anonymous AS anonymous
"""

_COUNTS = """
MATCH (n) WHERE NOT n:Meta AND NOT n:Channel
RETURN [l IN labels(n) WHERE NOT l IN ['Customer', 'MergedCustomer']][0] AS label,
       count(*) AS n
"""


async def snapshot(
    driver: AsyncDriver, database: str, *, arrival_order: bool = True
) -> dict[str, Any]:
    people, _, _ = await driver.execute_query(_PEOPLE, database_=database)
    counts, _, _ = await driver.execute_query(_COUNTS, database_=database)
    canonical = []
    for record in people:
        row = record.data()
        row["identifiers"] = sorted(row["identifiers"])
        row["orders"] = sorted(row["orders"])
        row["cases"] = sorted(row["cases"])
        canonical.append(row)
    canonical.sort(key=lambda row: row["identifiers"])
    return {
        "customers": canonical,
        "nodes": {
            r["label"]: r["n"]
            for r in counts
            if r["label"] is not None
            and (arrival_order or r["label"] not in ("Merge", "AuditRecord", "Cart"))
        },
    }

"""A store's customers: pickups waiting for them, who visited on a day, who has lapsed, and
one of them by id (how store staff open a customer from those lists)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from graph.cypher.customers import CustomerRow, customer_projection, customer_row, customer_rows
from graph.cypher.keyed import by_key
from graph.cypher.pages import ORDER_PROJECTION
from graph.cypher.rows import OrderRow
from graph.driver import GraphReader

# Orders to be picked up here whose current status is READY_FOR_PICKUP, waiting longest first.
_PICKUPS_READY = f"""
UNWIND $ids AS sid
MATCH (:Store {{id: sid}})<-[:FULFILLED_AT]-(o:Order)
WHERE o.status = 'READY_FOR_PICKUP'
WITH sid, o ORDER BY o.updatedAt, o.id
RETURN sid AS key, collect({ORDER_PROJECTION}) AS items
"""

# Customers with a STORE_VISIT at the store in [from, to), latest visit first.
_VISITS = f"""
MATCH (i:Interaction)
WHERE i.at >= datetime($from) AND i.at < datetime($to) AND i.kind = 'STORE_VISIT'
MATCH (i)-[:AT_STORE]->(s:Store) WHERE s.id IN $ids
MATCH (c:Customer)-[:PERFORMED]->(i)
WITH s.id AS sid, c, max(i.at) AS visited
ORDER BY visited DESC, c.id
RETURN sid AS key, collect({customer_projection("c")}) AS items
"""

# Customers who ordered here (placed or picked up) and whose last order anywhere is older than
# `cutoff`: the most recently lapsed first, the ones still worth a call.
_LAPSED = f"""
UNWIND $ids AS sid
MATCH (s:Store {{id: sid}})
CALL (s) {{
  MATCH (s)<-[:AT_STORE|FULFILLED_AT]-(:Order)<-[:PLACED]-(c:Customer)
  WITH DISTINCT c
  CALL (c) {{ MATCH (c)-[:PLACED]->(o:Order) RETURN max(o.placedAt) AS lastOrder }}
  WITH c, lastOrder WHERE lastOrder < datetime($cutoff)
  ORDER BY lastOrder DESC, c.id LIMIT $limit
  RETURN collect({customer_projection("c")}) AS items
}}
RETURN sid AS key, items
"""

# A customer of the store, by id (a merged-away id: its survivor): one who visited it or ordered
# there (placed, or to pick up): everyone the store's lists can name.
_STORE_CUSTOMER = f"""
UNWIND $keys AS k
OPTIONAL MATCH (live:Customer {{id: k[1]}})
OPTIONAL MATCH (:MergedCustomer {{id: k[1]}})-[:MERGED_INTO*1..32]->(survivor:Customer)
WITH k, coalesce(live, survivor) AS c
WHERE c IS NOT NULL AND (
  EXISTS {{ (c)-[:PERFORMED]->(:Interaction)-[:AT_STORE]->(:Store {{id: k[0]}}) }}
  OR EXISTS {{ (c)-[:PLACED]->(:Order)-[:AT_STORE|FULFILLED_AT]->(:Store {{id: k[0]}}) }}
)
RETURN k AS key, {customer_projection("c")} AS customer
"""


async def pickups_ready(reader: GraphReader, store_ids: Sequence[str]) -> dict[str, list[OrderRow]]:
    return await by_key(reader, _PICKUPS_READY, store_ids)


async def visits(
    reader: GraphReader, store_ids: Sequence[str], *, start: datetime, end: datetime
) -> dict[str, list[CustomerRow]]:
    params = {"ids": list(store_ids), "from": start.isoformat(), "to": end.isoformat()}
    rows = await reader.read(_VISITS, params)
    return {row["key"]: customer_rows(row["items"]) for row in rows}


async def lapsed_customers(
    reader: GraphReader, store_ids: Sequence[str], *, cutoff: datetime, limit: int
) -> dict[str, list[CustomerRow]]:
    params = {"ids": list(store_ids), "cutoff": cutoff.isoformat(), "limit": limit}
    rows = await reader.read(_LAPSED, params)
    return {row["key"]: customer_rows(row["items"]) for row in rows}


async def store_customers(
    reader: GraphReader, keys: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], CustomerRow]:
    """For each (store id, customer id), the customer when they are one of the store's."""
    rows = await reader.read(_STORE_CUSTOMER, {"keys": [list(k) for k in keys]})
    return {(row["key"][0], row["key"][1]): customer_row(row["customer"]) for row in rows}

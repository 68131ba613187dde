"""Orders by id, their lines with products, and their status history."""

from __future__ import annotations

from collections.abc import Sequence

from graph.cypher.pages import ORDER_PROJECTION
from graph.driver import GraphReader, Row

_ORDERS_BY_ID = f"""
UNWIND $ids AS oid
MATCH (o:Order {{id: oid}})
RETURN oid AS key, {ORDER_PROJECTION} AS order
"""

_LINES = """
UNWIND $ids AS oid
MATCH (:Order {id: oid})-[r:CONTAINS]->(p:Product)
WITH oid, r, p ORDER BY r.line
RETURN oid AS key, collect({sku: p.sku, line: r.line, quantity: r.quantity,
                            unitPrice: r.unitPrice, product: p {.*}}) AS items
"""

_STATUS_HISTORY = """
UNWIND $ids AS oid
MATCH (:Order {id: oid})-[:HAS_STATUS]->(s:OrderStatus)
WITH oid, s ORDER BY s.at, s.id
RETURN oid AS key, collect(s {.*}) AS items
"""


async def orders_by_id(reader: GraphReader, ids: Sequence[str]) -> dict[str, Row]:
    rows = await reader.read(_ORDERS_BY_ID, {"ids": list(ids)})
    return {row["key"]: row["order"] for row in rows}


async def order_lines(reader: GraphReader, ids: Sequence[str]) -> dict[str, list[Row]]:
    rows = await reader.read(_LINES, {"ids": list(ids)})
    return {row["key"]: row["items"] for row in rows}


async def status_history(reader: GraphReader, ids: Sequence[str]) -> dict[str, list[Row]]:
    rows = await reader.read(_STATUS_HISTORY, {"ids": list(ids)})
    return {row["key"]: row["items"] for row in rows}

"""Orders by id, their lines with products, and their status history.

The lines and the steps come back as typed rows (`OrderLineRow`, `StatusStepRow`): the keys a
reader may rely on, with their types, so a renamed key is a mypy error where it is read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NotRequired, TypedDict

from graph.cypher.keyed import by_key
from graph.cypher.pages import ORDER_PROJECTION
from graph.cypher.rows import OrderRow, ProductRow
from graph.driver import GraphReader
from graph.temporal import GraphDateTime


class OrderLineRow(TypedDict):
    """One line of an order (`(Order)-[:CONTAINS]->(Product)`), in the order it was placed."""

    sku: str
    line: int
    quantity: int
    unitPrice: float
    product: ProductRow


class StatusStepRow(TypedDict):
    """One status step of an order: every stored property of an `OrderStatus` (graph/MODEL.md)."""

    id: str
    status: str
    channel: str | None
    at: GraphDateTime
    storeId: NotRequired[str | None]
    cartCheckout: NotRequired[bool]


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


async def orders_by_id(reader: GraphReader, ids: Sequence[str]) -> dict[str, OrderRow]:
    return await by_key(reader, _ORDERS_BY_ID, ids, "order")


async def order_lines(reader: GraphReader, ids: Sequence[str]) -> dict[str, list[OrderLineRow]]:
    return await by_key(reader, _LINES, ids)


async def status_history(reader: GraphReader, ids: Sequence[str]) -> dict[str, list[StatusStepRow]]:
    """Oldest first."""
    return await by_key(reader, _STATUS_HISTORY, ids)

"""Products, stores, devices, accounts, interactions and cases by id, and `node(id)` lookups."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TypedDict, cast

from graph.cypher.customers import CustomerRow, customer_projection, customer_row
from graph.cypher.keyed import by_key
from graph.cypher.pages import INTERACTION_PROJECTION, ORDER_PROJECTION
from graph.cypher.rows import (
    AccountRow,
    DeviceRow,
    InteractionRow,
    OrderRow,
    ProductRow,
    StoreRow,
    SupportCaseRow,
)
from graph.driver import GraphReader, Row


# What `node(id)` finds: the GraphQL type's name, and the row of that type.
class CustomerNode(TypedDict):
    type: Literal["Customer"]
    item: CustomerRow


class OrderNode(TypedDict):
    type: Literal["Order"]
    item: OrderRow


class ProductNode(TypedDict):
    type: Literal["Product"]
    item: ProductRow


class StoreNode(TypedDict):
    type: Literal["Store"]
    item: StoreRow


class DeviceNode(TypedDict):
    type: Literal["Device"]
    item: DeviceRow


class AccountNode(TypedDict):
    type: Literal["Account"]
    item: AccountRow


class InteractionNode(TypedDict):
    type: Literal["Interaction"]
    item: InteractionRow


class SupportCaseNode(TypedDict):
    type: Literal["SupportCase"]
    item: SupportCaseRow


NodeRow = (
    CustomerNode | OrderNode | ProductNode | StoreNode | DeviceNode | AccountNode
    | InteractionNode | SupportCaseNode
)  # fmt: skip

_PRODUCTS = """
UNWIND $ids AS sku
MATCH (p:Product {sku: sku})
RETURN sku AS key, p {.*} AS item
"""

_STORES = """
UNWIND $ids AS sid
MATCH (s:Store {id: sid})
RETURN sid AS key, s {.*} AS item
"""

_DEVICES = """
UNWIND $ids AS did
MATCH (d:Device {id: did})
RETURN did AS key, d {.*} AS item
"""

# Ids come from many channel systems and may collide across kinds; a customer wins, then an order.
_NODES = f"""
UNWIND $ids AS nid
CALL (nid) {{
  MATCH (c:Customer {{id: nid}})
  RETURN 'Customer' AS type, {customer_projection("c")} AS item, 1 AS rank
  UNION ALL
  MATCH (o:Order {{id: nid}}) RETURN 'Order' AS type, {ORDER_PROJECTION} AS item, 2 AS rank
  UNION ALL
  MATCH (p:Product {{sku: nid}}) RETURN 'Product' AS type, p {{.*}} AS item, 3 AS rank
  UNION ALL
  MATCH (s:Store {{id: nid}}) RETURN 'Store' AS type, s {{.*}} AS item, 4 AS rank
  UNION ALL
  MATCH (d:Device {{id: nid}}) RETURN 'Device' AS type, d {{.*}} AS item, 5 AS rank
  UNION ALL
  MATCH (a:Account {{id: nid}}) RETURN 'Account' AS type, a {{.*}} AS item, 6 AS rank
  UNION ALL
  MATCH (i:Interaction {{id: nid}})
  RETURN 'Interaction' AS type, {INTERACTION_PROJECTION} AS item, 7 AS rank
  UNION ALL
  MATCH (s:SupportCase {{id: nid}})
  CALL (s) {{
    OPTIONAL MATCH (s)-[:HAS_MESSAGE]->(m:CaseMessage)
    WITH m ORDER BY m.at, m.id
    RETURN collect(m {{.*}}) AS messages
  }}
  RETURN 'SupportCase' AS type,
         s {{.*, messages: messages, orderId: head([(s)-[:CONCERNS]->(o:Order) | o.id])}} AS item,
         8 AS rank
}}
WITH nid, type, item ORDER BY rank
WITH nid, collect({{type: type, item: item}})[0] AS found
RETURN nid AS key, found
"""


async def products(reader: GraphReader, skus: Sequence[str]) -> dict[str, ProductRow]:
    return await by_key(reader, _PRODUCTS, skus, "item")


async def stores(reader: GraphReader, ids: Sequence[str]) -> dict[str, StoreRow]:
    return await by_key(reader, _STORES, ids, "item")


async def devices(reader: GraphReader, ids: Sequence[str]) -> dict[str, DeviceRow]:
    return await by_key(reader, _DEVICES, ids, "item")


async def nodes(reader: GraphReader, ids: Sequence[str]) -> dict[str, NodeRow]:
    """For each id, `{"type": <GraphQL type name>, "item": row}` of the node it names."""
    rows = await reader.read(_NODES, {"ids": list(ids)})
    return {row["key"]: _node(row["found"]) for row in rows if row["found"] is not None}


def _node(found: Row) -> NodeRow:
    if found["type"] != "Customer":
        return cast(NodeRow, found)  # `_NODES` reads each type's row as its own read does
    return CustomerNode(type="Customer", item=customer_row(found["item"]))

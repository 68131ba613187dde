"""`node(id)`: any object by its id, as the role may read it."""

from __future__ import annotations

from resolvers.access import may_read_node, require_any_node
from resolvers.context import Info, require
from resolvers.loaders.catalog import NodeByIdLoader, NodeRow
from resolvers.principal import Role


async def node(info: Info, node_id: str) -> NodeRow | None:
    """`{"type": <GraphQL type name>, "item": row}` of what `node_id` names; None (or FORBIDDEN,
    the same whether or not the id exists) when there is nothing the role may read."""
    principal = info.context.principal
    if principal.role is Role.INGEST:
        require(info, "customer")  # ingestion principals read nothing
    found = await NodeByIdLoader(info).load(node_id)
    if not found or not may_read_node(principal, found["type"], found["item"]):
        require_any_node(principal, node_id)  # unknown and unreadable alike: no oracle
        return None
    return found

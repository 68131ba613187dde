"""Audit records: who read, merged, unmerged, exported or erased whose profile, when and why.

`:AuditRecord {id, at, actor, role, storeId, action, customerId, operation, reason}` nodes, not
linked to the customer (an erasure must not erase its own trace); indexed by (customerId, at).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from neo4j import AsyncDriver, RoutingControl

from graph.driver import Record
from graph.metrics import count_cypher

ACTIONS = ("READ", "MERGE", "UNMERGE", "EXPORT", "ERASE")

_RECORD = """
UNWIND $records AS r
CREATE (:AuditRecord {id: r.id, at: datetime(), actor: r.actor, role: r.role,
        storeId: r.storeId, action: r.action, customerId: r.customerId,
        operation: r.operation, reason: r.reason})
"""

_READ = """
MATCH (a:AuditRecord)
WHERE ($customerIds IS NULL OR a.customerId IN $customerIds)
  AND ($action IS NULL OR a.action = $action)
WITH a ORDER BY a.at DESC, a.id DESC LIMIT $limit
RETURN a {.*} AS record
"""


@dataclass(frozen=True)
class Actor:
    subject: str
    role: str
    store_id: str | None = None


async def record(
    driver: AsyncDriver,
    database: str,
    actor: Actor,
    action: str,
    customer_ids: Iterable[str],
    *,
    operation: str | None = None,
    reason: str | None = None,
) -> None:
    rows = [
        {"id": f"aud-{uuid.uuid4().hex}", "actor": actor.subject, "role": actor.role,
         "storeId": actor.store_id, "action": action, "customerId": cid,
         "operation": operation, "reason": reason}
        for cid in sorted(set(customer_ids))
    ]  # fmt: skip
    if rows:
        await driver.execute_query(_RECORD, records=rows, database_=database)
        count_cypher("write")


async def records(
    driver: AsyncDriver,
    database: str,
    *,
    customer_ids: Sequence[str] | None = None,
    action: str | None = None,
    limit: int = 100,
) -> list[Record]:
    """Newest first."""
    found, _, _ = await driver.execute_query(
        _READ,
        customerIds=list(customer_ids) if customer_ids is not None else None,
        action=action,
        limit=limit,
        database_=database,
        routing_=RoutingControl.READ,
    )
    return [dict(r["record"]) for r in found]

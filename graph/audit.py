"""Audit records: who read, merged, unmerged, exported or erased whose profile, when and why.

`:AuditRecord {id, at, actor, role, storeId, action, customerIds, customerId, operation,
reason}` nodes, not linked to the customer (an erasure must not erase its own trace). One record
per act: a staff request that showed fifty customers is one READ record listing the fifty
(`customerIds`), not fifty nodes; `customerId` is set when the act concerns one customer
(indexed with `at`, as records written before lists were). Readers asking about a customer
get each record that names them, with `customerId` set to that customer.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NotRequired, TypedDict

from neo4j import AsyncDriver, RoutingControl

from graph.driver import Row
from graph.metrics import count_cypher
from graph.temporal import GraphDateTime

ACTIONS = ("READ", "MERGE", "UNMERGE", "EXPORT", "ERASE")

_RECORD = """
UNWIND $records AS r
CREATE (:AuditRecord {id: r.id, at: coalesce(datetime(r.at), datetime()), actor: r.actor, role: r.role,
        storeId: r.storeId, action: r.action, customerId: r.customerId,
        customerIds: r.customerIds, operation: r.operation, reason: r.reason})
"""

_READ = """
MATCH (a:AuditRecord)
WHERE ($customerIds IS NULL OR a.customerId IN $customerIds
       OR any(c IN coalesce(a.customerIds, []) WHERE c IN $customerIds))
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
    rows = _rows(actor, action, customer_ids, operation, reason, at=None)
    if rows:
        await driver.execute_query(_RECORD, records=rows, database_=database)
        count_cypher("write")


def _rows(
    actor: Actor,
    action: str,
    customer_ids: Iterable[str],
    operation: str | None,
    reason: str | None,
    at: str | None,
) -> list[dict[str, Any]]:
    """The record of one act (none when it concerned nobody); `at` None: the time of the write."""
    ids = sorted(set(customer_ids))
    if not ids:
        return []
    return [
        {"id": f"aud-{uuid.uuid4().hex}", "at": at, "actor": actor.subject, "role": actor.role,
         "storeId": actor.store_id, "action": action,
         "customerId": ids[0] if len(ids) == 1 else None, "customerIds": ids,
         "operation": operation, "reason": reason}
    ]  # fmt: skip


class AuditRow(TypedDict):
    """An audit record as read: `customerId` names the customer it was asked about (else its
    first), `customerIds` every customer it concerns."""

    id: str
    at: NotRequired[GraphDateTime | None]
    actor: str
    role: str
    storeId: NotRequired[str | None]
    action: str
    customerId: str
    customerIds: list[str]
    operation: NotRequired[str | None]
    reason: NotRequired[str | None]


async def records(
    driver: AsyncDriver,
    database: str,
    *,
    customer_ids: Sequence[str] | None = None,
    action: str | None = None,
    limit: int = 100,
) -> list[AuditRow]:
    """Newest first."""
    found, _, _ = await driver.execute_query(
        _READ,
        customerIds=list(customer_ids) if customer_ids is not None else None,
        action=action,
        limit=limit,
        database_=database,
        routing_=RoutingControl.READ,
    )
    asked = set(customer_ids) if customer_ids is not None else None
    return [_for_customer(dict(r["record"]), asked) for r in found]


def _for_customer(record: Row, asked: set[str] | None) -> AuditRow:
    """The record with `customerId` naming the customer it was asked about (else its first)."""
    named = record.get("customerIds") or [record.get("customerId")]
    if record.get("customerId") is None:
        matching = [c for c in named if asked is None or c in asked]
        record["customerId"] = (matching or named)[0]
    record["customerIds"] = named
    found: AuditRow = record  # type: ignore[assignment]  # the stored keys, completed above
    return found


logger = logging.getLogger("omnigraph.audit")


class ReadLog:
    """Staff reads, recorded off the request path: each request queues its READ records (with
    the time of the read) and one background task writes what is queued every `interval`
    seconds, one statement per batch, instead of one write transaction per read.

    A graceful stop writes everything queued; a crash of the process loses at most the last
    `interval` of READ records (OMNIGRAPH_AUDIT_READS=sync writes each before its response).
    Readers of the trail call `flush()` first, so a request sees the reads before it.
    """

    def __init__(self, driver: AsyncDriver, database: str, interval: float = 0.05) -> None:
        self.driver = driver
        self.database = database
        self.interval = interval
        self._rows: list[dict[str, Any]] = []
        self._task: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()

    def add(
        self,
        actor: Actor,
        customer_ids: Iterable[str],
        *,
        operation: str | None = None,
        reason: str | None = None,
    ) -> None:
        at = datetime.now(UTC).isoformat()
        self._rows += _rows(actor, "READ", customer_ids, operation, reason, at=at)

    async def flush(self) -> None:
        async with self._lock:
            rows, self._rows = self._rows, []
            if not rows:
                return
            try:
                await self.driver.execute_query(_RECORD, records=rows, database_=self.database)
                count_cypher("write")
            except Exception:
                self._rows[:0] = rows  # kept for the next flush, in order
                raise

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.flush()
            except Exception as error:  # Neo4j away: keep the records, try again
                logger.error("could not write %d audit records yet: %s", len(self._rows), error)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self.flush()

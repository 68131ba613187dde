"""One batch of events in one write transaction, the part of the pipeline inside it.

Lock every identifier the batch names (in a fixed order) and read their owners, lock those
customers and read what they hold, plan the whole batch in memory (`plan.plan_batch`), write it
with one statement (`cypher.APPLY_EVENTS`), settle the ledgers and carts it touched, keep the
order steps that wait for their order, and recompute the derived fields of the customers it
changed. Identifiers of people who asked to be erased are dropped before anything is locked.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import replace

from neo4j import AsyncManagedTransaction

from graph.ingest import cypher as q
from graph.ingest.carts import rebuild_carts
from graph.ingest.derived import refresh_customers
from graph.ingest.events import Event, IngestResult, Rejection
from graph.ingest.ledger import Move
from graph.ingest.plan import CustomerState, Snapshot, plan_batch
from graph.ingest.validate import Rules, parse_event
from graph.metrics import count_cypher
from graph.suppression import suppressed_identifiers

logger = logging.getLogger("omnigraph.ingest")


class MergedMeanwhile(Exception):
    """A customer the batch found was merged away by a concurrent writer: plan again."""


async def write_batch(
    tx: AsyncManagedTransaction, events: Sequence[Event], rules: Rules
) -> tuple[list[IngestResult], list[tuple[Event, IngestResult]]]:
    """The batch's results, in order, and the stored events it released (now applied)."""
    refused, events = await _without_erased(tx, events)
    awaited = sorted({f"order:{e.payload['orderId']}" for e in events if e.type == "order"})
    waiting, orders = await _lock_awaited(tx, awaited, rules)
    stored = [event for entries in waiting.values() for event in entries]
    snapshot = await _lock_and_read(tx, [*events, *stored], orders)
    snapshot.waiting = waiting
    plan = plan_batch(events, snapshot)
    if plan.rows:
        await (await tx.run(q.APPLY_EVENTS, events=plan.rows)).consume()
        count_cypher("write")
    if plan.spans:
        await (await tx.run(q.SET_SPANS, spans=plan.spans)).consume()
        count_cypher("write")
    if plan.orphans:
        refs = [{"type": r.type, "value": r.value} for r in plan.orphans]
        await (await tx.run(q.DROP_ORPHANS, refs=refs)).consume()
        count_cypher("write")
    if plan.count or plan.uncount:
        await (await tx.run(q.SETTLE_LEDGERS, count=plan.count, uncount=plan.uncount)).consume()
        count_cypher("write")
    await rebuild_carts(tx, plan.carts)
    if awaited:
        await (await tx.run(q.STORE_PENDING, keys=awaited, pending=[
            {"key": f"order:{event.payload['orderId']}", "eventId": event.event_id,
             "raw": json.dumps(event.raw, sort_keys=True), "at": event.at.isoformat(),
             "code": reason.code, "field": reason.field, "message": reason.message}
            for event, reason in plan.pending
        ])).consume()  # fmt: skip
        count_cypher("write")
    await refresh_customers(tx, plan.refresh)
    outcomes = iter(plan.outcomes)
    results = [
        refused[i] if i in refused else next(outcomes)
        for i in range(len(refused) + len(plan.outcomes))
    ]
    return results, plan.released


async def _lock_awaited(
    tx: AsyncManagedTransaction, keys: list[str], rules: Rules
) -> tuple[dict[str, list[Event]], set[str]]:
    """Lock the orders the batch names (see `cypher.LOCK_AWAITED`); the events waiting on them,
    and the ids of those orders that exist."""
    if not keys:
        return {}, set()
    waiting: dict[str, list[Event]] = {}
    orders: set[str] = set()
    async for row in await tx.run(q.LOCK_AWAITED, keys=keys):
        order_id = row["key"].split(":", 1)[1]
        if row["orderExists"]:
            orders.add(order_id)
        for raw in row["waiting"]:
            event = parse_event(json.loads(raw), rules)
            if isinstance(event, Rejection):  # valid when it came: the rules changed since
                logger.warning("a waiting event no longer passes validation: %s", event.message)
                continue
            waiting.setdefault(order_id, []).append(event)
    count_cypher("write")
    return waiting, orders


async def _without_erased(
    tx: AsyncManagedTransaction, events: Sequence[Event]
) -> tuple[dict[int, IngestResult], list[Event]]:
    """Drop identifiers on the suppression list (people who asked to be erased) before anything
    is locked or created: such an identifier never identifies anyone again. An event left with
    none is rejected; the others go on with a warning. Checked inside the batch's transaction,
    so an erasure committed meanwhile is seen."""
    refs = [{"type": r.type, "value": r.value} for event in events for r in event.identifiers]
    erased = await suppressed_identifiers(tx, refs)
    count_cypher("write")
    if not erased:
        return {}, list(events)
    refused: dict[int, IngestResult] = {}
    kept: list[Event] = []
    for index, event in enumerate(events):
        gone = [r for r in event.identifiers if (r.type, r.value) in erased]
        if not gone:
            kept.append(event)
            continue
        warnings = [*event.warnings, *(f"a {r.type} of a person who asked to be erased was "
                                       "ignored" for r in gone)]  # fmt: skip
        left = [r for r in event.identifiers if (r.type, r.value) not in erased]
        if not left:
            reason = Rejection("NO_IDENTIFIER", "identifiers", "every identifier of this event "
                               "belongs to a person who asked to be erased: it identifies no one")  # fmt: skip
            refused[index] = IngestResult(
                event.event_id, "REJECTED", warnings=warnings, error=reason
            )
            continue
        device = event.device
        if device is not None and ("DEVICE_ID", device.id) in erased:
            device = None
        kept.append(replace(event, identifiers=left, device=device, warnings=warnings))
    return refused, kept


async def _lock_and_read(
    tx: AsyncManagedTransaction, events: Sequence[Event], orders: set[str]
) -> Snapshot:
    """Lock the batch's identifiers and their customers; what resolution needs to know
    (`orders`: the ids of the batch's orders that exist, read with their locks)."""
    refs = sorted({r.key: r for event in events for r in event.identifiers}.items())
    result = await tx.run(
        q.LOCK_IDENTIFIERS, refs=[{"type": r.type, "value": r.value} for _, r in refs]
    )
    count_cypher("write")
    owners, existing = {}, set()
    async for row in result:
        owners[row["key"]] = list(row["owners"])
        if row["existed"]:
            existing.add(row["key"])
    ids = sorted({cid for ids in owners.values() for cid in ids})
    customers = {}
    if ids:
        count_cypher("write")
        async for row in await tx.run(q.LOCK_CUSTOMERS, ids=ids):
            moves = [Move(i, at.to_native(), points, action, counted)
                     for i, at, points, action, counted in row["moves"]]  # fmt: skip
            times = [t.to_native() for t in row["cartTimes"] if t is not None]
            customers[row["id"]] = CustomerState(
                row["anonymous"], row["firstSeen"].to_native(), set(row["keys"]), moves,
                max(times) if times else None,
                row["lastSeen"].to_native() if row["lastSeen"] is not None else None,
            )  # fmt: skip
        if len(customers) != len(ids):
            raise MergedMeanwhile
    return Snapshot(owners, customers, orders, existing)

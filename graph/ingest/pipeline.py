"""Apply events in batches: one transaction and a handful of round trips per batch.

For each batch, inside one transaction: lock every identifier the batch names (in a fixed order)
and read their owners, lock those customers and read what they hold, plan the whole batch in
memory (`plan.plan_batch`: resolution, merges, checks, in the given order), write it with one
statement (`cypher.APPLY_EVENTS`), and recompute the derived fields of the customers it changed.
A replay is answered from one read before the transaction (`DUPLICATE`).

A batch that fails as a whole (an event applied meanwhile by a concurrent writer, or anything
unexpected) is applied again one event per transaction, so a bad event never takes its
neighbours down with it; an event that still fails alone is rejected (`INTERNAL`). Only an outage
(`graph.availability`) stops the call: nothing about the events is known then, so it raises. The driver's transaction functions retry transient failures
(deadlocks between concurrent writers); a customer merged away under our feet replans the batch.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction
from neo4j.exceptions import ConstraintError, Neo4jError

from graph.availability import FAIL_FAST, is_unavailable, retrying
from graph.ingest import cypher as q
from graph.ingest.carts import rebuild_carts
from graph.ingest.derived import refresh_customers
from graph.ingest.events import Event, IngestResult, Rejection
from graph.ingest.ledger import Move
from graph.ingest.plan import CustomerState, Snapshot, plan_batch
from graph.ingest.unmerge import UnmergeError, unmerge
from graph.ingest.validate import Rules, parse_event
from graph.ingest.warmup import warm_up, warmth
from graph.metrics import count_cypher
from graph.suppression import suppressed_identifiers

__all__ = [
    "IngestResult",
    "OnApplied",
    "Pipeline",
    "Prepared",
    "UnmergeError",
    "unmerge",
    "warm_up",
]

logger = logging.getLogger("omnigraph.ingest")

BATCH = 1000  # events per transaction (ingestEvents takes at most 1,000 per call)
MAX_ATTEMPTS = 5


# Told the events of each committed transaction that were APPLIED, with their results (live feeds).
OnApplied = Callable[[Sequence[tuple[Event, IngestResult]]], Awaitable[None]]


@dataclass
class Prepared:
    """A batch validated and checked for replays, not written yet."""

    results: list[IngestResult | None]  # known already: rejected or duplicate events
    todo: list[tuple[int, Event]]  # (position in the batch, event) still to apply

    @property
    def event_ids(self) -> set[str]:
        return {event.event_id for _, event in self.todo}


class _MergedMeanwhile(Exception):
    """A customer the batch found was merged away by a concurrent writer: plan again."""


class Pipeline:
    """The one ingestion path behind `ingestEvents`, `POST /events`, `omnigraph import` and
    `omnigraph seed`."""

    def __init__(
        self,
        driver: AsyncDriver,
        database: str,
        rules: Rules | None = None,
        batch: int = BATCH,
        on_applied: OnApplied | None = None,
    ) -> None:
        self.driver = driver
        self.database = database
        self.rules = rules or Rules()
        self.batch = batch
        self.on_applied = on_applied

    async def ingest(self, raw_events: Sequence[Any]) -> list[IngestResult]:
        """Validate and apply events, in order; one result per event, in order."""
        return await self.write(await self.prepare(raw_events))

    async def prepare(self, raw_events: Sequence[Any]) -> Prepared:
        """The part of `ingest` outside the write transaction (validation, the replay read):
        `IngestQueue` runs it for the next batch while the current one is written."""
        with self._outages():
            return await self._prepare(raw_events)

    async def write(self, prepared: Prepared) -> list[IngestResult]:
        """Apply what `prepare` left to do; the results of every event, in order."""
        with self._outages():
            results = prepared.results
            for start in range(0, len(prepared.todo), self.batch):
                chunk = prepared.todo[start : start + self.batch]
                outcomes = await self.apply([event for _, event in chunk])
                for (index, _), outcome in zip(chunk, outcomes, strict=True):
                    results[index] = outcome
            return [r for r in results if r is not None]

    async def recheck(self, prepared: Prepared, event_ids: set[str]) -> None:
        """Read again whether these events were applied (by a batch written since `prepare`)."""
        with self._outages():
            seen = await self._already_applied(sorted(event_ids))
        todo = []
        for index, event in prepared.todo:
            if event.event_id in seen:
                prepared.results[index] = IngestResult(
                    event.event_id, "DUPLICATE", warnings=event.warnings
                )
            else:
                todo.append((index, event))
        prepared.todo = todo

    @contextmanager
    def _outages(self) -> Iterator[None]:
        try:
            yield
        except Exception as error:
            if is_unavailable(error):  # recompile the batch statement as soon as Neo4j is back
                warmth(self.driver, self.database).outage_seen()
            raise

    async def _prepare(self, raw_events: Sequence[Any]) -> Prepared:
        results: list[IngestResult | None] = [None] * len(raw_events)
        events: list[tuple[int, Event]] = []
        for index, raw in enumerate(raw_events):
            parsed = parse_event(raw, self.rules)
            if isinstance(parsed, Rejection):
                event_id = raw.get("eventId") if isinstance(raw, dict) else None
                results[index] = IngestResult(
                    event_id if isinstance(event_id, str) else None, "REJECTED", error=parsed
                )
            else:
                events.append((index, parsed))
        if events:
            await warmth(self.driver, self.database).ready()
        seen = await self._already_applied([event.event_id for _, event in events])
        todo = []
        for index, event in events:
            if event.event_id in seen:
                results[index] = IngestResult(event.event_id, "DUPLICATE", warnings=event.warnings)
            else:
                todo.append((index, event))
        return Prepared(results, todo)

    async def _already_applied(self, event_ids: list[str]) -> set[str]:
        if not event_ids:
            return set()

        async def read(tx: AsyncManagedTransaction) -> set[str]:
            row = await (await tx.run(q.APPLIED_EVENTS, ids=event_ids)).single()
            return set(row["ids"]) if row else set()

        async with self.driver.session(database=self.database, **FAIL_FAST) as session:
            found = await retrying(lambda: session.execute_read(read))
        count_cypher("write")
        return found

    async def apply(self, events: Sequence[Event]) -> list[IngestResult]:
        """Apply valid events in one transaction; one per transaction if that fails."""
        try:
            return await self._transaction(events)
        except Exception as error:
            if is_unavailable(error):
                raise
            if len(events) == 1:
                return [self._failed(events[0], error)]
            logger.info("batch of %d failed (%s): applying its events one by one",
                        len(events), error)  # fmt: skip
        return [result for event in events for result in await self.apply([event])]

    async def _transaction(self, events: Sequence[Event]) -> list[IngestResult]:
        async with self.driver.session(database=self.database, **FAIL_FAST) as session:
            for _ in range(MAX_ATTEMPTS):
                try:
                    results, released = await retrying(
                        lambda: session.execute_write(_write, events, self.rules)
                    )
                except _MergedMeanwhile:
                    continue
                await self._announce(
                    [*events, *(e for e, _ in released)], [*results, *(r for _, r in released)]
                )
                return results
        raise RuntimeError(f"a batch of {len(events)} events: customers kept changing under it")

    async def _announce(self, events: Sequence[Event], results: list[IngestResult]) -> None:
        applied = [(e, r) for e, r in zip(events, results, strict=True) if r.status == "APPLIED"]
        if self.on_applied is None or not applied:
            return
        try:
            await self.on_applied(applied)
        except Exception:  # the events are committed: a listener's failure must not undo that
            logger.exception("on_applied failed for %d applied events", len(applied))

    def _failed(self, event: Event, error: Exception) -> IngestResult:
        if isinstance(error, ConstraintError) and "IngestedEvent" in str(error):
            return IngestResult(event.event_id, "DUPLICATE", warnings=event.warnings)
        logger.error("event %s could not be written", event.event_id, exc_info=error)
        code = error.code if isinstance(error, Neo4jError) else type(error).__name__
        reason = Rejection("INTERNAL", None, f"the graph refused the event ({code})")
        return IngestResult(event.event_id, "REJECTED", warnings=event.warnings, error=reason)


async def _write(
    tx: AsyncManagedTransaction, events: Sequence[Event], rules: Rules
) -> tuple[list[IngestResult], list[tuple[Event, IngestResult]]]:
    """The batch's results, in order, and the stored events it released (now applied)."""
    refused, events = await _without_erased(tx, events)
    awaited = sorted({f"order:{e.payload['orderId']}" for e in events if e.type == "order"})
    waiting = await _lock_awaited(tx, awaited, rules)
    stored = [event for entries in waiting.values() for event in entries]
    snapshot = await _lock_and_read(tx, [*events, *stored])
    snapshot.waiting = waiting
    plan = plan_batch(events, snapshot)
    if plan.rows:
        await (await tx.run(q.APPLY_EVENTS, events=plan.rows)).consume()
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
) -> dict[str, list[Event]]:
    """Lock the orders the batch names (see `cypher.LOCK_AWAITED`); the events waiting on them."""
    if not keys:
        return {}
    waiting: dict[str, list[Event]] = {}
    async for row in await tx.run(q.LOCK_AWAITED, keys=keys):
        for raw in row["waiting"]:
            event = parse_event(json.loads(raw), rules)
            if isinstance(event, Rejection):  # valid when it came: the rules changed since
                logger.warning("a waiting event no longer passes validation: %s", event.message)
                continue
            waiting.setdefault(row["key"].split(":", 1)[1], []).append(event)
    count_cypher("write")
    return waiting


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


async def _lock_and_read(tx: AsyncManagedTransaction, events: Sequence[Event]) -> Snapshot:
    """Lock the batch's identifiers and their customers; what resolution needs to know."""
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
            )  # fmt: skip
        if len(customers) != len(ids):
            raise _MergedMeanwhile
    order_ids = sorted({e.payload["orderId"] for e in events if e.type == "order"})
    orders: set[str] = set()
    if order_ids:
        found = await (await tx.run(q.EXISTING_ORDERS, ids=order_ids)).single()
        count_cypher("write")
        orders = set(found["ids"]) if found else set()
    return Snapshot(owners, customers, orders, existing)

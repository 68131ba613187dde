"""Apply events in batches: one transaction and a handful of round trips per batch.

Events are validated (`validate.parse_event`) and a replay is answered from one read before the
transaction (`DUPLICATE`). Each batch is then written in one transaction
(`transaction.write_batch`): lock the identifiers it names and their customers, plan the whole
batch in memory (`plan.plan_batch`: resolution, merges, checks, in the given order), write it with
one statement (`cypher.APPLY_EVENTS`), and recompute the derived fields of the customers it
changed.

A batch that fails as a whole (an event applied meanwhile by a concurrent writer, or anything
unexpected) is applied again one event per transaction, so a bad event never takes its
neighbours down with it; an event that still fails alone is rejected (`INTERNAL`). Only an outage
(`graph.availability`) stops the call: nothing about the events is known then, so it raises. The
driver's transaction functions retry transient failures (deadlocks between concurrent writers); a
customer merged away under our feet replans the batch.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction
from neo4j.exceptions import ConstraintError, Neo4jError

from graph.availability import FAIL_FAST, is_unavailable, retrying
from graph.ingest import cypher as q
from graph.ingest.events import Event, IngestResult, Rejection
from graph.ingest.transaction import MergedMeanwhile, write_batch
from graph.ingest.unmerge import UnmergeError, unmerge
from graph.ingest.validate import Rules, parse_event
from graph.ingest.warmup import warm_up, warmth
from graph.metrics import count_cypher

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
                        lambda: session.execute_write(write_batch, events, self.rules)
                    )
                except MergedMeanwhile:
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

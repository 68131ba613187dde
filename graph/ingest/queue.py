"""The ingestion calls of one process, applied together: fewer, larger transactions, overlapped.

Calls that arrive while batches are in flight wait and are then taken together as one batch (up
to `limit` events, whole calls, in arrival order); each call gets its own results, after its
events committed. Sixteen channel systems calling at once then cost a few large transactions
instead of sixteen small ones racing for the same locks (stores, products, channels): the
benchmark's W1 at concurrency 16 went from ~630 events/s with p99 9 s to the rate of one
writer. A lone call is applied at once.

Two things overlap:
- the next batch is prepared (validated, checked for replays: `Pipeline.prepare`) while the
  current one is written, so the gateway's Python and Neo4j's writing no longer take turns;
- up to `writers` batches are written at once, each in its own transaction.

A batch waits for every batch formed before it that names one of its identifiers, orders or
support cases (or one of its events: a replay racing its original) to commit first, so batches
that meet are written in the order they were formed, as one writer would; batches that do not
meet may still reach one customer (a household), and there Neo4j's locks order them
(`pipeline`: a customer merged away meanwhile replans the batch; the driver retries deadlocks).

    queue = IngestQueue(pipeline)
    results = await queue.submit(events)  # one IngestResult per event, in order
"""

from __future__ import annotations

import asyncio
import os
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.ingest.events import Event, IngestResult
from graph.ingest.pipeline import Pipeline, Prepared

LIMIT = 1000  # events per batch
# transactions written at once, and batches prepared beyond them (bench/PROFILE.md)
WRITERS = int(os.environ.get("OMNIGRAPH_INGEST_WRITERS", "2"))
AHEAD = int(os.environ.get("OMNIGRAPH_INGEST_AHEAD", "1"))


@dataclass
class _Call:
    events: list[Any]
    done: asyncio.Future[list[IngestResult]]


@dataclass
class _Batch:
    calls: list[_Call]
    ids: set[str] = field(default_factory=set)  # its events' ids, once prepared
    keys: set[str] = field(default_factory=set)  # its identifiers' keys, once prepared
    prepared: asyncio.Event = field(default_factory=asyncio.Event)
    finished: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def events(self) -> list[Any]:
        return [event for call in self.calls for event in call.events]


def meeting_keys(event: Event) -> Iterator[str]:
    """What two batches must not write at once, out of order: the event's identifiers, and the
    order or support case it names (a status step carried by other identifiers than the order's
    creation would otherwise overtake it and wait as `PENDING`; a case's first opener could
    change)."""
    for ref in event.identifiers:
        yield ref.key
    if event.type == "order":
        yield f"order:{event.payload['orderId']}"
    elif event.type == "support":
        yield f"case:{event.payload['caseId']}"
        if event.payload.get("orderId"):
            yield f"order:{event.payload['orderId']}"


class IngestQueue:
    def __init__(
        self,
        pipeline: Pipeline,
        limit: int = LIMIT,
        writers: int = WRITERS,
        ahead: int = AHEAD,
    ) -> None:
        self.pipeline = pipeline
        self.limit = limit
        self.writers = max(1, writers)
        self.ahead = max(0, ahead)
        self._pending: deque[_Call] = deque()
        self._batches: list[_Batch] = []  # formed and not finished, oldest first
        self._slots = asyncio.Semaphore(self.writers)
        self._tasks: set[asyncio.Task[None]] = set()

    async def submit(self, events: Sequence[Any]) -> list[IngestResult]:
        """Apply the events (validated, in order); their results once they are committed."""
        call = _Call(list(events), asyncio.get_running_loop().create_future())
        self._pending.append(call)
        self._dispatch()
        return await call.done

    def _dispatch(self) -> None:
        while self._pending and len(self._batches) < self.writers + self.ahead:
            calls = [self._pending.popleft()]
            size = len(calls[0].events)
            while self._pending and size + len(self._pending[0].events) <= self.limit:
                size += len(self._pending[0].events)
                calls.append(self._pending.popleft())
            batch = _Batch(calls)
            before = list(self._batches)
            self._batches.append(batch)
            task = asyncio.create_task(self._run(batch, before))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _run(self, batch: _Batch, before: list[_Batch]) -> None:
        try:
            prepared = await self._prepare(batch)
            await self._after_those_it_meets(batch, before, prepared)
            async with self._slots:
                results = await self.pipeline.write(prepared)
        except Exception as error:  # each caller sees the error its call ran into
            for call in batch.calls:
                if not call.done.done():
                    call.done.set_exception(error)
        else:
            start = 0
            for call in batch.calls:
                if not call.done.done():  # a caller that went away still had its events applied
                    call.done.set_result(results[start : start + len(call.events)])
                start += len(call.events)
        finally:
            batch.prepared.set()
            batch.finished.set()
            self._batches.remove(batch)
            self._dispatch()

    async def _prepare(self, batch: _Batch) -> Prepared:
        try:
            prepared = await self.pipeline.prepare(batch.events)
            batch.ids = prepared.event_ids
            batch.keys = {key for _, event in prepared.todo for key in meeting_keys(event)}
            return prepared
        finally:
            batch.prepared.set()

    async def _after_those_it_meets(
        self, batch: _Batch, before: list[_Batch], prepared: Prepared
    ) -> None:
        """Wait for the earlier batches that share an identifier or an event with this one; read
        again whether events they shared were applied by them meanwhile."""
        replays: set[str] = set()
        for earlier in before:
            await earlier.prepared.wait()
            shared = earlier.ids & batch.ids
            if shared or not earlier.keys.isdisjoint(batch.keys):
                await earlier.finished.wait()
                replays |= shared
        if replays:
            await self.pipeline.recheck(prepared, replays)

"""The ingestion statement compiled again as soon as Neo4j is back from an outage.

Neo4j forgets its compiled plans when it restarts, and compiling `cypher.APPLY_EVENTS` takes
seconds (half a minute on a busy host). The gateway compiles it at start-up (`warm_up`); after an
outage, the first ingestion request would compile it again and every writer would wait behind
it. Instead, once an outage has been seen, a task waits for Neo4j and compiles the statement, and
ingestion meanwhile answers `GraphUnavailable` (503, `Retry-After`) after a short wait.

    warmth(driver, database).outage_seen()    # wherever an outage shows
    await warmth(driver, database).ready()    # before writing: raises while recompiling
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from typing import Any

from neo4j import AsyncDriver

from graph.availability import GraphUnavailable
from graph.ingest import cypher as q
from graph.ingest.events import Event
from graph.suppression import SUPPRESSED

logger = logging.getLogger("omnigraph.ingest")

PROBE_EVERY = 0.5  # seconds between attempts to reach Neo4j after an outage
WAIT_FOR_WARMTH = 2.0  # seconds a writer waits for the recompilation before a 503


async def warm_up(driver: AsyncDriver, database: str) -> None:
    """Have Neo4j compile the batch's statements now (seconds), not on the first events: each
    runs once, with parameters shaped like real ones (Neo4j plans for the parameters' types), in
    a transaction that is rolled back."""
    from graph.ingest.plan import Snapshot, plan_batch
    from graph.ingest.validate import parse_event

    events = [e for e in (parse_event(raw) for raw in _SAMPLES) if isinstance(e, Event)]
    plan = plan_batch(events, Snapshot({}, {}, set()))
    assert plan.rows, "the warm-up's sample events are valid"
    refs = [{"type": r.type, "value": r.value} for e in events for r in e.identifiers]
    ids = [row["customerId"] for row in plan.rows]
    async with driver.session(database=database) as session:
        tx = await session.begin_transaction()
        try:
            for statement, params in (
                (q.APPLIED_EVENTS, {"ids": [e.event_id for e in events]}),
                (SUPPRESSED, {"hashes": ["warm-up"]}),
                (q.LOCK_IDENTIFIERS, {"refs": refs}),
                (q.LOCK_CUSTOMERS, {"ids": ids}),
                (q.LOCK_AWAITED, {"keys": ["order:warm-up"]}),
                (q.APPLY_EVENTS, {"events": plan.rows}),
                (q.DROP_ORPHANS, {"refs": refs}),
                (q.DERIVATION_FACTS, {"ids": ids}),
                (q.SET_DERIVED, {"rows": [{"id": ids[0], "props": {"anonymous": False}}]}),
            ):
                await (await tx.run(statement, params)).consume()
        finally:
            await tx.rollback()


_WHO = [{"type": "EMAIL", "value": "omnigraph-warm-up@example.com"},
        {"type": "COOKIE_ID", "value": "warm-up"}]  # fmt: skip
_SAMPLES: list[dict[str, Any]] = [
    {"eventId": "warm-up-1", "type": "identify", "at": "2026-01-01T00:00:00Z", "channel": "WEB",
     "identifiers": _WHO, "device": {"id": "warm-up", "kind": "PHONE"},
     "traits": {"givenName": "Warm", "sizes": {"jacket": "M"}}},
    {"eventId": "warm-up-2", "type": "order", "at": "2026-01-01T00:00:01Z", "channel": "STORE",
     "storeId": "warm-up", "identifiers": _WHO, "order": {"orderId": "warm-up", "status": "PAID",
     "currency": "EUR", "total": 1.0, "lines": [{"sku": "warm-up", "quantity": 1,
     "unitPrice": 1.0}], "loyaltyPointsEarned": 1}},
    {"eventId": "warm-up-3", "type": "cart", "at": "2026-01-01T00:00:02Z", "channel": "WEB",
     "identifiers": _WHO, "cart": {"action": "ADD", "sku": "warm-up", "quantity": 1}},
]  # fmt: skip


class Warmth:
    def __init__(self, driver: AsyncDriver, database: str) -> None:
        self._driver = weakref.ref(driver)
        self.database = database
        self._task: asyncio.Task[None] | None = None

    @property
    def recovering(self) -> bool:
        return self._task is not None and not self._task.done()

    def outage_seen(self) -> None:
        if not self.recovering:
            self._task = asyncio.get_running_loop().create_task(self._rewarm())

    async def ready(self) -> None:
        if self._task is None or self._task.done():
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(self._task), WAIT_FOR_WARMTH)
        if self.recovering:
            raise GraphUnavailable(
                "The graph database is back and the gateway is getting ready: retry shortly"
            )

    async def _rewarm(self) -> None:
        while (driver := self._driver()) is not None:
            try:
                await asyncio.wait_for(driver.verify_connectivity(), PROBE_EVERY * 4)
                await warm_up(driver, self.database)
                logger.info("Neo4j is back: the ingestion statement is compiled again")
                return
            except Exception as error:  # still down: try again shortly
                logger.debug("Neo4j still unavailable: %s", error)
                del driver
                await asyncio.sleep(PROBE_EVERY)


_WARMTH: weakref.WeakKeyDictionary[AsyncDriver, dict[str, Warmth]] = weakref.WeakKeyDictionary()


def warmth(driver: AsyncDriver, database: str) -> Warmth:
    """The recovery state of `database` through `driver` (one per process)."""
    per_database = _WARMTH.setdefault(driver, {})
    if database not in per_database:
        per_database[database] = Warmth(driver, database)
    return per_database[database]

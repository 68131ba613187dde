"""Concurrent batches of different people never wait for each other on what they share.

Products, stores and channels are met by almost every batch. A batch that wrote to one of them
(a property set, even to the value it had) would hold its lock until it commits: every other
batch selling that product would queue behind it, and two such batches deadlocked (Neo4j takes
the lock to change a node after the shared lock it took to link to it). Here one batch is left
open, uncommitted, while another person's batch on the same product, store and channel is
written: the second must commit without waiting for the first.
"""

from __future__ import annotations

import asyncio
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction

from graph.ingest.events import Event
from graph.ingest.pipeline import IngestResult, Pipeline, Prepared
from graph.ingest.queue import IngestQueue
from graph.ingest.transaction import write_batch
from graph.ingest.validate import Rules, parse_event

# Long enough for any machine to write three events; a batch waiting on a lock waits until the
# open transaction ends, which here is never before this runs out.
PATIENCE = 60


def _person(n: int) -> list[dict[str, Any]]:
    """Three events of one person on the shared product, store and channels."""
    who = [{"type": "EMAIL", "value": f"shopper{n}@example.com"}]
    store = {"channel": "STORE", "source": "pos", "storeId": "store-lisbon-1"}
    return [
        {"eventId": f"lock-{n}-view", "type": "interaction", "at": "2026-03-01T10:00:00Z",
         "identifiers": who, **store, "interaction": {"kind": "PRODUCT_VIEW", "sku": "JKT-100"}},
        {"eventId": f"lock-{n}-cart", "type": "cart", "at": "2026-03-01T10:05:00Z",
         "channel": "WEB", "source": "shopify", "identifiers": who,
         "cart": {"action": "ADD", "sku": "JKT-100", "quantity": 1, "unitPrice": 120.0}},
        {"eventId": f"lock-{n}-order", "type": "order", "at": "2026-03-01T10:10:00Z",
         "identifiers": who, **store,
         "order": {"orderId": f"ord-lock-{n}", "status": "PAID", "currency": "EUR",
                   "total": 120.0, "fulfillment": "IN_STORE", "cartCheckout": True,
                   "lines": [{"sku": "JKT-100", "name": "Rain jacket", "category": "outerwear",
                              "quantity": 1, "unitPrice": 120.0}]}},
    ]  # fmt: skip


def _parsed(raw: list[dict[str, Any]]) -> list[Event]:
    events = [parse_event(event, Rules()) for event in raw]
    assert all(isinstance(event, Event) for event in events), events
    return [event for event in events if isinstance(event, Event)]


async def test_a_batch_on_the_same_product_and_store_does_not_wait_for_an_open_one(
    empty_graph: AsyncDriver, database: str
) -> None:
    pipeline = Pipeline(empty_graph, database)
    # the product, store and channels exist and the product has its name, as in production
    assert {r.status for r in await pipeline.ingest(_person(0))} == {"APPLIED"}

    async def first(tx: AsyncManagedTransaction) -> list[IngestResult]:
        results, _ = await write_batch(tx, _parsed(_person(1)), Rules())
        assert {r.status for r in results} == {"APPLIED"}
        # the first batch holds its locks, uncommitted; the second one goes through
        second = await asyncio.wait_for(pipeline.ingest(_person(2)), PATIENCE)
        assert {r.status for r in second} == {"APPLIED"}
        return results

    async with empty_graph.session(database=database) as session:
        await session.execute_write(first)

    records, _, _ = await empty_graph.execute_query(
        "MATCH (p:Product {sku: 'JKT-100'})<-[:CONTAINS]-(o:Order) "
        "RETURN p.name AS name, collect(o.id) AS orders",
        database_=database,
    )
    assert records[0]["name"] == "Rain jacket"
    assert sorted(records[0]["orders"]) == ["ord-lock-0", "ord-lock-1", "ord-lock-2"]


class _Gated(Pipeline):
    """The real pipeline, holding back the batch that creates order `ord-gate` until told."""

    gate: asyncio.Event

    async def write(self, prepared: Prepared) -> list[IngestResult]:
        if any(e.type == "order" and e.payload["orderId"] == "ord-gate" and e.payload["lines"]
               for _, e in prepared.todo):  # fmt: skip
            await self.gate.wait()
        return await super().write(prepared)


async def test_a_status_step_waits_for_the_batch_creating_its_order(
    empty_graph: AsyncDriver, database: str
) -> None:
    """Two batches with no identifier in common meet on an order: the till creates it (loyalty
    card), the warehouse reports it shipped (e-mail only). Written at once, the step would
    overtake the order and wait as PENDING; the queue writes them in the order they came."""
    pipeline = _Gated(empty_graph, database)
    pipeline.gate = asyncio.Event()
    queue = IngestQueue(pipeline, writers=4, ahead=1)
    order = {"orderId": "ord-gate", "currency": "EUR", "total": 30.0, "fulfillment": "SHIP",
             "lines": [{"sku": "TEE-010", "name": "Tee", "quantity": 1, "unitPrice": 30.0}]}  # fmt: skip
    creating = asyncio.ensure_future(queue.submit([{
        "eventId": "gate-1", "type": "order", "at": "2026-03-01T10:00:00Z", "channel": "STORE",
        "source": "pos", "storeId": "store-lisbon-1",
        "identifiers": [{"type": "LOYALTY_ID", "value": "LN-GATE"}],
        "order": {**order, "status": "PAID"},
    }]))  # fmt: skip
    await asyncio.sleep(0)  # its batch is formed first
    shipped = asyncio.ensure_future(queue.submit([{
        "eventId": "gate-2", "type": "order", "at": "2026-03-02T10:00:00Z", "channel": "WEB",
        "source": "warehouse", "identifiers": [{"type": "EMAIL", "value": "gate@example.com"}],
        "order": {"orderId": "ord-gate", "status": "SHIPPED"},
    }]))  # fmt: skip
    # time for a step that did not wait to be written (it would be PENDING)
    await asyncio.wait({shipped}, timeout=3)
    pipeline.gate.set()
    made = await creating
    assert [r.status for r in made] == ["APPLIED"], made
    steps = await shipped
    assert [r.status for r in steps] == ["APPLIED"], steps
    records, _, _ = await empty_graph.execute_query(
        "MATCH (o:Order {id: 'ord-gate'}) RETURN o.status AS status", database_=database
    )
    assert [r["status"] for r in records] == ["SHIPPED"]

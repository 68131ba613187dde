"""Writing the demo graph: the catalogue, Ana and Rui, then the generated customers in batches.

One write transaction per batch of customers, one `UNWIND $rows` statement per node kind, a few
transactions in flight, and a progress bar on stderr.
"""

from __future__ import annotations

import asyncio
import math
import sys
import time
from dataclasses import dataclass

from neo4j import AsyncDriver, AsyncManagedTransaction
from tqdm import tqdm

from graph.seed import cypher
from graph.seed.catalogue import Catalogue, product_catalogue, store_rows, terminal_rows
from graph.seed.customers import BLOCK, generate_block
from graph.seed.journey import fixed_customers
from graph.seed.rows import KINDS, Batch


@dataclass(frozen=True)
class SeedReport:
    customers: int  # generated customers asked for (Ana and Rui come on top)
    records: int  # nodes + relationships created
    seconds: float
    skipped: int = 0  # customers already in the graph, left as they were

    @property
    def records_per_second(self) -> float:
        return self.records / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class _Written:
    customers: int
    records: int
    skipped: int


async def seed_demo_data(
    driver: AsyncDriver,
    database: str,
    customers: int,
    seed: int = 42,
    batch_size: int = 500,
    progress: bool = True,
    concurrency: int = 2,
) -> SeedReport:
    """Write the catalogue, Ana and Rui, and `customers` generated customers; see `graph.seed`.

    Assumes `migrate()` has run: the uniqueness constraints make every MERGE an index lookup.
    `batch_size` is rounded down to whole blocks; `concurrency` write transactions overlap (two
    keep both of a small machine's cores busy, more only add lock waits).
    """
    if customers < 0 or batch_size < 1 or concurrency < 1:
        raise ValueError("customers must be >= 0, batch_size and concurrency >= 1")
    started = time.perf_counter()
    records = await _write_catalogue(driver, database)
    fixed = Batch(customer_ids=["cus-ana", "cus-rui"], rows=fixed_customers())
    written = await _write_batch(driver, database, fixed)
    records += written.records
    skipped = written.skipped

    blocks = math.ceil(customers / BLOCK)
    per_batch = max(1, batch_size // BLOCK)
    catalogue = Catalogue()
    in_flight: set[asyncio.Task[_Written]] = set()
    with tqdm(
        total=customers,
        unit="customer",
        disable=not progress,
        file=sys.stderr,
        desc="seed",
        smoothing=0.1,
    ) as bar:

        def done(finished: set[asyncio.Task[_Written]]) -> None:
            nonlocal records, skipped
            for task in finished:
                written = task.result()
                records += written.records
                skipped += written.skipped
                bar.update(written.customers)
            elapsed = time.perf_counter() - started
            bar.set_postfix(records=records, rate=f"{records / max(elapsed, 1e-9):,.0f}/s")

        try:
            for first_block in range(0, blocks, per_batch):
                batch = Batch()
                for block in range(first_block, min(blocks, first_block + per_batch)):
                    generate_block(batch, catalogue, seed, block, customers)
                if len(in_flight) >= concurrency:
                    finished, in_flight = await asyncio.wait(
                        in_flight, return_when=asyncio.FIRST_COMPLETED
                    )
                    done(finished)
                in_flight.add(asyncio.create_task(_write_batch(driver, database, batch)))
            if in_flight:
                finished, in_flight = await asyncio.wait(in_flight)
                done(finished)
        finally:
            for task in in_flight:  # only left on an error: the batches are rolled back
                task.cancel()
            await asyncio.gather(*in_flight, return_exceptions=True)
    return SeedReport(customers, records, time.perf_counter() - started, skipped)


async def _write_catalogue(driver: AsyncDriver, database: str) -> int:
    params = {
        "products": product_catalogue(),
        "stores": store_rows(),
        "terminals": terminal_rows(),
    }
    records = 0
    for statement in cypher.CATALOGUE:
        _, summary, _ = await driver.execute_query(statement, params, database_=database)
        records += summary.counters.nodes_created + summary.counters.relationships_created
    return records


async def _write_batch(driver: AsyncDriver, database: str, batch: Batch) -> _Written:
    async with driver.session(database=database) as session:
        return await session.execute_write(_apply_batch, batch)


async def _apply_batch(tx: AsyncManagedTransaction, batch: Batch) -> _Written:
    """Write the batch's customers that are not in the graph yet, whole; skip the others."""
    result = await tx.run(cypher.EXISTING, ids=batch.customer_ids)
    record = await result.single(strict=True)
    existing = set(record["ids"])
    records = 0
    for kind in KINDS:
        rows = batch.rows[kind]
        if existing:
            key = "id" if kind == "customers" else "customerId"
            rows = [row for row in rows if row[key] not in existing]
        if not rows:
            continue
        result = await tx.run(cypher.STATEMENTS[kind], rows=rows)
        counters = (await result.consume()).counters
        records += counters.nodes_created + counters.relationships_created
    return _Written(len(batch.customer_ids), records, len(existing))

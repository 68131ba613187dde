"""Deterministic, realistic omni-channel demo data: `omnigraph seed --customers N --seed S`.

The same (customers, seed) always gives the same graph: customers are generated in blocks of
`customers.BLOCK`, each from its own `random.Random(f"{seed}:{block}")`, with every time counted
back from a fixed epoch (2026-01-01, activity up to two years before it), so neither the batch
size nor the clock changes a single value. Ana and Rui, the two customers of `examples.jsonl`,
are always written too.

Writing is batched: one write transaction per batch of customers, one `UNWIND $rows` statement
per node kind, two transactions in flight. A customer is written whole in one transaction, so a
re-run skips the customers already present and adds nothing (an interrupted run, or a larger N,
just fills in the rest).

    report = await seed_demo_data(driver, "neo4j", customers=10_000, seed=42)
    print(f"{report.records:,} records, {report.records_per_second:,.0f}/s")

The modules, in the order data flows through them:

- `catalogue`, `countries`: the static material (products, stores and tills; names and places);
- `customers`: the crowd, block by block, and for each customer which parts of a history they
  get; a `shopper.Shopper` carries one customer's state while `identity`, `orders`,
  `interactions`, `carts`, `cases`, `consents` and `loyalty` each add their kind of rows;
- `journey`: Ana and Rui, hand-made;
- `rows`: the batch of rows per node kind that the generator fills and the writer empties;
- `writer` and `cypher`: transactions, batching, the progress bar, and the statements.
"""

from __future__ import annotations

from graph.seed.writer import SeedReport, seed_demo_data

__all__ = ["SeedReport", "seed_demo_data"]

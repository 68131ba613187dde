"""Deterministic, realistic omni-channel demo data: `omnigraph seed --customers N --seed S`.

The demo graph is built the way a real one is: the stores and the product catalogue first
(`reference`), then what every channel system would have sent, as contract events, through the
ingestion pipeline (`load`), so the demo shows stitched identities, merges and their evidence.

- `catalogue`, `countries`: the static material (products, stores and tills; names and places);
- `journeys`: one generated person's journey across channels, as events;
- `events`: the people of a seed, their households, Ana and Rui (`examples.jsonl`), in arrival
  order (`generate_events`) or in blocks of people for benchmark-sized sets (`generate_blocks`);
- `reference`, `load`: what `omnigraph seed` writes, and how.

    report = await seed_journeys(driver, "neo4j", people=60, seed=42)
"""

from __future__ import annotations

from graph.seed.load import SeedReport, seed_journeys

__all__ = ["SeedReport", "seed_journeys"]

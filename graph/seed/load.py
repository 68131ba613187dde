"""`omnigraph seed`: the catalogue, then generated journeys through the ingestion pipeline.

    report = await seed_journeys(driver, "neo4j", people=60, seed=42)
    print(report.summary())

`story` adds the demo's day in the store (`graph/seed/story.py`), timed back from that moment.

By default the whole set is generated, sorted by time and applied as it would arrive. `bulk`
generates and applies it in blocks of people (`events.generate_blocks`), so memory stays flat for
benchmark-sized sets; it builds the same graph, through the same pipeline.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from neo4j import AsyncDriver
from tqdm import tqdm

from graph.ingest.pipeline import Pipeline
from graph.ingest.validate import Rules
from graph.seed.events import Event, generate_blocks, generate_events
from graph.seed.reference import load_reference_data
from graph.seed.story import story_events, write_staff_records

EVENTS_PER_PERSON = 33  # about, on the generator's mix: for the progress bar of a bulk load


@dataclass
class SeedReport:
    people: int
    counts: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def events(self) -> int:
        return sum(self.counts.values())

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        return (
            f"seeded {self.people} people (+ Ana and Rui): {self.events:,} events in "
            f"{self.seconds:.1f}s ({self.events_per_second:,.0f} events/s): "
            f"{self.counts['APPLIED']:,} applied, {self.counts['DUPLICATE']:,} duplicate, "
            f"{self.counts['REJECTED']:,} rejected"
        )


async def seed_journeys(
    driver: AsyncDriver,
    database: str,
    people: int,
    *,
    seed: int = 42,
    bulk: bool = False,
    rules: Rules | None = None,
    progress: bool = True,
    story: datetime | None = None,
) -> SeedReport:
    """Load the catalogue and `people` generated journeys (plus Ana's and Rui's), and the day
    in the store that ends at `story` when it is given."""
    report = SeedReport(people)
    started = time.perf_counter()
    await load_reference_data(driver, database)
    pipeline = Pipeline(driver, database, rules)
    blocks: Iterable[list[Event]] = (
        generate_blocks(people, seed) if bulk else [generate_events(people, seed)]
    )
    total = (people + 2) * EVENTS_PER_PERSON if bulk else None
    with tqdm(total=total, unit="event", desc="seed", disable=not progress, file=sys.stderr) as bar:
        for block in blocks:
            if bar.total is None:
                bar.total = len(block)
            for start in range(0, len(block), pipeline.batch):
                results = await pipeline.ingest(block[start : start + pipeline.batch])
                report.counts.update(result.status for result in results)
                bar.update(len(results))
                bar.set_postfix(report.counts, refresh=False)
    if story is not None:
        report.counts.update(await tell_story(driver, database, story, pipeline))
    report.seconds = time.perf_counter() - started
    return report


async def tell_story(
    driver: AsyncDriver, database: str, now: datetime, pipeline: Pipeline | None = None
) -> Counter[str]:
    """Apply the day in the store that ends at `now` (`story.py`) to a seeded graph, and the
    notes and dates staff wrote that day (once); how many events were applied, duplicate..."""
    events = story_events(now)
    results = await (pipeline or Pipeline(driver, database)).ingest(events)
    told = {event["eventId"]: result for event, result in zip(events, results, strict=True)}
    (ana,) = [result for event_id, result in told.items() if event_id.endswith("-ana-visit")]
    if ana.status == "APPLIED" and ana.customer_id is not None:  # staff write once a day
        await write_staff_records(driver, database, ana.customer_id, now)
    return Counter(result.status for result in results)

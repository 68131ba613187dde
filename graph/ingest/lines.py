"""JSON lines in, events or per-line rejections out: shared by `POST /events` and the importer."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from graph.ingest.events import Rejection
from graph.ingest.pipeline import IngestResult, Pipeline
from graph.ingest.queue import IngestQueue


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the file or body
    event: Any = None  # the decoded JSON value, when it decoded
    error: Rejection | None = None


def read_lines(lines: Iterable[bytes | str], first: int = 1) -> Iterator[Line]:
    """Decode each non-blank line; one that is not JSON becomes an `INVALID_JSON` rejection."""
    for number, text in enumerate(lines, start=first):
        if not text.strip():
            continue
        try:
            yield Line(number, event=orjson.loads(text))
        except orjson.JSONDecodeError as error:
            yield Line(number, error=Rejection("INVALID_JSON", None, f"not JSON: {error}"))


async def ingest_lines(door: Pipeline | IngestQueue, lines: Sequence[Line]) -> list[IngestResult]:
    """Results in line order; lines that did not decode are rejected without reaching Neo4j."""
    decoded = [line for line in lines if line.error is None]
    events = [line.event for line in decoded]
    applied = iter(
        await (door.submit(events) if isinstance(door, IngestQueue) else door.ingest(events))
    )
    results = []
    for line in lines:
        if line.error is not None:
            results.append(IngestResult(None, "REJECTED", error=line.error))
        else:
            results.append(next(applied))
    return results

"""`omnigraph import FILE`: stream JSON lines of any size through the pipeline.

Reads in batches (memory stays flat whatever the file's size), shows a progress bar, reports each
rejected line by number with its code, field and reason (and optionally writes them as JSON lines
to an errors file), and ends with the counts. Every applied event is committed before the next
batch is read: a run killed halfway and started again applies what is left and reports the rest
as DUPLICATE, so the graph ends as after one clean run.
"""

from __future__ import annotations

import asyncio
import sys
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, BinaryIO, Never

import orjson
from tqdm import tqdm

from graph.ingest.lines import Line, ingest_lines, read_lines
from graph.ingest.pipeline import IngestResult, Pipeline
from graph.ingest.queue import IngestQueue


@dataclass
class ImportReport:
    counts: Counter[str] = field(default_factory=Counter)
    lines: int = 0

    @property
    def rejected(self) -> int:
        return self.counts["REJECTED"]

    def summary(self) -> str:
        return (
            f"{self.lines} lines: {self.counts['APPLIED']} applied, "
            + (f"{self.counts['PENDING']} pending, " if self.counts["PENDING"] else "")
            + f"{self.counts['DUPLICATE']} duplicate, {self.counts['REJECTED']} rejected"
        )


async def import_file(
    pipeline: Pipeline,
    path: str,
    *,
    errors_to: Path | None = None,
    progress: bool = True,
    out: IO[str] = sys.stderr,
) -> ImportReport:
    """Import a JSONL file (`-` for standard input)."""
    report = ImportReport()
    source: BinaryIO = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    total = None if path == "-" else Path(path).stat().st_size
    errors = errors_to.open("w") if errors_to else None
    bar = tqdm(total=total, unit="B", unit_scale=True, desc="import", disable=not progress,
               file=out)  # fmt: skip
    queue = IngestQueue(pipeline, limit=pipeline.batch)
    window: deque[tuple[list[Line], asyncio.Task[list[IngestResult]]]] = deque()

    def report_on(batch: list[Line], results: list[IngestResult]) -> None:
        for line, result in zip(batch, results, strict=True):
            report.counts[result.status] += 1
            if result.status == "REJECTED" and result.error is not None:
                error = result.error
                where = f" {error.field}" if error.field else ""
                bar.write(f"line {line.number}: {error.code}{where}: {error.message}", file=out)
                if errors is not None:
                    record = {"line": line.number, **result.as_json()}
                    errors.write(orjson.dumps(record).decode() + "\n")
        report.lines = batch[-1].number
        bar.set_postfix(report.counts, refresh=False)

    try:
        for batch in _batches(source, bar, pipeline.batch):
            window.append((batch, asyncio.create_task(ingest_lines(queue, batch))))
            if len(window) > queue.writers + queue.ahead:  # memory stays flat
                done, task = window.popleft()
                report_on(done, await task)
        while window:
            done, task = window.popleft()
            report_on(done, await task)
    finally:
        for _, task in window:
            task.cancel()
        bar.close()
        if errors is not None:
            errors.close()
        if source is not sys.stdin.buffer:
            source.close()
    return report


def _batches(source: BinaryIO, bar: tqdm[Never], size: int) -> Iterator[list[Line]]:
    batch: list[Line] = []
    number = 0

    def numbered() -> Iterator[bytes]:
        nonlocal number
        for raw in source:
            number += 1
            bar.update(len(raw))
            yield raw

    for line in read_lines(numbered()):
        batch.append(line)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch

"""Benchmark data sets: 10k, 100k (and, on a big machine, 1M) generated customers.

Each data set is its own Neo4j home under `.bench/datasets/<size>/` (git-ignored), built once by
the same deterministic generator and ingestion pipeline as `omnigraph seed --bulk` (seed 42), and
kept as a pristine copy: every benchmark run starts from a copy of it, so the write workload of
one run never changes what the next run reads.

    python -m bench.data 10k 100k      # build what is missing (a stamp says what is there)

Sizes, measured on the 2-core bench machine (see README "Performance"): 10k customers are
~327k events (~4.5 min to build, 1.5 GB on disk); 100k are ~3.3M events (~49 min, 10 GB).
1M is ~33M events: ~8 h to build, ~100 GB of disk (twice that while a run holds its copy), and
to serve it from memory Neo4j wants a page cache of ~40 GB (a 24 GB machine still runs it, from
disk, with a 12 GB page cache); it is optional and only built when asked for by name.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from graph.local_neo4j import LocalNeo4j

# Bump when the generator or the graph's shape changes: stamped data sets are rebuilt.
DATASET_VERSION = 1
SEED = 42
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
ROOT = Path(".bench")
PASSWORD = "omnigraph-bench"
PAGECACHE = {"10k": "1g", "100k": "4g", "1m": "12g"}


@dataclass(frozen=True)
class Dataset:
    size: str

    @property
    def customers(self) -> int:
        return SIZES[self.size]

    @property
    def pristine(self) -> Path:
        return ROOT / "datasets" / self.size

    @property
    def stamp(self) -> Path:
        return self.pristine / "dataset.json"

    def server(self, home: Path, port: int, plugins: Path | None = None) -> LocalNeo4j:
        _share_jars(home)
        # plugins: APOC, which the Neo4j GraphQL Library needs
        return LocalNeo4j(
            home, port, PASSWORD, heap="2g", pagecache=PAGECACHE[self.size], plugins=plugins
        )

    def ready(self) -> bool:
        try:
            stamp = json.loads(self.stamp.read_text())
        except (FileNotFoundError, ValueError):
            return False
        return bool(stamp.get("version") == DATASET_VERSION and stamp.get("complete"))

    def info(self) -> dict[str, object]:
        return dict(json.loads(self.stamp.read_text()))

    def build(self, port: int) -> None:
        """Generate and load the data set into its pristine home (minutes to an hour)."""
        if self.ready():
            return
        server = self.server(self.pristine, port)
        server.stop()
        shutil.rmtree(self.pristine / "data", ignore_errors=True)
        self.stamp.unlink(missing_ok=True)
        started = time.perf_counter()
        server.start()
        try:
            counts = asyncio.run(_load(server, self.customers))
        finally:
            server.stop()
        info = {
            "version": DATASET_VERSION,
            "complete": True,
            "customers_generated": self.customers,
            "seed": SEED,
            "events": counts,
            "build_seconds": round(time.perf_counter() - started, 1),
            "disk_bytes": _size(self.pristine / "data"),
        }
        self.stamp.write_text(json.dumps(info, indent=2))

    def working_copy(self, home: Path, port: int, plugins: Path | None = None) -> LocalNeo4j:
        """A fresh copy of the pristine data set in `home`, ready to start."""
        if not self.ready():
            raise RuntimeError(
                f"data set {self.size} is not built: python -m bench.data {self.size}"
            )
        server = self.server(home, port, plugins)
        server.stop()
        shutil.rmtree(home / "data", ignore_errors=True)
        shutil.copytree(self.pristine / "data", home / "data")
        return server


def _share_jars(home: Path) -> None:
    """Give a bench home the project's fetched Neo4j jars (hard links: no second download, and a
    refetch in `.neo4j` while a benchmark runs cannot pull them from under it)."""
    project = LocalNeo4j(Path(".neo4j"), 0, "")
    project.install()
    home.mkdir(parents=True, exist_ok=True)
    stamp = (project.home / "lib.stamp").read_text()
    lib = home / "lib"
    if (home / "lib.stamp").exists() and (home / "lib.stamp").read_text() == stamp:
        return
    if lib.is_symlink():
        lib.unlink()
    shutil.rmtree(lib, ignore_errors=True)
    shutil.copytree(project.lib, lib, copy_function=os.link)
    (home / "lib.stamp").write_text(stamp)


async def _load(server: LocalNeo4j, customers: int) -> dict[str, int]:
    from graph.driver import open_driver
    from graph.ingest.validate import Rules
    from graph.migrations import migrate
    from graph.seed import seed_journeys

    driver = open_driver(server.uri, "neo4j", PASSWORD)
    try:
        await migrate(driver, "neo4j")
        report = await seed_journeys(
            driver, "neo4j", customers, seed=SEED, bulk=True, rules=Rules("PT")
        )
    finally:
        await driver.close()
    print(report.summary(), file=sys.stderr)
    return dict(report.counts)


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="+", choices=sorted(SIZES))
    parser.add_argument("--port", type=int, default=7700)
    args = parser.parse_args()
    for size in args.sizes:
        dataset = Dataset(size)
        if dataset.ready():
            print(f"{size}: ready ({dataset.info()})", file=sys.stderr)
            continue
        print(f"{size}: building {dataset.customers:,} customers ...", file=sys.stderr)
        dataset.build(args.port)
        print(f"{size}: built ({dataset.info()})", file=sys.stderr)


if __name__ == "__main__":
    main()

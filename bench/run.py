"""`make bench`: omnigraph against its peers, side by side, on the same Neo4j and data.

    python -m bench.run                      # 10k and 100k, every workload, peer, concurrency
    python -m bench.run --sizes 10k --duration 5 --workloads Q1,Q4 --peers omnigraph,floor

For each data set (bench/data.py: built once, then copied fresh for every run) it starts one
Neo4j 5.26 (with APOC Core, which the Neo4j GraphQL Library needs) and three servers on it:

- `floor`: one hand-written Cypher per request through the raw async driver, Starlette + uvicorn
  (bench/peers/floor.py): the least work any gateway could do;
- `neo4j-graphql`: `@neo4j/graphql` 7 served by graphql-yoga on Node (bench/peers/neo4j-graphql);
- `omnigraph`: `omnigraph serve` in production mode, as an `agent` (audited reads).

Each workload (bench/workloads.py) is run against each peer at each concurrency by the load
generator in its own process (bench/loadgen.py), after a warm-up; measured: p50/p95/p99 latency,
requests/s, Cypher statements per request (each server's own counter), the server's CPU time per
request and its peak memory (psutil), and Neo4j's CPU per request. W1 (`ingestEvents` in
batches of 100) runs on omnigraph only, last, on events of new people, after `--w1-prime`
seconds of unmeasured ingestion: Neo4j's JVM compiles its write path during its first ~100,000
ingested events, on the same cores, and a server that has run for a while has done that.

Writes `bench/results/run-<time>.json` and `bench/results/latest.json`, then the report
(bench/report.py): `bench/results/latest.md`, `docs/bench.png` and the README's performance
section.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import psutil

from bench.data import PASSWORD, SIZES, Dataset
from bench.workloads import DESCRIPTIONS, READS, Targets, sample_targets

RUN_HOME = Path(".bench/run")
# Every port a run uses is offset from one base (`--port-base`, `BENCH_PORT_BASE`), so two runs
# on one machine (two checkouts, a CI job beside a developer) do not collide: base+0 the Neo4j
# that builds a data set, base+1 the Neo4j under test, base+11..13 omnigraph, the floor and
# @neo4j/graphql. The default base 7700 keeps the ports of earlier runs.
DEFAULT_PORT_BASE = 7700
JWT_SECRET = "bench-secret-bench-secret-bench-secret-0123"
NGQL_DIR = Path("bench/peers/neo4j-graphql")
PEERS = ("omnigraph", "floor", "neo4j-graphql")
WORKLOADS = ("Q1", "Q2", "Q3", "Q4", "W1")
W1_BATCH = 100


@dataclass
class Server:
    """One peer's server process and how to ask it things."""

    name: str
    port: int
    command: list[str]
    env: dict[str, str]
    ready_path: str
    process: subprocess.Popen[bytes] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    write_headers: dict[str, str] = field(default_factory=dict)  # W1: an ingestion token

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, logs: Path) -> None:
        logs.mkdir(parents=True, exist_ok=True)
        log = (logs / f"{self.name}.log").open("wb")
        self.process = subprocess.Popen(
            self.command,
            env={**os.environ, **self.env},
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with {self.process.returncode}: see {logs / self.name}.log"
                )
            try:
                with urllib.request.urlopen(self.base + self.ready_path, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{self.name} was not ready after 120 s: see {logs / self.name}.log")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def cypher_count(self) -> int:
        """Cypher statements the server has run so far (its own counter)."""
        if self.name == "omnigraph":
            with urllib.request.urlopen(self.base + "/metrics", timeout=5) as response:
                text = response.read().decode()
            total = 0
            for line in text.splitlines():
                if line.startswith(
                    ("omnigraph_cypher_reads_total", "omnigraph_cypher_writes_total")
                ):
                    total += int(float(line.split()[-1]))
            return total
        with urllib.request.urlopen(self.base + "/_bench/cypher", timeout=5) as response:
            return int(json.loads(response.read())["queries"])

    def request(self, workload: str, variables: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """The URL and JSON body of one request of `workload` with `variables`."""
        if self.name == "floor":
            return f"{self.base}/{workload.lower()}", variables
        if self.name == "omnigraph":
            from resolvers.pagination import encode_cursor

            if workload == "Q4":
                variables = {"after": encode_cursor("customers", variables["after"])}
            return f"{self.base}/graphql", {"query": READS[workload], "variables": variables}
        from graph.search import lucene_query

        if workload == "Q3":  # the library takes the full-text query as Lucene syntax
            variables = {"q": lucene_query(variables["q"])}
        query = (NGQL_DIR / "queries" / f"{workload.lower()}.graphql").read_text()
        return f"{self.base}/graphql", {"query": query, "variables": variables}


def _servers(neo4j_uri: str, base: int) -> dict[str, Server]:
    python = sys.executable
    og, fl, ng = base + 11, base + 12, base + 13
    neo4j_env = {
        "NEO4J_URI": neo4j_uri,
        "NEO4J_USER": "neo4j",
        "NEO4J_PASSWORD": PASSWORD,
        "NEO4J_DATABASE": "neo4j",
    }
    from gateway.settings import Settings
    from gateway.tokens import mint_token
    from resolvers.principal import Role

    omnigraph_env = {
        **neo4j_env,
        "OMNIGRAPH_ENV": "production",
        "OMNIGRAPH_JWT_SECRET": JWT_SECRET,
        "OMNIGRAPH_RATE_LIMIT": "0",
        "OMNIGRAPH_METRICS": "on",
    }
    settings = Settings.from_env(omnigraph_env)
    agent = mint_token(settings, Role.AGENT, subject="bench", ttl=24 * 3600)
    ingest = mint_token(settings, Role.INGEST, subject="bench-ingest", ttl=24 * 3600)
    omnigraph = Server(
        "omnigraph",
        og,
        [str(Path(python).with_name("omnigraph")), "serve", "--port", str(og)],
        omnigraph_env,
        "/readyz",
        headers={"Authorization": f"Bearer {agent}", "X-Omnigraph-Reason": "benchmark"},
        write_headers={"Authorization": f"Bearer {ingest}"},
    )
    floor = Server(
        "floor",
        fl,
        [python, "-m", "bench.peers.floor", "--port", str(fl)],
        neo4j_env,
        "/_bench/cypher",
    )
    ngql = Server(
        "neo4j-graphql",
        ng,
        ["node", str(NGQL_DIR / "server.mjs")],
        {**neo4j_env, "PORT": str(ng), "NODE_ENV": "production"},
        "/_bench/cypher",
    )
    return {s.name: s for s in (omnigraph, floor, ngql)}


class Sampler:
    """Peak resident memory of a process (and its children) while a measurement runs."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _rss(self) -> int:
        with contextlib.suppress(psutil.Error):
            total = self.process.memory_info().rss
            for child in self.process.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    total += child.memory_info().rss
            return int(total)
        return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._rss())
            self._stop.wait(0.05)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def jit_cpu_seconds(pid: int) -> float | None:
    """CPU time of the JVM's JIT compiler threads (`C1/C2 CompilerThread`): Neo4j's first
    ~100,000 ingested events pay for compiling its write path. Linux only (None elsewhere)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return None
    for task in tasks:
        with contextlib.suppress(OSError, ValueError, IndexError):
            if (task / "comm").read_text().startswith(("C1 Compiler", "C2 Compiler")):
                fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / tick
    return total


def cpu_seconds(pid: int) -> float:
    process = psutil.Process(pid)
    times = process.cpu_times()
    total = times.user + times.system
    for child in process.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            t = child.cpu_times()
            total += t.user + t.system
    return float(total)


def measure(
    server: Server,
    neo4j_pid: int,
    workload: str,
    bodies: list[dict[str, Any]],
    url: str,
    concurrency: int,
    duration: float,
    warmup: float,
    unit: int | list[int] = 1,
    once: bool = False,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """One loadgen run against one server; returns the loadgen's figures plus the server's."""
    assert server.process is not None
    job = {
        "url": url,
        "headers": server.headers if headers is None else headers,
        "bodies": bodies,
        "concurrency": concurrency,
        "duration": duration,
        "warmup": warmup,
        "unit": unit,
        "once": once,
        "check_events": workload == "W1",
    }
    loadgen = subprocess.Popen(
        [sys.executable, "-m", "bench.loadgen"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert loadgen.stdin is not None and loadgen.stdout is not None
    loadgen.stdin.write(orjson.dumps(job))
    loadgen.stdin.close()
    line = loadgen.stdout.readline().decode().strip()
    if line != "START":
        loadgen.wait()
        raise RuntimeError(f"the load generator failed before measuring ({line!r})")
    cypher_before = server.cypher_count()
    cpu_before = cpu_seconds(server.process.pid)
    neo4j_before = cpu_seconds(neo4j_pid)
    jit_before = jit_cpu_seconds(neo4j_pid)
    with Sampler(server.process.pid) as sampler:
        result: dict[str, Any] = orjson.loads(loadgen.stdout.readline())
    cpu = cpu_seconds(server.process.pid) - cpu_before
    neo4j_cpu = cpu_seconds(neo4j_pid) - neo4j_before
    jit_after = jit_cpu_seconds(neo4j_pid)
    jit = None if jit_before is None or jit_after is None else jit_after - jit_before
    cypher = server.cypher_count() - cypher_before
    loadgen.wait()
    done = result["requests"] + result["failed"]
    result.update(
        workload=workload,
        peer=server.name,
        cypher_per_request=round(cypher / done, 2) if done else None,
        cpu_ms_per_request=round(cpu * 1000 / done, 2) if done else None,
        neo4j_cpu_ms_per_request=round(neo4j_cpu * 1000 / done, 2) if done else None,
        # of which the JIT compiling Neo4j's code: near 0 once the server is warm
        neo4j_jit_ms_per_request=round(jit * 1000 / done, 2) if done and jit is not None else None,
        peak_rss_mb=round(sampler.peak / 2**20, 1),
    )
    return result


def w1_bodies(count: int, seed: int) -> list[dict[str, Any]]:
    """`count` ingestEvents calls of up to 100 events, of people no data set has.

    Each call carries whole households' journeys in time order, and no two calls share a
    person: like 16 channel systems each sending their own customers' events, concurrent calls
    never race one person's order update ahead of the order (which is refused, rightly). The
    few households with more than 100 events are left out.
    """
    from bench.ingest import MUTATION, tagged
    from graph.seed.events import generate_blocks

    bodies: list[dict[str, Any]] = []
    batch: list[dict[str, Any]] = []
    for household in generate_blocks(count * 4, seed, people=1):
        events = tagged(household, seed)
        if len(events) > W1_BATCH:
            continue
        if len(batch) + len(events) > W1_BATCH:
            bodies.append({"query": MUTATION, "variables": {"events": batch}})
            batch = []
            if len(bodies) == count:
                break
        batch += events
    return bodies


def print_row(result: dict[str, Any]) -> None:
    print(
        f"  {result['workload']:3s} {result['peer']:14s} c{result['concurrency']:<3d}"
        f" p50 {result['p50_ms'] or 0:8.1f}  p95 {result['p95_ms'] or 0:8.1f}"
        f"  p99 {result['p99_ms'] or 0:8.1f} ms  {result['requests_per_s']:8.1f} req/s"
        f"  {result['cypher_per_request'] or 0:5.1f} Cypher/req  cpu {result['cpu_ms_per_request'] or 0:6.1f}"
        f" ms/req  neo4j {result['neo4j_cpu_ms_per_request'] or 0:6.1f} ms/req"
        f" (jit {result.get('neo4j_jit_ms_per_request') or 0:5.1f})"
        f"  peak {result['peak_rss_mb']:6.0f} MB"
        + (f"  {result['items_per_s']:,.0f} events/s" if result["workload"] == "W1" else "")
        + (f"  FAILED {result['failed']}: {result['failures'][:1]}" if result["failed"] else ""),
        flush=True,
    )


def run_size(size: str, args: argparse.Namespace) -> dict[str, Any]:
    from bench.peers.apoc import ensure_apoc
    from graph.driver import open_driver

    dataset = Dataset(size)
    dataset.build(args.port_base)
    home = RUN_HOME / "neo4j"
    plugins = ensure_apoc(Path(".bench/plugins"))
    server = dataset.working_copy(home, args.port_base + 1, plugins=plugins)
    neo4j_pid = server.start()
    servers = {
        name: s for name, s in _servers(server.uri, args.port_base).items() if name in args.peers
    }
    results: list[dict[str, Any]] = []
    try:

        async def sample() -> Targets:
            driver = open_driver(server.uri, "neo4j", PASSWORD)
            try:
                return await sample_targets(driver, "neo4j", args.sample)
            finally:
                await driver.close()

        targets = asyncio.run(sample())
        for peer in servers.values():
            peer.start(RUN_HOME / "logs")
        time.sleep(3)  # omnigraph compiles its ingestion statement in the background at start
        reads = [w for w in args.workloads if w in READS]
        # Prime every peer on every read workload first (Neo4j's page cache after the copy, its
        # JIT and query plans, each server's own warm-up), so no cell pays for coming first.
        for workload in reads:
            for peer in servers.values():
                requests = [peer.request(workload, v) for v in targets.variables[workload]]
                measure(
                    peer, neo4j_pid, workload, [body for _, body in requests], requests[0][0],
                    4, args.prime, 0,
                )  # fmt: skip
        print(f"  primed every peer on {', '.join(reads)} ({args.prime:.0f} s each)", flush=True)
        for workload in reads:
            for concurrency in args.concurrency:
                for peer in servers.values():
                    requests = [peer.request(workload, v) for v in targets.variables[workload]]
                    url = requests[0][0]
                    result = measure(
                        peer, neo4j_pid, workload, [body for _, body in requests], url,
                        concurrency, args.duration, args.warmup,
                    )  # fmt: skip
                    print_row(result)
                    results.append(result)
        if "W1" in args.workloads and "omnigraph" in servers:
            omnigraph = servers["omnigraph"]
            if args.w1_prime > 0:
                # The JVM compiles Neo4j's write path during its first ~100,000 ingested events,
                # on the same two cores: measured before that, W1 measures the JIT. A server
                # that runs for days has long done it. The priming's new people stay in the graph.
                bodies = w1_bodies(int(args.w1_prime * 40) + 20, seed=89_000)
                primed = measure(
                    omnigraph, neo4j_pid, "W1", bodies, f"{omnigraph.base}/graphql",
                    16, args.w1_prime, 0, unit=[len(b["variables"]["events"]) for b in bodies],
                    once=True, headers=omnigraph.write_headers,
                )  # fmt: skip
                print(f"  primed W1: {primed['items_per_s'] * primed['seconds']:,.0f} events in "
                      f"{primed['seconds']:.0f} s; "
                      f"the JIT took {primed['neo4j_jit_ms_per_request'] or 0:.1f} of Neo4j's "
                      f"{primed['neo4j_cpu_ms_per_request'] or 0:.1f} ms of CPU per call",
                      flush=True)  # fmt: skip
            for index, concurrency in enumerate(args.concurrency):
                # enough new people's events for the whole window at up to ~8,000 events/s
                count = int((args.duration + args.warmup) * 80) + 20
                bodies = w1_bodies(count, seed=90_000 + index)
                units = [len(body["variables"]["events"]) for body in bodies]
                result = measure(
                    omnigraph, neo4j_pid, "W1", bodies, f"{omnigraph.base}/graphql",
                    concurrency, args.duration, args.warmup, unit=units, once=True,
                    headers=omnigraph.write_headers,
                )  # fmt: skip
                print_row(result)
                results.append(result)
    finally:
        for peer in servers.values():
            peer.stop()
        server.stop()
    return {"dataset": dataset.info(), "results": results}


def machine() -> dict[str, Any]:
    def version(command: list[str]) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True).stdout.strip()
        except OSError:
            return "not found"

    return {
        "cpus": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "node": version(["node", "--version"]),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


@contextlib.contextmanager
def _in_project() -> Iterator[None]:
    here = Path(__file__).resolve().parent.parent
    previous = Path.cwd()
    os.chdir(here)
    try:
        yield
    finally:
        os.chdir(previous)


def _npm_ci() -> None:
    stamp = NGQL_DIR / "node_modules" / ".omnigraph-lock"
    lock = (NGQL_DIR / "package-lock.json").read_bytes()
    if stamp.exists() and stamp.read_bytes() == lock:
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm was not found: the @neo4j/graphql peer needs Node 20 and npm")
    subprocess.run([npm, "ci", "--silent", "--no-audit", "--no-fund"], cwd=NGQL_DIR, check=True)
    stamp.write_bytes(lock)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "10k,100k"))
    parser.add_argument("--workloads", default=",".join(WORKLOADS))
    parser.add_argument("--peers", default=",".join(PEERS))
    parser.add_argument("--concurrency", default="1,16")
    parser.add_argument("--duration", type=float, default=15.0, help="measured seconds per run")
    parser.add_argument("--warmup", type=float, default=3.0, help="unmeasured seconds first")
    parser.add_argument(
        "--prime",
        type=float,
        default=10.0,
        help="seconds per peer and workload before any measurement",
    )
    parser.add_argument(
        "--w1-prime",
        type=float,
        default=90.0,
        help="seconds of unmeasured ingestion before W1 (Neo4j's JIT warms its write path)",
    )
    parser.add_argument("--sample", type=int, default=200, help="customers asked about")
    parser.add_argument(
        "--port-base",
        type=int,
        default=int(os.environ.get("BENCH_PORT_BASE", DEFAULT_PORT_BASE)),
        help="ports used: base, base+1 (Neo4j), base+11..13 (the peers)",
    )
    parser.add_argument("--no-report", action="store_true")
    args = parser.parse_args()
    args.sizes = [s for s in args.sizes.split(",") if s]
    args.workloads = [w for w in args.workloads.split(",") if w]
    args.peers = [p for p in args.peers.split(",") if p]
    args.concurrency = [int(c) for c in args.concurrency.split(",")]
    for size in args.sizes:
        if size not in SIZES:
            parser.error(f"unknown size {size!r}: one of {', '.join(SIZES)}")
    with _in_project():
        if "neo4j-graphql" in args.peers:
            _npm_ci()
        run: dict[str, Any] = {
            "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "machine": machine(),
            "settings": {
                "duration_s": args.duration,
                "warmup_s": args.warmup,
                "prime_s": args.prime,
                "w1_prime_s": args.w1_prime,
                "concurrency": args.concurrency,
                "sample": args.sample,
                "workloads": {w: DESCRIPTIONS[w] for w in args.workloads},
                "peers": args.peers,
            },
            "sizes": {},
        }
        for size in args.sizes:
            print(f"== {size} ==", flush=True)
            run["sizes"][size] = run_size(size, args)
        # other work on the machine skews every figure: say how busy it was when the run ended too
        run["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        out = Path("bench/results")
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"run-{time.strftime('%Y%m%dT%H%M%S')}.json"
        path.write_text(json.dumps(run, indent=2))
        shutil.copy2(path, out / "latest.json")
        print(f"wrote {path}")
        if not args.no_report:
            from bench.report import write_report

            for written in write_report(run):
                print(f"wrote {written}")


if __name__ == "__main__":
    main()

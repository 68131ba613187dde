"""The load generator: its own process, so its CPU is never counted as the server's.

Reads one job as JSON on stdin, warms up, prints `START` when the measured window opens, then
one JSON line with the result:

    {"url": ..., "headers": {...}, "bodies": [...], "concurrency": 16,
     "duration": 15, "warmup": 3, "unit": 1, "once": false}

`bodies` are sent in order, round-robin over the workers (every peer answers the same requests
in the same order). A request counts when it answers 200 with JSON that has `data` and no
`errors`; anything else is a failure, counted and reported with the first few messages, never
measured as a fast answer. `unit` is how many items one request carries (events for W1), for
items/s: a number, or one per body. With `once`, each body is sent at most once (writes: a replayed batch would apply
nothing and look fast), and the run ends early when they run out. With `check_events`, an
`ingestEvents` answer with a REJECTED event is a failure too.
"""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Any

import aiohttp
import orjson


async def _run(job: dict[str, Any]) -> dict[str, Any]:
    bodies = [orjson.dumps(body) for body in job["bodies"]]
    headers = {"content-type": "application/json", **job.get("headers", {})}
    concurrency = int(job["concurrency"])
    connector = aiohttp.TCPConnector(limit=concurrency, force_close=False)
    timeout = aiohttp.ClientTimeout(total=120)
    latencies: list[float] = []
    items = 0
    unit = job.get("unit", 1)
    units = unit if isinstance(unit, list) else [int(unit)] * len(bodies)
    failures: list[str] = []
    failed = 0
    counter = 0
    once = bool(job.get("once", False))
    check_events = bool(job.get("check_events", False))

    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

        async def one(body: bytes) -> tuple[float, str | None]:
            started = time.perf_counter()
            async with session.post(job["url"], data=body, headers=headers) as response:
                raw = await response.read()
                status = response.status
            elapsed = time.perf_counter() - started
            if status != 200:
                return elapsed, f"HTTP {status}: {raw[:300]!r}"
            payload = orjson.loads(raw)
            if payload.get("errors") or "data" not in payload:
                return elapsed, f"errors: {str(payload.get('errors'))[:300]}"
            if check_events:  # W1: every event must apply, or the call counts as failed
                refused = [r for r in payload["data"]["ingestEvents"] if r["status"] == "REJECTED"]
                if refused:
                    return elapsed, f"{len(refused)} events rejected: {refused[0]['error']}"
            return elapsed, None

        async def worker(until: float, record: bool) -> None:
            nonlocal counter, failed, items
            while time.perf_counter() < until:
                if once and counter >= len(bodies):
                    return
                index = counter % len(bodies)
                counter += 1
                elapsed, error = await one(bodies[index])
                if not record:
                    continue
                if error is None:
                    latencies.append(elapsed)
                    items += units[index]
                else:
                    failed += 1
                    if len(failures) < 5:
                        failures.append(error)

        warmup_until = time.perf_counter() + float(job.get("warmup", 3))
        await asyncio.gather(*(worker(warmup_until, False) for _ in range(concurrency)))
        if not once:
            counter = 0  # the measured window starts at the first body again
        print("START", flush=True)
        started = time.perf_counter()
        stop_at = started + float(job["duration"])
        await asyncio.gather(*(worker(stop_at, True) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return _summary(latencies, failed, failures, elapsed, items, concurrency)


def _summary(
    latencies: list[float],
    failed: int,
    failures: list[str],
    elapsed: float,
    items: int,
    concurrency: int,
) -> dict[str, Any]:
    ordered = sorted(latencies)

    def percentile(p: float) -> float | None:
        if not ordered:
            return None
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
        return round(ordered[index] * 1000, 2)

    return {
        "concurrency": concurrency,
        "requests": len(ordered),
        "failed": failed,
        "failures": failures,
        "seconds": round(elapsed, 3),
        "p50_ms": percentile(50),
        "p95_ms": percentile(95),
        "p99_ms": percentile(99),
        "mean_ms": round(sum(ordered) / len(ordered) * 1000, 2) if ordered else None,
        "requests_per_s": round(len(ordered) / elapsed, 1) if elapsed else 0.0,
        "items_per_s": round(items / elapsed, 1) if elapsed else 0.0,
    }


def main() -> None:
    job = orjson.loads(sys.stdin.buffer.read())
    import uvloop

    result = uvloop.run(_run(job))
    sys.stdout.write(orjson.dumps(result).decode() + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()

"""The benchmark's report turns a run's figures into the ratios and verdicts the README shows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.report import BEGIN, END, chart, markdown, readme_section, targets


def _row(workload: str, peer: str, c: int, rps: float, p50: float, **more: Any) -> dict[str, Any]:
    return {
        "workload": workload, "peer": peer, "concurrency": c, "requests": 100, "failed": 0,
        "failures": [], "p50_ms": p50, "p95_ms": p50 * 2, "p99_ms": p50 * 3,
        "requests_per_s": rps, "items_per_s": more.pop("items", rps),
        "cypher_per_request": more.pop("cypher", 1.0), "cpu_ms_per_request": 5.0,
        "neo4j_cpu_ms_per_request": 4.0, "peak_rss_mb": 100.0,
    }  # fmt: skip


def _size(scale: float) -> dict[str, Any]:
    rows = []
    for w in ("Q1", "Q2", "Q3", "Q4"):
        rows += [
            _row(w, "omnigraph", 1, 50, 20 * scale, cypher=3.0),
            _row(w, "floor", 1, 100, 10, cypher=1.0),
            _row(w, "neo4j-graphql", 1, 40, 25),
            _row(w, "omnigraph", 16, 120, 130 * scale, cypher=3.0),
            _row(w, "floor", 16, 300, 50),
            _row(w, "neo4j-graphql", 16, 60, 200),
        ]
    rows.append(_row("W1", "omnigraph", 16, 20, 800, items=2000))
    return {
        "dataset": {"customers_generated": 10_000, "events": {"APPLIED": 330_000}},
        "results": rows,
    }


RUN = {
    "started": "2026-11-24T02:00:00Z",
    "machine": {"cpus": 2, "memory_gb": 24, "load_average_at_start": [0.1, 0.2, 0.3]},
    "settings": {
        "duration_s": 15,
        "warmup_s": 3,
        "concurrency": [1, 16],
        "peers": ["omnigraph", "floor", "neo4j-graphql"],
        "workloads": {w: w for w in ("Q1", "Q2", "Q3", "Q4", "W1")},
    },
    "sizes": {"10k": _size(1.0), "100k": _size(1.3)},
}


def test_each_target_gets_its_measured_ratio_and_verdict() -> None:
    verdicts = {(name, where): (measured, met) for name, where, measured, met in targets(RUN)}
    # 120 / 60 req/s at c16: 2.0x, above 1.5x
    assert verdicts[("Q1 throughput c16 >= 1.5x @neo4j/graphql", "10k")] == ("2.00x", True)
    # p50 20 ms against the floor's 10 ms: 2.0x, more than 1.3x
    assert verdicts[("Q2 p50 c1 at most 1.3x the floor", "10k")] == ("2.00x", False)
    assert verdicts[("Q4 one Cypher read per request (+ batched audit)", "10k")] == ("3.0", False)
    assert verdicts[("Q4 throughput c16 >= 1.5x @neo4j/graphql", "100k")] == ("2.00x", True)
    assert verdicts[("Q4 server CPU per request c16 at most 3 ms", "10k")] == ("5.0 ms", False)
    assert verdicts[("W1 events/s (aim 5,000)", "10k")] == ("2000", False)
    # 26 ms at 100k against 20 ms at 10k: 1.3x, beyond 1.2x
    assert verdicts[("Q3 p50 at 100k within 1.2x of 10k", "100k/10k")] == ("1.30x", False)


def test_the_markdown_has_the_ratio_tables_and_every_measurement() -> None:
    text = markdown(RUN)
    assert "| Q1 | 16 | 0.40x | 2.60x | 2.00x | 0.65x |" in text
    assert text.count("| omnigraph |") == 2 * (4 * 2 + 1)
    assert "2,000 events/s" in text


def test_the_readme_section_sits_between_the_markers(tmp_path: Path) -> None:
    section = readme_section(RUN)
    assert section.startswith(BEGIN) and section.endswith(END)
    assert "docs/bench.png" in section
    png = tmp_path / "bench.png"
    chart(RUN, png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

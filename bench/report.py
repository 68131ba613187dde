"""The report of a benchmark run: a markdown table of ratios, a PNG chart, the README section.

    python -m bench.report [bench/results/latest.json]

Writes `bench/results/latest.md`, `docs/bench.png`, and replaces the README's text between
`<!-- bench:begin -->` and `<!-- bench:end -->` with the summary and the ratio tables.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

README = Path("README.md")
MARKDOWN = Path("bench/results/latest.md")
CHART = Path("docs/bench.png")
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
PEER_LABELS = {"omnigraph": "omnigraph", "floor": "floor", "neo4j-graphql": "@neo4j/graphql"}
COLORS = {"omnigraph": "#2f6fdf", "floor": "#9a9a9a", "neo4j-graphql": "#e08a2e"}

Row = dict[str, Any]


def _index(results: Iterable[Row]) -> dict[tuple[str, str, int], Row]:
    return {(r["workload"], r["peer"], r["concurrency"]): r for r in results}


def _ratio(a: float | None, b: float | None) -> float | None:
    if not a or not b:
        return None
    return a / b


def _fmt(value: float | None, digits: int = 2, suffix: str = "") -> str:
    return "n/a" if value is None else f"{value:.{digits}f}{suffix}"


def targets(run: dict[str, Any]) -> list[tuple[str, str, str, bool | None]]:
    """(target, where, measured, met?) for each target of the issue, on every data set."""
    rows: list[tuple[str, str, str, bool | None]] = []
    sizes = run["sizes"]
    for size, data in sizes.items():
        at = _index(data["results"])
        top = max(run["settings"]["concurrency"])
        low = min(run["settings"]["concurrency"])

        def get(w: str, p: str, c: int, key: str, at: dict[Any, Row] = at) -> float | None:
            row = at.get((w, p, c))
            return None if row is None else row.get(key)

        # the compiled read path's targets (issue 11)
        for w in ("Q1", "Q2", "Q3", "Q4"):
            r = _ratio(get(w, "omnigraph", top, "requests_per_s"),
                       get(w, "neo4j-graphql", top, "requests_per_s"))  # fmt: skip
            rows.append((f"{w} throughput c{top} >= 1.5x @neo4j/graphql", size,
                         _fmt(r, 2, "x"), None if r is None else r >= 1.5))  # fmt: skip
            r = _ratio(get(w, "omnigraph", low, "p50_ms"), get(w, "floor", low, "p50_ms"))
            rows.append((f"{w} p50 c{low} at most 1.3x the floor", size, _fmt(r, 2, "x"),
                         None if r is None else r <= 1.3))  # fmt: skip
        cpu = get("Q4", "omnigraph", top, "cpu_ms_per_request")
        rows.append((f"Q4 server CPU per request c{top} at most 3 ms", size, _fmt(cpu, 1, " ms"),
                     None if cpu is None else cpu <= 3))  # fmt: skip
        cypher = get("Q4", "omnigraph", low, "cypher_per_request")
        rows.append(("Q4 one Cypher read per request (+ batched audit)", size, _fmt(cypher, 1),
                     None if cypher is None else cypher <= 1.5))  # fmt: skip
        w1 = [get("W1", "omnigraph", c, "items_per_s") for c in run["settings"]["concurrency"]]
        best = max((x for x in w1 if x), default=None)
        rows.append(("W1 events/s (aim 5,000)", size, _fmt(best, 0),
                     None if best is None else best >= 5000))  # fmt: skip
    if "10k" in sizes and "100k" in sizes:
        small, large = _index(sizes["10k"]["results"]), _index(sizes["100k"]["results"])
        low = min(run["settings"]["concurrency"])
        for w in ("Q1", "Q2", "Q3", "Q4"):
            a, b = small.get((w, "omnigraph", low)), large.get((w, "omnigraph", low))
            r = _ratio((b or {}).get("p50_ms"), (a or {}).get("p50_ms"))
            rows.append((f"{w} p50 at 100k within 1.2x of 10k", "100k/10k", _fmt(r, 2, "x"),
                         None if r is None else r <= 1.2))  # fmt: skip
    return rows


def markdown(run: dict[str, Any]) -> str:
    settings = run["settings"]
    machine = run["machine"]
    lines = [
        f"Run of {run['started']} on {machine['cpus']} cores, {machine['memory_gb']} GB "
        f"(Neo4j, the servers and the load generator on the same machine; load average at "
        f"start {machine['load_average_at_start']}"
        + (f", at end {machine['load_average_at_end']}" if "load_average_at_end" in machine else "")
        + f"); {settings['duration_s']:.0f} s measured "
        f"after {settings['warmup_s']:.0f} s of warm-up per cell"
        + (
            f"; W1 after {settings['w1_prime_s']:.0f} s of unmeasured ingestion (Neo4j's JIT "
            "compiles its write path during the first ~100,000 events)"
            if settings.get("w1_prime_s")
            else ""
        )
        + ".",
        "",
        "**Targets**",
        "",
        "| target | data set | measured | met |",
        "|---|---|---|---|",
    ]
    for name, where, measured, met in targets(run):
        mark = "n/a" if met is None else ("yes" if met else "**no**")
        lines.append(f"| {name} | {where} | {measured} | {mark} |")
    for size, data in run["sizes"].items():
        info = data["dataset"]
        at = _index(data["results"])
        lines += [
            "",
            f"**{size}** ({info['customers_generated']:,} generated customers, "
            f"{sum(info['events'].values()):,} events)",
            "",
            "| workload | c | omnigraph vs floor: req/s | p50 | omnigraph vs @neo4j/graphql: "
            "req/s | p50 |",
            "|---|---|---|---|---|---|",
        ]
        for workload in settings["workloads"]:
            if workload == "W1":
                continue
            for c in settings["concurrency"]:
                o = at.get((workload, "omnigraph", c))
                f = at.get((workload, "floor", c)) or {}
                n = at.get((workload, "neo4j-graphql", c)) or {}
                if o is None:
                    continue
                lines.append(
                    f"| {workload} | {c} "
                    f"| {_fmt(_ratio(o['requests_per_s'], f.get('requests_per_s')), 2, 'x')} "
                    f"| {_fmt(_ratio(o['p50_ms'], f.get('p50_ms')), 2, 'x')} "
                    f"| {_fmt(_ratio(o['requests_per_s'], n.get('requests_per_s')), 2, 'x')} "
                    f"| {_fmt(_ratio(o['p50_ms'], n.get('p50_ms')), 2, 'x')} |"
                )
        lines += [
            "",
            "| workload | c | peer | p50 ms | p95 ms | p99 ms | req/s | Cypher/req "
            "| server CPU ms/req | Neo4j CPU ms/req | peak MB |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for r in data["results"]:
            rate = (
                f"{r['items_per_s']:,.0f} events/s" if r["workload"] == "W1"
                else f"{r['requests_per_s']:.1f}"
            )  # fmt: skip
            failed = f" ({r['failed']} failed)" if r["failed"] else ""
            lines.append(
                f"| {r['workload']} | {r['concurrency']} | {PEER_LABELS[r['peer']]} "
                f"| {_fmt(r['p50_ms'], 1)} | {_fmt(r['p95_ms'], 1)} | {_fmt(r['p99_ms'], 1)} "
                f"| {rate}{failed} | {_fmt(r['cypher_per_request'], 1)} "
                f"| {_fmt(r['cpu_ms_per_request'], 1)} | {_fmt(r['neo4j_cpu_ms_per_request'], 1)} "
                f"| {r['peak_rss_mb']:.0f} |"
            )
    return "\n".join(lines) + "\n"


def chart(run: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = list(run["sizes"])
    settings = run["settings"]
    reads = [w for w in settings["workloads"] if w != "W1"]
    top, low = max(settings["concurrency"]), min(settings["concurrency"])
    peers = [p for p in ("omnigraph", "floor", "neo4j-graphql") if p in settings["peers"]]
    figure, axes = plt.subplots(len(sizes), 2, figsize=(11, 3.4 * len(sizes)), squeeze=False)
    width = 0.8 / max(1, len(peers))
    for row, size in enumerate(sizes):
        at = _index(run["sizes"][size]["results"])
        for col, (key, c, title) in enumerate(
            [("requests_per_s", top, f"requests/s at concurrency {top} (higher is better)"),
             ("p50_ms", low, f"p50 latency at concurrency {low}, ms (lower is better)")]
        ):  # fmt: skip
            ax = axes[row][col]
            for i, peer in enumerate(peers):
                values = [(at.get((w, peer, c)) or {}).get(key) or 0 for w in reads]
                xs = [x + (i - (len(peers) - 1) / 2) * width for x in range(len(reads))]
                bars = ax.bar(xs, values, width, label=PEER_LABELS[peer], color=COLORS[peer])
                ax.bar_label(bars, fmt="%.0f" if key == "requests_per_s" else "%.1f", fontsize=7)
            ax.set_xticks(range(len(reads)), reads)
            ax.set_title(f"{size}: {title}", fontsize=9)
            ax.tick_params(labelsize=8)
            if row == 0 and col == 0:
                ax.legend(fontsize=8)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)


def readme_section(run: dict[str, Any]) -> str:
    return (
        f"{BEGIN}\n"
        "![omnigraph, the floor and @neo4j/graphql side by side](docs/bench.png)\n\n"
        + markdown(run)
        + f"\nRaw figures: `bench/results/latest.json`; regenerate with `make bench`.\n{END}"
    )


def write_report(run: dict[str, Any]) -> list[Path]:
    MARKDOWN.parent.mkdir(parents=True, exist_ok=True)
    MARKDOWN.write_text(markdown(run))
    chart(run, CHART)
    written = [MARKDOWN, CHART]
    text = README.read_text()
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        README.write_text(head + readme_section(run) + tail)
        written.append(README)
    return written


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/results/latest.json")
    for written in write_report(json.loads(path.read_text())):
        print(f"wrote {written}")


if __name__ == "__main__":
    main()

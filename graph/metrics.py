"""Process-wide counters of the Cypher statements a gateway has run, for `GET /metrics`.

Served in Prometheus' text format when `OMNIGRAPH_METRICS=on` (the default outside production),
so a scraper or `make bench` can see how many statements the requests of a period cost:

    >>> before = cypher_total()
    >>> count_cypher("read", 2)
    >>> cypher_total() - before
    2
"""

from __future__ import annotations

from collections import Counter

_CYPHER: Counter[str] = Counter()
KINDS = ("read", "write")
PATHS = ("compiled", "interpreted")


def count_cypher(kind: str, statements: int = 1) -> None:
    """`kind` is `read` (request reads) or `write` (ingestion, audit records, staff writes)."""
    _CYPHER[kind] += statements


_REQUESTS: Counter[str] = Counter()


def count_request(path: str) -> None:
    """A read answered on `path`: `compiled` (one statement) or `interpreted` (per field)."""
    _REQUESTS[path] += 1


def cypher_total() -> int:
    return sum(_CYPHER.values())


def exposition() -> str:
    lines = [
        "# HELP omnigraph_cypher_reads_total Cypher statements run to answer reads.",
        "# TYPE omnigraph_cypher_reads_total counter",
        f"omnigraph_cypher_reads_total {_CYPHER['read']}",
        "# HELP omnigraph_cypher_writes_total Cypher statements run by ingestion and audit.",
        "# TYPE omnigraph_cypher_writes_total counter",
        f"omnigraph_cypher_writes_total {_CYPHER['write']}",
        "# HELP omnigraph_reads_total GraphQL operations answered, by read path.",
        "# TYPE omnigraph_reads_total counter",
        *(f'omnigraph_reads_total{{path="{path}"}} {_REQUESTS[path]}' for path in PATHS),
    ]
    return "\n".join(lines) + "\n"

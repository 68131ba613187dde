"""Cypher snapshots: the exact statement and parameters a GraphQL document or a loader produces,
kept in `tests/snapshots/` and compared without a database (the Neo4j GraphQL Library's "tck"
habit). A change to a field's Cypher shows as a diff of its snapshot in review.

`OMNIGRAPH_UPDATE_SNAPSHOTS=1 pytest tests/unit/test_cypher_snapshots.py` writes them anew;
without it a missing or different snapshot fails the test.
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

SNAPSHOTS = Path(__file__).resolve().parent.parent / "snapshots"
UPDATE = os.environ.get("OMNIGRAPH_UPDATE_SNAPSHOTS", "") in ("1", "true")


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def render(source: str, cypher: str, params: dict[str, Any]) -> str:
    """The snapshot's text: what went in, the parameters, then the statement."""
    lines = [f"// in: {line}" for line in source.strip().splitlines()]
    lines.append(f"// params: {json.dumps(_plain(params), sort_keys=True)}")
    return "\n".join(lines) + "\n" + cypher.strip("\n") + "\n"


def assert_snapshot(path: str, source: str, cypher: str, params: dict[str, Any]) -> None:
    """`path` (under tests/snapshots/) holds exactly this statement and these parameters."""
    file = SNAPSHOTS / path
    text = render(source, cypher, params)
    if UPDATE:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text)
        return
    assert file.exists(), f"no snapshot {file}: run with OMNIGRAPH_UPDATE_SNAPSHOTS=1 and review it"
    assert file.read_text() == text, (
        f"the Cypher of {path} changed: review the difference below, then run with "
        f"OMNIGRAPH_UPDATE_SNAPSHOTS=1 to keep it\n--- kept\n{file.read_text()}\n--- now\n{text}"
    )

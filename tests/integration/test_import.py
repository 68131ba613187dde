"""`omnigraph import`: files of any size, rejected lines reported, safe to run again or kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from neo4j import AsyncDriver

from gateway.settings import Settings
from graph.ingest.pipeline import Pipeline
from tests.conftest import wipe
from tests.utils.replay_events import journeys
from tests.utils.snapshot import snapshot


def _env(settings: Settings) -> dict[str, str]:
    return {
        **os.environ,
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password,
        "NEO4J_DATABASE": settings.neo4j_database,
    }


def _import(
    settings: Settings, *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gateway.cli", "import", *args, "--no-progress"],
        env=_env(settings), input=stdin, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


def _write(path: Path, events: list[object], bad_lines: dict[int, str] | None = None) -> Path:
    lines = [json.dumps(event) for event in events]
    for index, text in sorted((bad_lines or {}).items()):
        lines.insert(index, text)
    path.write_text("\n".join(lines) + "\n")
    return path


async def test_rejected_lines_are_reported_by_number_and_the_rest_applies(
    empty_graph: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    events = journeys(3)
    broken = {4: "{not json", 9: json.dumps({"eventId": "x-1", "type": "identify"})}
    source = _write(tmp_path / "events.jsonl", list(events), broken)
    errors = tmp_path / "errors.jsonl"

    run = _import(settings, str(source), "--errors", str(errors))

    assert run.returncode == 1, "any rejected line makes the import fail"
    assert "line 5: INVALID_JSON" in run.stderr
    assert "line 10: MISSING_FIELD at" in run.stderr
    assert f"{len(events) + 2} lines: {len(events)} applied, 0 duplicate, 2 rejected" in run.stdout
    written = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [(e["line"], e["error"]["code"]) for e in written] == [
        (5, "INVALID_JSON"),
        (10, "MISSING_FIELD"),
    ]
    assert written[1]["eventId"] == "x-1" and written[1]["error"]["field"] == "at"


async def test_running_the_same_file_again_applies_nothing_twice(
    empty_graph: AsyncDriver, database: str, settings: Settings, tmp_path: Path
) -> None:
    source = _write(tmp_path / "events.jsonl", list(journeys(4)))
    first = _import(settings, str(source))
    assert first.returncode == 0, first.stderr
    before = await snapshot(empty_graph, database)
    second = _import(settings, str(source))
    assert second.returncode == 0
    assert "0 applied, 40 duplicate, 0 rejected" in second.stdout
    assert await snapshot(empty_graph, database) == before


async def test_standard_input(empty_graph: AsyncDriver, settings: Settings) -> None:
    stdin = "\n".join(json.dumps(e) for e in journeys(1))
    run = _import(settings, "-", stdin=stdin)
    assert run.returncode == 0, run.stderr
    assert "10 applied" in run.stdout


async def test_an_import_killed_halfway_and_run_again_equals_one_clean_run(
    empty_graph: AsyncDriver, database: str, settings: Settings, tmp_path: Path
) -> None:
    events = journeys(60)
    source = _write(tmp_path / "events.jsonl", list(events))

    # the reference: one clean run through the same pipeline
    await Pipeline(empty_graph, database).ingest(events)
    clean = await snapshot(empty_graph, database)
    await wipe(empty_graph, database)

    process = subprocess.Popen(
        [sys.executable, "-m", "gateway.cli", "import", str(source), "--no-progress",
         "--batch-size", "25"],
        env=_env(settings), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    applied = 0
    while time.monotonic() < deadline and process.poll() is None:
        records, _, _ = await empty_graph.execute_query(
            "MATCH (e:IngestedEvent) RETURN count(e) AS n", database_=database
        )
        applied = records[0]["n"]
        if applied >= len(events) // 3:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the import finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 0 < applied < len(events)

    rerun = _import(settings, str(source))
    assert rerun.returncode == 0, rerun.stderr
    assert await snapshot(empty_graph, database) == clean

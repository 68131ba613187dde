"""The project's own Neo4j launcher, as `omnigraph neo4j ...` drives it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gateway.settings import Settings
from graph.local_neo4j import LocalNeo4j, LocalNeo4jError

ROOT = Path(__file__).resolve().parents[2]


def test_status_reports_the_running_test_server(settings: Settings) -> None:
    if os.environ.get("NEO4J_URI"):
        pytest.skip("the tests use an external Neo4j")
    env = {
        **os.environ,
        "OMNIGRAPH_NEO4J_HOME": str(ROOT / ".neo4j" / "test"),
        "OMNIGRAPH_NEO4J_PORT": str(settings.local_port),
    }
    status = subprocess.run(
        [sys.executable, "-m", "gateway.cli", "neo4j", "status"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert status.returncode == 0, status.stderr
    assert f"bolt://127.0.0.1:{settings.local_port}" in status.stdout


def test_status_of_a_server_that_is_not_running(tmp_path: Path) -> None:
    env = {**os.environ, "OMNIGRAPH_NEO4J_HOME": str(tmp_path), "OMNIGRAPH_NEO4J_PORT": "7799"}
    status = subprocess.run(
        [sys.executable, "-m", "gateway.cli", "neo4j", "status"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert status.returncode == 3
    assert "not running" in status.stdout


def test_a_missing_java_or_maven_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    server = LocalNeo4j(home=tmp_path / "home", port=7798, password="whatever-123")
    with pytest.raises(LocalNeo4jError, match="`java` was not found"):
        server.start(timeout=5)

"""`omnigraph serve` in a process of its own, on the test Neo4j: for the tests that need a real
HTTP server (browser, fuzzing, two gateways sharing Redis).

    with serving(gateway_env(settings, REDIS_URL=url), free_port()) as base:
        httpx.get(f"{base}/readyz")
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator

import httpx

from gateway.settings import Settings

READY_WITHIN = 120.0  # seconds: a give-up limit for a cold start on a busy machine, not a speed


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def gateway_env(settings: Settings, **extra: str) -> dict[str, str]:
    """The environment of a gateway on the test Neo4j, signing with the tests' secret and
    without rate limits (tests send many requests from one address)."""
    return {
        **os.environ,
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password,
        "NEO4J_DATABASE": settings.neo4j_database,
        "OMNIGRAPH_JWT_SECRET": settings.jwt_secret or "",
        "OMNIGRAPH_RATE_LIMIT": "0",
        **extra,
    }


@contextlib.contextmanager
def serving(env: dict[str, str], port: int) -> Iterator[str]:
    """Start `omnigraph serve`, yield its base URL once `/readyz` answers 200, stop it after."""
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gateway.cli", "serve", "--host", "127.0.0.1", "--port",
             str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + READY_WITHIN
            while True:
                if process.poll() is not None:
                    log.seek(0)
                    raise AssertionError(f"omnigraph serve exited:\n{log.read().decode()}")
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                        break
                assert time.monotonic() < deadline, "omnigraph serve never became ready"
                time.sleep(0.2)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

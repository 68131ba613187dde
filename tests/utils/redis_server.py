"""A throwaway `redis-server` for the live-update tests: no persistence, its own port.

with RedisServer.start(port) as server:
    server.url  # redis://127.0.0.1:<port>/0
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

MISSING = (
    "redis-server is not installed: the live-update tests need it "
    "(run scripts/ensure-redis.sh, or `apt-get install redis-server`)"
)


@dataclass(frozen=True)
class RedisServer:
    port: int

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @classmethod
    @contextmanager
    def start(cls, port: int) -> Iterator[RedisServer]:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError(MISSING)
        process = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
             "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            _wait_for(port, process)
            yield cls(port)
        finally:
            process.terminate()
            process.wait(timeout=10)


def _wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    for _ in range(200):
        if process.poll() is not None:
            raise RuntimeError(
                f"redis-server exited with {process.returncode} (port {port} taken?)"
            )
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as conn:
                conn.sendall(b"PING\r\n")
                if conn.recv(16).startswith(b"+PONG"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"redis-server did not answer on port {port}")

"""The local Neo4j server: Neo4j Community jars from Maven Central run by a tiny Java launcher.

Used by `omnigraph neo4j start|stop|status`, `make demo` and the tests whenever `NEO4J_URI` is not
set. Layout under the home folder (git-ignored, `.neo4j` by default):

    lib/        Neo4j's jars and the launcher's jar (fetched once by Maven)
    lib.stamp   hash of the pom that fetched them: a changed pom refetches
    data/       the database files
    neo4j.log   the server's output; `neo4j.pid` its process id

`plugins`, when given, is a folder of Neo4j plugin jars (the benchmark's APOC Core, see
`bench/peers/apoc.py`): the server loads them and lets `apoc.*` procedures run unrestricted.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

LAUNCHER_PROJECT = Path(__file__).parent / "launcher"
READY_LINE = "OMNIGRAPH-NEO4J READY"
JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    # The throughput collector, not G1 (the JVM's default): measured, Neo4j spends ~14% less CPU
    # per ingested event with it (bench/PROFILE.md). Its pauses are longer, which a 1-2 GB heap
    # keeps short; a production Neo4j is tuned by its owner.
    "-XX:+UseParallelGC",
)


class LocalNeo4jError(RuntimeError):
    """Something a person must fix before the local server can run; the message says what."""


@dataclass(frozen=True)
class LocalNeo4j:
    home: Path
    port: int
    password: str
    heap: str = "1g"
    pagecache: str = "512m"
    plugins: Path | None = None

    @property
    def lib(self) -> Path:
        return self.home / "lib"

    @property
    def log_file(self) -> Path:
        return self.home / "neo4j.log"

    @property
    def pid_file(self) -> Path:
        return self.home / "neo4j.pid"

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def pid(self) -> int | None:
        """The running server's pid, or None (a stale pid file is removed)."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            self.pid_file.unlink(missing_ok=True)
            return None
        return pid

    def install(self, quiet: bool = False) -> None:
        """Fetch the jars and build the launcher once; again only when the pom changes."""
        pom = LAUNCHER_PROJECT / "pom.xml"
        sources = sorted((LAUNCHER_PROJECT / "src").rglob("*.java"))
        digest = hashlib.sha256(pom.read_bytes())
        for source in sources:
            digest.update(source.read_bytes())
        stamp = self.home / "lib.stamp"
        if stamp.exists() and stamp.read_text() == digest.hexdigest() and self.lib.is_dir():
            return
        _require("java", "a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk-headless)")
        mvn = _require("mvn", "Apache Maven (Debian: apt-get install maven)")
        if not quiet:
            print("omnigraph: fetching Neo4j jars with Maven (once)...", file=sys.stderr)
        shutil.rmtree(self.lib, ignore_errors=True)
        build = self.home / "build"
        command = [
            mvn,
            "-q",
            "-B",
            "-f",
            str(pom),
            f"-Domnigraph.build={build}",
            "package",
            "dependency:copy-dependencies",
            f"-DoutputDirectory={self.lib}",
            "-DincludeScope=runtime",
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise LocalNeo4jError(
                "Maven could not fetch Neo4j's jars:\n" + (done.stdout + done.stderr)[-3000:]
            )
        jar = build / "omnigraph-neo4j-server.jar"
        shutil.copy2(jar, self.lib / jar.name)
        stamp.write_text(digest.hexdigest())

    def start(self, timeout: float = 120.0) -> int:
        """Start the server in the background and wait for its ready line; returns the pid."""
        running = self.pid()
        if running is not None:
            return running
        self.home.mkdir(parents=True, exist_ok=True)
        self.install()
        java = _require(
            "java", "a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk-headless)"
        )
        command = [
            java,
            f"-Xmx{self.heap}",
            f"-Xms{self.heap}",
            *JVM_FLAGS,
            *self._plugin_flags(),
            "-cp",
            self._classpath(),
            "io.omnigraph.server.Launcher",
            str(self.home / "data"),
            str(self.port),
            self.password,
            self.pagecache,
        ]
        with self.log_file.open("w") as log:
            process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.pid_file.write_text(str(process.pid))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self.pid_file.unlink(missing_ok=True)
                raise LocalNeo4jError(
                    f"Neo4j exited with code {process.returncode} before it was ready "
                    f"(is port {self.port} taken?); its log:\n{self._log_tail()}"
                )
            if READY_LINE in self.log_file.read_text(errors="replace"):
                return process.pid
            time.sleep(0.2)
        self.stop()
        raise LocalNeo4jError(f"Neo4j was not ready after {timeout:.0f}s; log:\n{self._log_tail()}")

    def stop(self, timeout: float = 60.0) -> bool:
        """SIGTERM the server and wait for a clean shutdown; False when it was not running."""
        pid = self.pid()
        if pid is None:
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            # reap it if it is our child (tests start and stop it in-process)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
            time.sleep(0.2)
        else:
            os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)
        return True

    def _plugin_flags(self) -> list[str]:
        return [] if self.plugins is None else [f"-Domnigraph.plugins={self.plugins.resolve()}"]

    def _classpath(self) -> str:
        """Neo4j's jars, and the plugins' as the server's own script does: APOC's extensions
        (the components its procedures inject) are only found on the JVM's class path."""
        classpath = str(self.lib / "*")
        if self.plugins is not None:
            classpath += os.pathsep + str(self.plugins.resolve() / "*")
        return classpath

    def _log_tail(self) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-30:])
        except FileNotFoundError:
            return "(no log)"


def _require(program: str, what: str) -> str:
    found = shutil.which(program)
    if found is None:
        raise LocalNeo4jError(f"`{program}` was not found on PATH: the local Neo4j needs {what}")
    return found

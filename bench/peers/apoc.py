"""APOC Core for the bench's Neo4j: the `@neo4j/graphql` peer needs it (the library's generated
Cypher calls `apoc.*` functions and procedures).

`ensure_apoc(folder)` fetches, once, the APOC Core release that goes with the Neo4j version pinned
in graph/launcher/pom.xml into `folder`, which `LocalNeo4j(..., plugins=folder)` then loads (with
`dbms.security.procedures.unrestricted=apoc.*`).

APOC is versioned like Neo4j (`5.26.x`) but not released for every Neo4j patch: Maven Central has
no `apoc-core` 5.26.30. Of the 5.26 releases it has, 5.26.0-5.26.5 come as the self-contained
`core` jar (classifier `core`, dependencies shaded in: the jar Neo4j ships in `labs/`), while
5.26.12-5.26.19 are published only as plain jars whose pom omits their `apoc-common` dependency
(Neo4j then fails to start: `ClassNotFoundException: apoc.result.WeightedPathResult`). So the pin
is the newest self-contained 5.26 release, 5.26.5, and `ensure_apoc` refuses to run when the
pinned Neo4j moves to another minor version (pick the matching APOC then).

    python -m bench.peers.apoc .bench/plugins
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from graph.local_neo4j import LAUNCHER_PROJECT, LocalNeo4jError

APOC_VERSION = "5.26.5"
STAMP = "apoc.stamp"


def neo4j_version() -> str:
    """The Neo4j version the whole project pins (graph/launcher/pom.xml)."""
    pom = (LAUNCHER_PROJECT / "pom.xml").read_text()
    found = re.search(r"<neo4j\.version>([^<]+)</neo4j\.version>", pom)
    if found is None:
        raise LocalNeo4jError("graph/launcher/pom.xml does not pin <neo4j.version>")
    return found.group(1)


def apoc_artifact(neo4j: str) -> str:
    """The APOC Core artifact (`group:artifact:version:packaging:classifier`) for Neo4j `neo4j`."""
    if neo4j.split(".")[:2] != APOC_VERSION.split(".")[:2]:
        raise LocalNeo4jError(
            f"APOC {APOC_VERSION} does not go with Neo4j {neo4j}: "
            "update APOC_VERSION in bench/peers/apoc.py"
        )
    return f"org.neo4j.procedure:apoc-core:{APOC_VERSION}:jar:core"


def ensure_apoc(folder: Path) -> Path:
    """Fetch APOC Core for the pinned Neo4j into `folder` once (skipped when present)."""
    artifact = apoc_artifact(neo4j_version())
    stamp = folder / STAMP
    if stamp.exists() and stamp.read_text() == artifact and any(folder.glob("apoc-core-*.jar")):
        return folder
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LocalNeo4jError("`mvn` was not found on PATH: fetching APOC needs Apache Maven")
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.jar"):
        old.unlink()
    command = [
        mvn,
        "-q",
        "-B",
        "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy",
        f"-Dartifact={artifact}",
        f"-DoutputDirectory={folder.resolve()}",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not any(folder.glob("apoc-core-*.jar")):
        raise LocalNeo4jError(
            "Maven could not fetch APOC Core:\n" + (done.stdout + done.stderr)[-3000:]
        )
    stamp.write_text(artifact)
    return folder


def main() -> None:
    folder = ensure_apoc(Path(sys.argv[1] if len(sys.argv) > 1 else ".bench/plugins"))
    print("\n".join(sorted(p.name for p in folder.glob("*.jar"))))


if __name__ == "__main__":
    main()

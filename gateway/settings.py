"""Settings, read once from the environment.

| variable | default | meaning |
|---|---|---|
| `NEO4J_URI` | unset: use the local server on `OMNIGRAPH_NEO4J_PORT` | Bolt or neo4j URI of the graph |
| `NEO4J_USER` | `neo4j` | user |
| `NEO4J_PASSWORD` | `omnigraph-dev` | password (also set on the local server) |
| `NEO4J_DATABASE` | `neo4j` | database every query names |
| `OMNIGRAPH_NEO4J_PORT` | `7687` | Bolt port of the local server |
| `OMNIGRAPH_NEO4J_HOME` | `.neo4j` | jars, data and logs of the local server |
| `OMNIGRAPH_NEO4J_HEAP` | `1g` | `-Xmx` of the local server |
| `OMNIGRAPH_NEO4J_PAGECACHE` | `512m` | page cache of the local server |
| `OMNIGRAPH_ENV` | `development` | `production` turns tracing and GraphiQL off |
| `OMNIGRAPH_DEFAULT_REGION` | `PT` | region for phone numbers written without `+country` |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    neo4j_uri: str
    neo4j_user: str = "neo4j"
    neo4j_password: str = "omnigraph-dev"
    neo4j_database: str = "neo4j"
    neo4j_uri_from_env: bool = False
    local_port: int = 7687
    local_home: Path = field(default_factory=lambda: Path(".neo4j"))
    local_heap: str = "1g"
    local_pagecache: str = "512m"
    environment: str = "development"
    default_region: str = "PT"

    @property
    def production(self) -> bool:
        return self.environment == "production"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        port = int(env.get("OMNIGRAPH_NEO4J_PORT", "7687"))
        uri = env.get("NEO4J_URI") or ""
        return cls(
            neo4j_uri=uri or f"bolt://127.0.0.1:{port}",
            neo4j_uri_from_env=bool(uri),
            neo4j_user=env.get("NEO4J_USER", "neo4j"),
            neo4j_password=env.get("NEO4J_PASSWORD", "omnigraph-dev"),
            neo4j_database=env.get("NEO4J_DATABASE", "neo4j"),
            local_port=port,
            local_home=Path(env.get("OMNIGRAPH_NEO4J_HOME", ".neo4j")).resolve(),
            local_heap=env.get("OMNIGRAPH_NEO4J_HEAP", "1g"),
            local_pagecache=env.get("OMNIGRAPH_NEO4J_PAGECACHE", "512m"),
            environment=env.get("OMNIGRAPH_ENV", "development"),
            default_region=env.get("OMNIGRAPH_DEFAULT_REGION", "PT"),
        )

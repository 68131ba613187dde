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
| `OMNIGRAPH_ENV` | `development` | `production`: no GraphiQL, introspection, suggestions, tracing or `/clienteling/dev-token`; masked errors; refuses weak auth |
| `OMNIGRAPH_DEFAULT_REGION` | `PT` | region for phone numbers written without `+country` |
| `OMNIGRAPH_AUTH` | `on` | `off` serves everyone as `admin` (development only; warns at every start) |
| `OMNIGRAPH_JWT_SECRET` | unset: a random development secret kept in `~/.config/omnigraph/dev-jwt-secret` (`$XDG_CONFIG_HOME`) | HS256 secret of bearer tokens (32+ characters) |
| `OMNIGRAPH_JWKS` | unset | path or URL of a JWKS: RS256/ES256 bearer tokens |
| `OMNIGRAPH_JWT_ISSUER` | `omnigraph` | required `iss` of bearer tokens |
| `OMNIGRAPH_JWT_AUDIENCE` | `omnigraph` | required `aud` of bearer tokens |
| `OMNIGRAPH_MAX_BODY_BYTES` | `1048576` | largest `/graphql` request body |
| `OMNIGRAPH_QUERY_TIMEOUT` | `10` | seconds a request's reads may take, all together (one deadline) |
| `OMNIGRAPH_RATE_LIMIT` | `600` | requests per minute per principal (0: no limit) |
| `OMNIGRAPH_AUDIT_READS` | `batched` | `batched`: staff reads are written to the audit trail by a background task every 50 ms (a crash loses at most that); `sync`: each before its response |
| `OMNIGRAPH_METRICS` | `on` (`off` in production) | `GET /metrics`: Cypher statement counters in Prometheus' text format |
| `OMNIGRAPH_COMPILED_READS` | `on` | `off`: every query runs on the interpreted path (graphql-core and the resolvers), not as one compiled Cypher statement, and `ingestEvents` without its compiled door |
| `OMNIGRAPH_WARM_READS` | `on` | `off`: do not have Neo4j plan GraphiQL's example, the clienteling app's and the trusted documents' statements at start (gateway/warm_reads.py) |
| `OMNIGRAPH_TRUSTED_DOCUMENTS` | unset | a manifest of registered operations (`omnigraph documents register`): only those run |
| `OMNIGRAPH_TRUSTED_PROXIES` | unset: none | addresses of reverse proxies (comma-separated) whose `X-Forwarded-For` names the client, for rate limits; from anyone else the header is ignored |
| `REDIS_URL` | unset: live updates stay in the process | Redis for live updates (`redis://host:6379/0`): every gateway process, and `omnigraph import`, publishes there and delivers what the others applied |
"""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

# HS256 keys shorter than the hash output are guessable offline from any one token.
MIN_SECRET_LENGTH = 32


def dev_secret_file(env: Mapping[str, str] | None = None) -> Path:
    """Where the development secret is kept: one per user, not per folder, so a token minted
    anywhere verifies on a gateway started anywhere (`$XDG_CONFIG_HOME`, else `~/.config`)."""
    env = os.environ if env is None else env
    config = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME") or Path.home()) / ".config")
    return Path(config) / "omnigraph" / "dev-jwt-secret"


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
    auth: bool = True
    jwt_secret: str | None = None
    jwt_secret_is_dev: bool = False
    jwks: str | None = None
    jwt_issuer: str = "omnigraph"
    jwt_audience: str = "omnigraph"
    max_body_bytes: int = 1024 * 1024
    query_timeout: float = 10.0
    rate_limit: int = 600
    trusted_documents: Path | None = None
    redis_url: str | None = None
    trusted_proxies: str = ""  # uvicorn's `forwarded_allow_ips`: "" trusts no proxy header
    metrics: bool = True
    audit_reads_sync: bool = False
    compiled_reads: bool = True
    warm_reads: bool = True

    @property
    def production(self) -> bool:
        return self.environment == "production"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        port = int(env.get("OMNIGRAPH_NEO4J_PORT", "7687"))
        uri = env.get("NEO4J_URI") or ""
        environment = env.get("OMNIGRAPH_ENV", "development")
        jwks = env.get("OMNIGRAPH_JWKS") or None
        secret = env.get("OMNIGRAPH_JWT_SECRET") or None
        dev_secret = secret is None and jwks is None and environment != "production"
        trusted = env.get("OMNIGRAPH_TRUSTED_DOCUMENTS")
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
            environment=environment,
            default_region=env.get("OMNIGRAPH_DEFAULT_REGION", "PT"),
            auth=env.get("OMNIGRAPH_AUTH", "on").strip().lower() not in ("off", "0", "false"),
            jwt_secret=development_secret(dev_secret_file(env)) if dev_secret else secret,
            jwt_secret_is_dev=dev_secret,
            jwks=jwks,
            jwt_issuer=env.get("OMNIGRAPH_JWT_ISSUER", "omnigraph"),
            jwt_audience=env.get("OMNIGRAPH_JWT_AUDIENCE", "omnigraph"),
            max_body_bytes=int(env.get("OMNIGRAPH_MAX_BODY_BYTES", str(1024 * 1024))),
            query_timeout=float(env.get("OMNIGRAPH_QUERY_TIMEOUT", "10")),
            rate_limit=int(env.get("OMNIGRAPH_RATE_LIMIT", "600")),
            trusted_documents=Path(trusted) if trusted else None,
            trusted_proxies=env.get("OMNIGRAPH_TRUSTED_PROXIES", "").strip(),
            redis_url=env.get("REDIS_URL") or None,
            compiled_reads=env.get("OMNIGRAPH_COMPILED_READS", "on").strip().lower()
            not in ("off", "0", "false"),
            warm_reads=env.get("OMNIGRAPH_WARM_READS", "on").strip().lower()
            not in ("off", "0", "false"),
            audit_reads_sync=env.get("OMNIGRAPH_AUDIT_READS", "batched").strip().lower() == "sync",
            metrics=env.get("OMNIGRAPH_METRICS", "off" if environment == "production" else "on")
            .strip()
            .lower()
            in ("on", "1", "true"),
        )

    def unsafe_for_production(self) -> str | None:
        """Why these settings must not serve production traffic, or None when they may."""
        if not self.auth:
            return "OMNIGRAPH_AUTH=off is not allowed with OMNIGRAPH_ENV=production"
        if self.jwks is None and self.jwt_secret is None:
            return "set OMNIGRAPH_JWT_SECRET or OMNIGRAPH_JWKS"
        if self.jwt_secret is not None and (
            self.jwt_secret_is_dev or len(self.jwt_secret) < MIN_SECRET_LENGTH
        ):
            return (
                f"OMNIGRAPH_JWT_SECRET is weak: use a random secret of {MIN_SECRET_LENGTH}+ "
                "characters (e.g. `python -c 'import secrets; print(secrets.token_urlsafe(48))'`)"
            )
        return None


def development_secret(path: Path) -> str:
    """A random HS256 secret kept on disk, so `omnigraph token` and `omnigraph serve` agree on a
    fresh clone without any setting, from any folder. Never used in production."""
    try:
        return _kept_secret(path)
    except OSError:  # no writable home (a container's system user): the temp dir instead
        return _kept_secret(Path(tempfile.gettempdir()) / "omnigraph-dev-jwt-secret")


def _kept_secret(path: Path) -> str:
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    path.write_text(secret + "\n")
    path.chmod(0o600)
    return secret

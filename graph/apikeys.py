"""API keys of channel systems, stored as sha256 hashes on `:ApiKey` nodes (never the key).

>>> key = new_api_key()
>>> key.startswith("ogk_") and len(key_hash(key)) == 64
True
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction

from graph.availability import FAIL_FAST, retrying

KEY_PREFIX = "ogk_"


def new_api_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def key_hash(key: str) -> str:
    # Keys are 256 random bits: a fast hash is enough, nothing to stretch.
    return hashlib.sha256(key.encode()).hexdigest()


async def create_api_key(driver: AsyncDriver, database: str, name: str) -> tuple[str, str]:
    """A new ingestion key named `name`: returns (id, key). The key is not stored: show it once."""
    key = new_api_key()
    key_id = f"key-{uuid.uuid4().hex[:12]}"
    await driver.execute_query(
        "CREATE (:ApiKey {id: $id, name: $name, hash: $hash, role: 'ingest', "
        "createdAt: datetime(), revoked: false})",
        id=key_id,
        name=name,
        hash=key_hash(key),
        database_=database,
    )
    return key_id, key


async def find_api_key(driver: AsyncDriver, database: str, key: str) -> dict[str, Any] | None:
    """The live key record for a presented key, or None when unknown or revoked."""

    async def read(tx: AsyncManagedTransaction) -> dict[str, Any] | None:
        row = await (await tx.run(_FIND, hash=key_hash(key))).single()
        return dict(row["key"]) if row else None

    # while Neo4j is down, authenticating answers 503 at once (graph/availability.py)
    async with driver.session(database=database, **FAIL_FAST) as session:
        return await retrying(lambda: session.execute_read(read))


_FIND = "MATCH (k:ApiKey {hash: $hash}) WHERE NOT k.revoked RETURN k {.id, .name, .role} AS key"


async def revoke_api_key(driver: AsyncDriver, database: str, key_id: str) -> bool:
    records, _, _ = await driver.execute_query(
        "MATCH (k:ApiKey {id: $id}) SET k.revoked = true RETURN count(k) AS n",
        id=key_id,
        database_=database,
    )
    return bool(records[0]["n"])

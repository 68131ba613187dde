"""The suppression list: hashed identifiers of erased people, so later events carrying them are
not re-identified. Only hashes are kept (`:SuppressedIdentifier {hash, type, at}`), never values.

Ingestion checks an event's normalised identifiers inside the event's own transaction:

    refs = [{"type": "EMAIL", "value": "ana.lima@example.com"}]
    suppressed = await suppressed_identifiers(tx, refs)   # {("EMAIL", "ana.lima@example.com")}

and drops the suppressed ones before identity resolution (an event left with no identifier is
rejected like any event without one). The hash is computed exactly like `suppression_hash`:

    >>> suppression_hash("EMAIL", "ana.lima@example.com")[:16]
    '1e704edd557b84fd'
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

# A pepper is not used: the list must work across processes with no shared secret, and the
# values hashed are already normalised identifiers. sha256 over "TYPE:value" keeps types apart.
SUPPRESSED = """
UNWIND $hashes AS h
MATCH (s:SuppressedIdentifier {hash: h})
RETURN collect(s.hash) AS hashes
"""

SUPPRESS = """
UNWIND $entries AS entry
MERGE (s:SuppressedIdentifier {hash: entry.hash})
ON CREATE SET s.type = entry.type, s.at = datetime()
"""


class _Runs(Protocol):
    """An async transaction, session or anything with the driver's `run`."""

    async def run(self, query: Any, parameters: dict[str, Any] | None = None) -> Any: ...


def suppression_hash(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()


async def suppressed_identifiers(
    tx: _Runs, refs: Iterable[Mapping[str, str]]
) -> set[tuple[str, str]]:
    """The (type, value) pairs among `refs` that are on the suppression list."""
    by_hash = {suppression_hash(r["type"], r["value"]): (r["type"], r["value"]) for r in refs}
    if not by_hash:
        return set()
    result = await tx.run(SUPPRESSED, {"hashes": list(by_hash)})
    record = await result.single()
    return {by_hash[h] for h in (record["hashes"] if record else [])}


async def suppress(tx: _Runs, refs: Iterable[tuple[str, str]]) -> int:
    """Put identifiers on the list (idempotent); returns how many were given."""
    entries = [{"hash": suppression_hash(kind, value), "type": kind} for kind, value in refs]
    if entries:
        result = await tx.run(SUPPRESS, {"entries": entries})
        await result.consume()
    return len(entries)

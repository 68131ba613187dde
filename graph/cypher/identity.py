"""Why a profile is one person: its identifiers with their evidence, the merges folded into it
and the conflicts merge protection raised (`Customer.identity`, `Customer.identifiers`).

Merges and conflicts store identifiers as `TYPE:value` keys; these reads split them, so readers
get `IdentifierRefRow`s and never parse a stored key.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NotRequired, TypedDict

from graph.cypher.keyed import by_key
from graph.driver import GraphReader
from graph.temporal import GraphDateTime


class IdentifierRow(TypedDict):
    """An identifier of the customer with the evidence of every event that named it."""

    type: str
    value: str
    firstSeen: NotRequired[GraphDateTime | None]
    lastSeen: NotRequired[GraphDateTime | None]
    channels: NotRequired[list[str]]
    sources: NotRequired[list[str]]


class IdentifierRefRow(TypedDict):
    type: str
    value: str


class MergeRow(TypedDict):
    """A merge that folded `mergedId` into the customer, and the identifiers they shared."""

    id: str
    mergedId: str
    survivorId: NotRequired[str]
    at: NotRequired[GraphDateTime | None]
    eventId: NotRequired[str | None]
    linkedBy: list[IdentifierRefRow]


class ConflictRow(TypedDict):
    """Profiles merge protection refused to join, and the identifiers that would have joined them."""

    id: str
    reason: str
    at: NotRequired[GraphDateTime | None]
    eventId: NotRequired[str | None]
    customerIds: NotRequired[list[str] | None]
    identifiers: list[IdentifierRefRow]


# One relationship per customer and identifier since migration 8 (graph/ingest/evidence.py);
# the grouping is what made the duplicates older versions wrote read as one entry.
_IDENTIFIERS = """
UNWIND $ids AS cid
MATCH (:Customer {id: cid})-[r:HAS_IDENTIFIER]->(i:Identifier)
WITH cid, i, min(r.firstSeen) AS firstSeen, max(r.lastSeen) AS lastSeen,
     reduce(acc = [], x IN collect(coalesce(r.channels, [])) | acc + x) AS channels,
     reduce(acc = [], x IN collect(coalesce(r.sources, [])) | acc + x) AS sources
RETURN cid AS key,
       collect(i {.type, .value, firstSeen: firstSeen, lastSeen: lastSeen, channels: channels,
                  sources: sources}) AS items
"""


# Identifiers are stored on a merge or a conflict as `TYPE:value` keys; reads split them.
def _identifier_refs(keys: str) -> str:
    return (
        f"[k IN coalesce({keys}, []) | "
        "{type: split(k, ':')[0], value: substring(k, size(split(k, ':')[0]) + 1)}]"
    )


_CUSTOMER_MERGES = f"""
UNWIND $ids AS cid
MATCH (:Customer {{id: cid}})-[:ABSORBED]->(m:Merge)
WHERE m.undoneAt IS NULL
WITH cid, m ORDER BY m.at, m.id
RETURN cid AS key, collect(m {{.*, linkedBy: {_identifier_refs("m.linkedBy")}}}) AS items
"""

_CUSTOMER_CONFLICTS = f"""
UNWIND $ids AS cid
MATCH (:Customer {{id: cid}})-[:IN_CONFLICT]->(x:IdentityConflict)
WITH DISTINCT cid, x ORDER BY x.at, x.id
RETURN cid AS key, collect(x {{.*, identifiers: {_identifier_refs("x.identifiers")}}}) AS items
"""


async def merges(reader: GraphReader, ids: Sequence[str]) -> dict[str, list[MergeRow]]:
    return await by_key(reader, _CUSTOMER_MERGES, ids)


async def conflicts(reader: GraphReader, ids: Sequence[str]) -> dict[str, list[ConflictRow]]:
    return await by_key(reader, _CUSTOMER_CONFLICTS, ids)


async def identifiers(reader: GraphReader, ids: Sequence[str]) -> dict[str, list[IdentifierRow]]:
    return await by_key(reader, _IDENTIFIERS, ids)

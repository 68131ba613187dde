"""Identifier evidence: one `HAS_IDENTIFIER` relationship per customer and identifier.

The relationship says when (`firstSeen`, `lastSeen`, `eventId` of the earliest event by `at`),
on which channels and from which sending systems (`sources`) the identifier was seen for the
customer. A merge does not move the merged profile's relationships: they stay on the merged
profile, as they were, and the survivor's relationship to the same identifier takes in their
evidence, with `mergedFrom` naming each merge that added some. On such a relationship the
customer's own evidence is kept apart (`ownFirstSeen`, `ownLastSeen`, `ownChannels`,
`ownSources`, `ownEventId`; absent while only merges brought the identifier), so an unmerge can
take one merge's evidence away again: the survivor's relationship is then recomputed from its own
evidence and the merges that remain, and the restored profile has its own, untouched.

Every combination is the same whatever the order: times span, channels and sources are sorted
sets, `eventId` names the earliest event by (`at`, `eventId`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from neo4j import AsyncDriver

# A sorted union of two lists (channels or sources).
_UNION = (
    "COLLECT {{ UNWIND coalesce({a}, []) + coalesce({b}, []) AS x RETURN DISTINCT x ORDER BY x }}"
)


def layer(gone: str, survivor: str, row: str) -> str:
    """A merge (`row.mergeId`): the survivor's relationship to each identifier of the merged
    profile `gone` takes in that profile's evidence (created when the survivor had none)."""
    merge_id = f"{row}.mergeId"
    return f"""CALL ({gone}, {survivor}, {row}) {{
  MATCH ({gone})-[g:HAS_IDENTIFIER]->(i:Identifier)
  MERGE ({survivor})-[r:HAS_IDENTIFIER]->(i)
  ON CREATE SET r.mergedFrom = []
  WITH {row}, g, r WHERE NOT {merge_id} IN coalesce(r.mergedFrom, [])
  CALL (r) {{
    // the survivor's own evidence so far, kept apart from what merges bring
    WITH r WHERE r.mergedFrom IS NULL
    SET r.ownFirstSeen = r.firstSeen, r.ownLastSeen = r.lastSeen, r.ownChannels = r.channels,
        r.ownSources = r.sources, r.ownEventId = r.eventId, r.mergedFrom = []
  }}
  WITH {row}, g, r, r.firstSeen IS NULL OR g.firstSeen < r.firstSeen
       OR (g.firstSeen = r.firstSeen AND g.eventId < r.eventId) AS earlier
  SET r.eventId = CASE WHEN earlier THEN g.eventId ELSE r.eventId END,
      r.firstSeen = CASE WHEN earlier THEN g.firstSeen ELSE r.firstSeen END,
      r.lastSeen = CASE WHEN r.lastSeen IS NULL OR g.lastSeen > r.lastSeen THEN g.lastSeen
                        ELSE r.lastSeen END,
      r.channels = {_UNION.format(a="r.channels", b="g.channels")},
      r.sources = {_UNION.format(a="r.sources", b="g.sources")},
      r.mergedFrom = r.mergedFrom + {merge_id}
}}"""


def _added(items: str, value: str) -> str:
    """The sorted list `items` with `value` in it (`items` itself when it holds it or when
    `value` is null)."""
    return (
        f"CASE WHEN {value} IS NULL OR {value} IN {items} THEN {items} "
        f"ELSE COLLECT {{ UNWIND {items} + {value} AS x RETURN x ORDER BY x }} END"
    )


# An event's evidence for the identifiers it carries that its customer holds once the event is
# applied (`ref.held`: held before, brought by a merge, or taken now). Runs inside `APPLY_EVENTS`
# with `e` (the event's row) and `c` (its customer), one identifier at a time: found by its key,
# its relationship created when new, and only what the event changes written (seen again on a
# known channel, from a known source, an identifier's evidence moves `lastSeen` and no more).
ENVELOPE_EVIDENCE = f"""
    CALL (e, c) {{
      UNWIND e.refs AS ref
      WITH e, c, ref, e.at AS at WHERE ref.held
      MATCH (i:Identifier {{type: ref.type, value: ref.value}})
      MERGE (c)-[r:HAS_IDENTIFIER]->(i)
      ON CREATE SET r.firstSeen = at, r.lastSeen = at, r.channels = [], r.sources = [],
                    r.eventId = e.eventId, r.linkOf = ref.link
      WITH e, ref, r, at
      CALL (e, ref, r, at) {{
        // only merges brought it so far: this event starts the customer's own evidence
        WITH e, ref, r, at WHERE r.mergedFrom IS NOT NULL AND r.ownEventId IS NULL
        SET r.ownFirstSeen = at, r.ownLastSeen = at, r.ownChannels = [], r.ownSources = [],
            r.ownEventId = e.eventId, r.linkOf = ref.link
      }}
      SET r.lastSeen = CASE WHEN r.lastSeen < at THEN at ELSE r.lastSeen END
      WITH e, r, at, coalesce(r.ownEventId, r.eventId) = e.eventId AS same,
           at < r.firstSeen OR (at = r.firstSeen AND e.eventId < r.eventId) AS earlier
      CALL (e, r, at, same, earlier) {{
        WITH e, r, at, same, earlier
        WHERE earlier OR (r.linkOf IS NOT NULL AND NOT same) OR NOT e.channel IN r.channels
              OR (e.source IS NOT NULL AND NOT e.source IN r.sources)
        SET // seen again after the merge: the link is the customer's own evidence from now on
            r.linkOf = CASE WHEN same THEN r.linkOf ELSE null END,
            r.eventId = CASE WHEN earlier THEN e.eventId ELSE r.eventId END,
            r.firstSeen = CASE WHEN r.firstSeen > at THEN at ELSE r.firstSeen END,
            r.channels = {_added("r.channels", "e.channel")},
            r.sources = {_added("r.sources", "e.source")}
      }}
      WITH e, r, at WHERE r.mergedFrom IS NOT NULL
      WITH e, r, at, at < r.ownFirstSeen
           OR (at = r.ownFirstSeen AND e.eventId < r.ownEventId) AS earlier
      SET r.ownEventId = CASE WHEN earlier THEN e.eventId ELSE r.ownEventId END,
          r.ownFirstSeen = CASE WHEN r.ownFirstSeen > at THEN at ELSE r.ownFirstSeen END,
          r.ownLastSeen = CASE WHEN r.ownLastSeen < at THEN at ELSE r.ownLastSeen END,
          r.ownChannels = {_added("r.ownChannels", "e.channel")},
          r.ownSources = {_added("r.ownSources", "e.source")}
    }}"""

# Undoing merge `$mergeId` on the survivor's side: its evidence leaves each relationship it
# added to, and so does the link its event recorded when nothing saw that identifier since (the
# inference being undone). What remains is combined again; a relationship with nothing left goes.
UNDO_EVIDENCE = """
MATCH (:Customer {id: $survivorId})-[r:HAS_IDENTIFIER]->(i:Identifier)
WHERE $mergeId IN coalesce(r.mergedFrom, []) OR r.linkOf = $mergeId
WITH r, i, [x IN coalesce(r.mergedFrom, []) WHERE x <> $mergeId] AS remaining,
     CASE WHEN r.linkOf = $mergeId THEN null
          WHEN r.mergedFrom IS NULL
          THEN {firstSeen: r.firstSeen, lastSeen: r.lastSeen, channels: r.channels,
                sources: r.sources, eventId: r.eventId}
          WHEN r.ownEventId IS NULL THEN null
          ELSE {firstSeen: r.ownFirstSeen, lastSeen: r.ownLastSeen, channels: r.ownChannels,
                sources: r.ownSources, eventId: r.ownEventId} END AS own
CALL (i, remaining) {
  OPTIONAL MATCH (g:Merge) WHERE g.id IN remaining
  OPTIONAL MATCH (:MergedCustomer {id: g.mergedId})-[l:HAS_IDENTIFIER]->(i)
  RETURN collect(l {.firstSeen, .lastSeen, .channels, .sources, .eventId}) AS brought
}
WITH r, remaining, own, brought + CASE WHEN own IS NULL THEN [] ELSE [own] END AS layers
CALL (r, layers) {
  WITH r WHERE layers = []
  DELETE r
}
WITH r, remaining, own, layers WHERE layers <> []
WITH r, remaining, own, layers,
     COLLECT { UNWIND layers AS y UNWIND coalesce(y.channels, []) AS ch
               RETURN DISTINCT ch ORDER BY ch } AS channels,
     COLLECT { UNWIND layers AS y UNWIND coalesce(y.sources, []) AS s
               RETURN DISTINCT s ORDER BY s } AS sources
CALL (layers) {
  UNWIND layers AS x
  WITH x ORDER BY x.firstSeen, x.eventId
  RETURN min(x.firstSeen) AS firstSeen, max(x.lastSeen) AS lastSeen,
         collect(x.eventId)[0] AS eventId
}
SET r.firstSeen = firstSeen, r.lastSeen = lastSeen, r.eventId = eventId, r.channels = channels,
    r.sources = sources,
    r.linkOf = CASE WHEN own IS NULL THEN null ELSE r.linkOf END,
    r.mergedFrom = CASE WHEN remaining = [] THEN null ELSE remaining END,
    r.ownFirstSeen = CASE WHEN remaining = [] THEN null ELSE own.firstSeen END,
    r.ownLastSeen = CASE WHEN remaining = [] THEN null ELSE own.lastSeen END,
    r.ownChannels = CASE WHEN remaining = [] THEN null ELSE own.channels END,
    r.ownSources = CASE WHEN remaining = [] THEN null ELSE own.sources END,
    r.ownEventId = CASE WHEN remaining = [] THEN null ELSE own.eventId END
"""


# -- migration 8: from relationships moved by merges to one relationship per identifier ----------
#
# Before, a merge moved the merged profile's relationships to the survivor (`viaMerges`, the
# stack of merges that moved one), next to the survivor's own: one identifier held twice.

# Each moved relationship goes back to the profile it started on (merged since, so it holds
# nothing else), as it was.
_UNMOVE = """
MATCH ()-[r:HAS_IDENTIFIER]->(i:Identifier) WHERE r.viaMerges IS NOT NULL
CALL (r, i) {
  MATCH (first:Merge {id: r.viaMerges[0]})
  MATCH (origin:MergedCustomer {id: first.mergedId})
  CREATE (origin)-[back:HAS_IDENTIFIER]->(i)
  SET back = properties(r)
  REMOVE back.viaMerges
  DELETE r
} IN TRANSACTIONS OF 2000 ROWS
"""

_LIVE_MERGES = """
MATCH (gone:MergedCustomer)-[into:MERGED_INTO]->(survivor)
RETURN into.mergeId AS mergeId, gone.id AS mergedId, survivor.id AS survivorId
"""

# Then each merge still in force is applied as a merge applies it now.
_LAYER = (
    """
UNWIND $merges AS row
CALL (row) {
  MATCH (gone:MergedCustomer {id: row.mergedId})
  CALL (row) {
    MATCH (s:Customer {id: row.survivorId}) RETURN s
    UNION
    MATCH (s:MergedCustomer {id: row.survivorId}) RETURN s
  }
"""
    + layer("gone", "s", "row")
    + """
} IN TRANSACTIONS OF 1000 ROWS
"""
)


async def one_link_per_identifier(driver: AsyncDriver, database: str) -> None:
    """Migration 8 (idempotent): one `HAS_IDENTIFIER` relationship per holder and identifier,
    the evidence of merged profiles combined into the survivor's as merges now combine it."""
    async with driver.session(database=database) as session:  # IN TRANSACTIONS: auto-commit
        await (await session.run(_UNMOVE)).consume()
        merges = [record.data() async for record in await session.run(_LIVE_MERGES)]
        for depth in _bottom_up(merges):
            await (await session.run(_LAYER, merges=depth)).consume()


def _bottom_up(merges: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The merges in rounds: a merge into a profile comes before that profile's own merge.

    >>> rounds = _bottom_up([{"mergedId": "b", "survivorId": "c"}, {"mergedId": "a", "survivorId": "b"}])
    >>> [[m["mergedId"] for m in r] for r in rounds]
    [['a'], ['b']]
    """
    into: dict[str, list[dict[str, Any]]] = {}
    for merge in merges:
        into.setdefault(merge["survivorId"], []).append(merge)
    depth: dict[str, int] = {}

    def depth_of(profile: str, seen: frozenset[str] = frozenset()) -> int:
        if profile not in depth:
            below = [m["mergedId"] for m in into.get(profile, []) if m["mergedId"] not in seen]
            depth[profile] = 1 + max((depth_of(b, seen | {profile}) for b in below), default=-1)
        return depth[profile]

    rounds: dict[int, list[dict[str, Any]]] = {}
    for merge in merges:
        rounds.setdefault(depth_of(merge["mergedId"]), []).append(merge)
    return [rounds[d] for d in sorted(rounds)]

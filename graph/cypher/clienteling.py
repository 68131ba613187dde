"""What store staff recorded about a customer: notes and important dates.

Both hang off the profile they were written on; a profile merged away keeps them and its
survivor reads them through `MERGED_INTO`, so an unmerge takes them back with no extra step.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.cypher.keyed import by_key
from graph.cypher.rows import ImportantDateRow, NoteRow
from graph.driver import GraphReader

_NOTES = """
UNWIND $ids AS cid
MATCH (:Customer {id: cid})<-[:MERGED_INTO*0..32]-(profile)-[:HAS_NOTE]->(n:Note)
WITH DISTINCT cid, n ORDER BY n.at DESC, n.id DESC
RETURN cid AS key, collect(n {.*}) AS items
"""

_IMPORTANT_DATES = """
UNWIND $ids AS cid
MATCH (:Customer {id: cid})<-[:MERGED_INTO*0..32]-(profile)-[:HAS_DATE]->(d:ImportantDate)
WITH DISTINCT cid, d ORDER BY d.date, d.kind, d.id
RETURN cid AS key, collect(d {.*}) AS items
"""


async def notes(reader: GraphReader, ids: Sequence[str]) -> dict[str, list[NoteRow]]:
    """Newest first."""
    return await by_key(reader, _NOTES, ids)


async def important_dates(
    reader: GraphReader, ids: Sequence[str]
) -> dict[str, list[ImportantDateRow]]:
    return await by_key(reader, _IMPORTANT_DATES, ids)

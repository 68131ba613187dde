"""The shape every batched read here shares: one statement over the batch's keys (`$ids`),
answering one row per key found, `key` and the column that holds its result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph.driver import GraphReader


async def by_key(
    reader: GraphReader,
    cypher: str,
    ids: Sequence[str],
    column: str = "items",
    params: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """For each key the statement found, its `column`; keys it found nothing for are absent."""
    rows = await reader.read(cypher, {**(params or {}), "ids": list(ids)})
    return {row["key"]: row[column] for row in rows}

"""Customers by full-text search (the `customer_search` index) or all of them by id, one keyset
page at a time (`Query.customers`)."""

from __future__ import annotations

from typing import Any

from graph.cypher.customers import customer_projection, customer_row
from graph.driver import GraphReader

# Keyset over (score DESC, id ASC): the same search on the same graph ranks the same way, so a
# cursor holding the last (score, id) resumes exactly after it.
_SEARCH = f"""
CALL (){{
  CALL db.index.fulltext.queryNodes('customer_search', $query) YIELD node
  RETURN count(node) AS total
}}
CALL (){{
  CALL db.index.fulltext.queryNodes('customer_search', $query) YIELD node, score
  WHERE $afterScore IS NULL OR score < $afterScore OR (score = $afterScore AND node.id > $afterId)
  WITH node, score ORDER BY score DESC, node.id ASC LIMIT $limit
  RETURN collect({{customer: {customer_projection("node")}, score: score}}) AS hits
}}
RETURN total, hits
"""

# The page alone, for requests that do not ask for `totalCount`.
_SEARCH_PAGE = f"""
CALL db.index.fulltext.queryNodes('customer_search', $query) YIELD node, score
WHERE $afterScore IS NULL OR score < $afterScore OR (score = $afterScore AND node.id > $afterId)
WITH node, score ORDER BY score DESC, node.id ASC LIMIT $limit
// collected before `null AS total` joins it: as a grouping key it would leave no row at all
// for a search that finds nobody
WITH collect({{customer: {customer_projection("node")}, score: score}}) AS hits
RETURN null AS total, hits
"""

_LIST = f"""
CALL (){{ MATCH (c:Customer) RETURN count(c) AS total }}
CALL (){{
  MATCH (c:Customer) WHERE c.id > $afterId
  WITH c ORDER BY c.id ASC LIMIT $limit
  RETURN collect({{customer: {customer_projection("c")}, score: null}}) AS hits
}}
RETURN total, hits
"""


async def search_customers(
    reader: GraphReader,
    query: str | None,
    limit: int,
    after_score: float | None,
    after_id: str | None,
    with_total: bool = True,
) -> tuple[int | None, list[dict[str, Any]]]:
    """One page of customers: by full-text relevance when `query` is set, else by id.

    `query` is already a Lucene query built by `lucene_query`; returns (totalCount, hits), the
    total None without `with_total` (a search then runs the full-text query once, not twice).
    """
    if query is None:
        rows = await reader.read(_LIST, {"afterId": after_id or "", "limit": limit})
    else:
        rows = await reader.read(
            _SEARCH if with_total else _SEARCH_PAGE,
            {"query": query, "afterScore": after_score, "afterId": after_id, "limit": limit},
        )
    total = rows[0]["total"]
    hits = [{**hit, "customer": customer_row(hit["customer"])} for hit in rows[0]["hits"]]
    return (int(total) if with_total and total is not None else None), hits

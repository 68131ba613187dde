"""Keyset pages of a customer's orders, interactions, timeline and loyalty ledger, and of a
cart's history, batched over customers (or carts).

Every page is ordered newest first by (time DESC, id DESC) and resumes strictly after the cursor's
(time, id): no `SKIP`, so an insert while a client pages never makes it skip or repeat an entry.
Each function returns, per customer (or cart) id, `{"total": int, "items": [...]}` with up to
`limit` items.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Generic, TypedDict, TypeVar

from graph.cypher.rows import (
    CartChangeRow,
    InteractionRow,
    LoyaltyMoveRow,
    OrderRow,
    TimelineItemRow,
)
from graph.driver import GraphReader

R = TypeVar("R")


class PageRow(TypedDict, Generic[R]):
    """Up to `limit` items, and the whole list's length (None when not counted)."""

    total: int | None
    items: list[R]


# The fields every Order record carries, wherever it was loaded from.
ORDER_PROJECTION = """o {.*, customerId: head([(c:Customer)-[:PLACED]->(o) | c.id]),
  storeId: head([(o)-[:AT_STORE]->(s:Store) | s.id]),
  fulfillmentStoreId: head([(o)-[:FULFILLED_AT]->(f:Store) | f.id]),
  deviceId: head([(o)-[:FROM_DEVICE]->(d:Device) | d.id])}"""

INTERACTION_PROJECTION = """i {.*, storeId: head([(i)-[:AT_STORE]->(s:Store) | s.id]),
  deviceId: head([(i)-[:VIA_DEVICE]->(d:Device) | d.id])}"""

# Strictly after a (time, id) cursor, newest first; `{at}`/`{id}` name the cursor's parameters.
AFTER = "({at} IS NULL OR {t} < datetime({at}) OR ({t} = datetime({at}) AND {i} < {id}))"
_AFTER = AFTER.replace("{at}", "$afterAt").replace("{id}", "$afterId")


def _customer_page(match: str, where: str, var: str, time: str, projection: str) -> str:
    """A page of what `match` finds from the customer `c` and `where` keeps, newest first by
    `<var>.<time>`, with the count of all it keeps."""
    return f"""
UNWIND $ids AS cid
MATCH (c:Customer {{id: cid}})
CALL (c) {{
  MATCH {match}
  WHERE {where}
  RETURN count({var}) AS total
}}
CALL (c) {{
  MATCH {match}
  WHERE {where}
    AND {_AFTER.format(t=f"{var}.{time}", i=f"{var}.id")}
  WITH {var} ORDER BY {var}.{time} DESC, {var}.id DESC LIMIT $limit
  RETURN collect({projection}) AS items
}}
RETURN cid AS key, total, items
"""


_ORDERS = _customer_page(
    "(c)-[:PLACED]->(o:Order)",
    "($channel IS NULL OR o.channel = $channel) AND ($status IS NULL OR o.status = $status)",
    "o", "placedAt", ORDER_PROJECTION,
)  # fmt: skip

_INTERACTIONS = _customer_page(
    "(c)-[:PERFORMED]->(i:Interaction)",
    "($channels IS NULL OR i.channel IN $channels) AND ($kinds IS NULL OR i.kind IN $kinds)\n"
    "    AND ($since IS NULL OR i.at >= datetime($since)) AND ($until IS NULL OR i.at < datetime($until))",
    "i", "at", INTERACTION_PROJECTION,
)  # fmt: skip

# One time-ordered stream of everything the customer did. Each entry: at, id, kind, channel, data.
_TIMELINE = f"""
UNWIND $ids AS cid
MATCH (c:Customer {{id: cid}})
CALL (c) {{
  RETURN COUNT {{ (c)-[:PLACED]->(:Order) }} + COUNT {{ (c)-[:PERFORMED]->(:Interaction) }}
       + COUNT {{ (c)-[:CHANGED_CART]->(:CartChange) }}
       + COUNT {{ (c)-[:OPENED_CASE]->(:SupportCase)-[:HAS_MESSAGE]->(:CaseMessage) }}
       + COUNT {{ (c)-[:GAVE_CONSENT]->(:Consent) }}
       + COUNT {{ (c)-[:EARNED_OR_SPENT]->(:LoyaltyMove) }} AS total
}}
CALL (c) {{
  CALL (c) {{
    MATCH (c)-[:PLACED]->(o:Order)
    RETURN o.placedAt AS at, o.id AS id, 'ORDER' AS kind, o.channel AS channel,
           {ORDER_PROJECTION} AS data
    UNION ALL
    MATCH (c)-[:PERFORMED]->(i:Interaction)
    RETURN i.at AS at, i.id AS id, 'INTERACTION' AS kind, i.channel AS channel,
           {INTERACTION_PROJECTION} AS data
    UNION ALL
    MATCH (c)-[:CHANGED_CART]->(x:CartChange)
    RETURN x.at AS at, x.id AS id, 'CART' AS kind, x.channel AS channel, x {{.*}} AS data
    UNION ALL
    MATCH (c)-[:OPENED_CASE]->(s:SupportCase)-[:HAS_MESSAGE]->(m:CaseMessage)
    RETURN m.at AS at, m.id AS id, 'CASE_MESSAGE' AS kind, m.channel AS channel,
           m {{.*, caseId: s.id, subject: s.subject}} AS data
    UNION ALL
    MATCH (c)-[:GAVE_CONSENT]->(x:Consent)
    RETURN x.at AS at, x.id AS id, 'CONSENT' AS kind, x.eventChannel AS channel,
           x {{.*}} AS data
    UNION ALL
    MATCH (c)-[:EARNED_OR_SPENT]->(l:LoyaltyMove)
    RETURN l.at AS at, l.id AS id, 'LOYALTY' AS kind, l.channel AS channel, l {{.*}} AS data
  }}
  WITH at, id, kind, channel, data
  WHERE {_AFTER.format(t="at", i="id")}
  ORDER BY at DESC, id DESC LIMIT $limit
  RETURN collect({{at: at, id: id, kind: kind, channel: channel, data: data}}) AS items
}}
RETURN cid AS key, total, items
"""

_LEDGER = f"""
UNWIND $ids AS cid
MATCH (c:Customer {{id: cid}})
CALL (c) {{ RETURN COUNT {{ (c)-[:EARNED_OR_SPENT]->(:LoyaltyMove) }} AS total }}
CALL (c) {{
  MATCH (c)-[:EARNED_OR_SPENT]->(l:LoyaltyMove)
  WHERE {_AFTER.format(t="l.at", i="l.id")}
  WITH l ORDER BY l.at DESC, l.id DESC LIMIT $limit
  RETURN collect(l {{.*}}) AS items
}}
RETURN cid AS key, total, items
"""


# A cart's changes, and those of the carts merged into it: a profile merged into the customer
# (an anonymous web cookie that logs in) brings its open cart, folded into the cart open at the
# time of the merge: the first of the customer's carts checked out after it, or the open one.
def cart_changes(cart: str, change: str) -> str:
    """`CALL (<cart>) { ... RETURN <change> }`: the changes of the cart `cart` names, and of the
    carts folded into it (both read paths use it)."""
    return f"""
CALL ({cart}) {{
  MATCH ({cart})-[:HAD_CHANGE]->({change}:CartChange) RETURN {change}
  UNION
  MATCH (c:Customer)-[:HAS_CART]->({cart}) WHERE {cart}.status <> 'MERGED'
  MATCH (c)-[:HAS_CART]->(folded:Cart {{status: 'MERGED'}})
  MATCH (c)-[:ABSORBED]->(m:Merge {{id: folded.mergedBy}})
  WHERE ({cart}.checkedOutAt IS NULL OR {cart}.checkedOutAt > m.at)
    AND NOT EXISTS {{
      MATCH (c)-[:HAS_CART]->(other:Cart {{status: 'CHECKED_OUT'}})
      WHERE other.checkedOutAt > m.at
        AND ({cart}.checkedOutAt IS NULL OR other.checkedOutAt < {cart}.checkedOutAt)
    }}
  MATCH (folded)-[:HAD_CHANGE]->({change}:CartChange) RETURN {change}
}}"""


_CART_CHANGES = cart_changes("cart", "x")

_CART_HISTORY = f"""
UNWIND $ids AS kid
MATCH (cart:Cart {{id: kid}})
CALL (cart) {{
  {_CART_CHANGES}
  RETURN count(x) AS total
}}
CALL (cart) {{
  {_CART_CHANGES}
  WITH x WHERE {_AFTER.format(t="x.at", i="x.id")}
  WITH x ORDER BY x.at DESC, x.id DESC LIMIT $limit
  RETURN collect(x {{.*}}) AS items
}}
RETURN kid AS key, total, items
"""


async def orders_page(
    reader: GraphReader,
    ids: Sequence[str],
    *,
    limit: int,
    after: tuple[str, str] | None,
    channel: str | None,
    status: str | None,
    with_total: bool = True,
) -> dict[str, PageRow[OrderRow]]:
    params = {"channel": channel, "status": status}
    return await _pages(reader, _ORDERS, ids, limit, after, params, with_total)


async def interactions_page(
    reader: GraphReader,
    ids: Sequence[str],
    *,
    limit: int,
    after: tuple[str, str] | None,
    channels: Sequence[str] | None,
    kinds: Sequence[str] | None,
    since: str | None,
    until: str | None,
    with_total: bool = True,
) -> dict[str, PageRow[InteractionRow]]:
    params = {
        "channels": list(channels) if channels is not None else None,
        "kinds": list(kinds) if kinds is not None else None,
        "since": since,
        "until": until,
    }
    return await _pages(reader, _INTERACTIONS, ids, limit, after, params, with_total)


async def timeline_page(
    reader: GraphReader, ids: Sequence[str], *, limit: int, after: tuple[str, str] | None
) -> dict[str, PageRow[TimelineItemRow]]:
    return await _pages(reader, _TIMELINE, ids, limit, after, {})


async def loyalty_page(
    reader: GraphReader, ids: Sequence[str], *, limit: int, after: tuple[str, str] | None
) -> dict[str, PageRow[LoyaltyMoveRow]]:
    return await _pages(reader, _LEDGER, ids, limit, after, {})


async def cart_history_page(
    reader: GraphReader, cart_ids: Sequence[str], *, limit: int, after: tuple[str, str] | None
) -> dict[str, PageRow[CartChangeRow]]:
    return await _pages(reader, _CART_HISTORY, cart_ids, limit, after, {})


def without_total(cypher: str) -> str:
    r"""The same statement with its first `CALL (x) { ... RETURN count(...) AS total }` block
    replaced by `null AS total`: for requests that do not ask for `totalCount`.

    >>> block = "CALL (c) {\n  MATCH (c)-->(o)\n  RETURN count(o) AS total\n}"
    >>> without_total("MATCH (c)\n" + block + "\nRETURN total")
    'MATCH (c)\nWITH *, null AS total\nRETURN total'
    """
    match = _TOTAL_BLOCK.search(cypher)
    if match is None:
        raise ValueError("no total block in this statement")
    return cypher[: match.start()] + "WITH *, null AS total" + cypher[match.end() :]


_TOTAL_BLOCK = re.compile(r"CALL \(\w+\) \{\n(?:(?!\n\}).)*?RETURN count\(\w+\) AS total\n\}", re.S)
_NO_TOTAL: dict[str, str] = {}


async def _pages(
    reader: GraphReader,
    cypher: str,
    ids: Sequence[str],
    limit: int,
    after: tuple[str, str] | None,
    params: dict[str, Any],
    with_total: bool = True,
) -> dict[str, Any]:
    if not with_total:
        cypher = _NO_TOTAL.get(cypher) or _NO_TOTAL.setdefault(cypher, without_total(cypher))
    rows = await reader.read(
        cypher,
        {
            **params,
            "ids": list(ids),
            "limit": limit,
            "afterAt": after[0] if after else None,
            "afterId": after[1] if after else None,
        },
    )
    return {row["key"]: {"total": row["total"], "items": row["items"]} for row in rows}

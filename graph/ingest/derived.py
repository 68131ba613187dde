"""Fields derived from a customer's facts, recomputed after anything that can change them.

`anonymous` and the search text follow the identifiers, loyalty points and tier the moves, and
the profile fields (name, address, sizes...) the traits in force (the latest `at` per trait).
A profile merged away has no facts left (its identifiers stay with it but count as the
survivor's), so its derived fields empty out until an unmerge brings its facts back.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from neo4j import AsyncManagedTransaction, Record
from neo4j.time import Date

from graph.identifiers import search_terms
from graph.ingest import cypher as q
from graph.ingest.events import IdentifierRef
from graph.ingest.ledger import Move, settle
from graph.ingest.resolve import is_person
from graph.loyalty import tier_for
from graph.metrics import count_cypher


async def refresh_customers(
    tx: AsyncManagedTransaction, customer_ids: Collection[str], *, times: bool = False
) -> None:
    """Recompute derived fields; with `times`, first and last seen too (from the identifiers'
    evidence: an unmerge takes some of it away). Events only ever widen them, as they arrive."""
    if not customer_ids:
        return
    result = await tx.run(q.DERIVATION_FACTS, ids=sorted(customer_ids))
    # the record read as it is (`derived` only looks values up by name): `data()` converts each
    rows = [{"id": row["id"], "props": derived(row, times=times)} async for row in result]
    await (await tx.run(q.SET_DERIVED, rows=rows)).consume()
    count_cypher("write", 2)


def derived(facts: Record | dict[str, Any], *, times: bool = False) -> dict[str, Any]:
    identifiers = sorted((t, v) for t, v in facts["identifiers"] if t is not None)
    props: dict[str, Any] = {
        "anonymous": not any(is_person(IdentifierRef(t, v)) for t, v in identifiers),
        "searchText": search_terms(identifiers),
        "loyaltyPoints": int(facts["points"]),
        "loyaltyTier": tier_for(int(facts["points"])),
    }
    if times and facts["firstSeen"] is not None:
        props["firstSeen"] = facts["firstSeen"]
        props["lastSeen"] = facts["lastSeen"]
    traits = {name: json.loads(value) for name, value in facts["traits"] if name is not None}
    from_traits = trait_properties(traits)
    # Only properties that traits set are recomputed: anything written otherwise stays.
    for name in set(facts["traitProps"] or []) - set(from_traits):
        props[name] = None
    props.update(from_traits)
    props["traitProps"] = sorted(from_traits)
    return props


def trait_properties(traits: dict[str, Any]) -> dict[str, Any]:
    """Customer properties from the traits in force.

    >>> trait_properties({"givenName": "Ana", "address.city": "Lisbon", "sizes.jacket": "M"})
    {'givenName': 'Ana', 'addressCity': 'Lisbon', 'sizesJson': '{"jacket": "M"}'}
    """
    props: dict[str, Any] = {}
    for name in ("givenName", "familyName", "locale"):
        if name in traits:
            props[name] = traits[name]
    if "birthDate" in traits:
        props["birthDate"] = Date.from_iso_format(traits["birthDate"])
    for part in ("line1", "city", "postalCode", "country"):
        if f"address.{part}" in traits:
            props[f"address{part[0].upper()}{part[1:]}"] = traits[f"address.{part}"]
    for group in ("sizes", "preferences"):
        values = {k.split(".", 1)[1]: v for k, v in traits.items() if k.startswith(f"{group}.")}
        if values:
            props[f"{group}Json"] = json.dumps(values, sort_keys=True)
    return props


async def settle_ledgers(tx: AsyncManagedTransaction, customer_ids: Collection[str]) -> None:
    """Settle these customers' loyalty ledgers by `at` again (`ledger.settle`), e.g. after an
    unmerge split one ledger in two; call `refresh_customers` after it."""
    moves: dict[str, list[Move]] = {}
    async for row in await tx.run(q.LEDGER_MOVES, ids=sorted(customer_ids)):
        moves.setdefault(row["cid"], []).append(
            Move(row["id"], row["at"].to_native(), row["points"], row["action"], row["counted"])
        )
    count, uncount = [], []
    for ledger in moves.values():
        standing = settle(ledger)
        for move in ledger:
            if move.counted and standing[move.id] is not None:
                uncount.append(move.id)
            elif not move.counted and standing[move.id] is None:
                count.append(move.id)
    count_cypher("write")
    if count or uncount:
        await (await tx.run(q.SETTLE_LEDGERS, count=count, uncount=uncount)).consume()
        count_cypher("write")

"""Writes of clienteling: a note or an important date that staff record about a customer.

`(:Customer)-[:HAS_NOTE]->(:Note {id, text, at, author, role, storeId})` and
`(:Customer)-[:HAS_DATE]->(:ImportantDate {id, kind, date, at, author, role, storeId})`. A
merged-away id names the customer it was merged into, as everywhere else.

    author = Actor("lisbon-1-maria", "associate", "store-lisbon-1")   # who wrote it, and where
    note = await add_note(driver, "neo4j", "cus-a35f8c06c1c35f4a", "Prefers slim fit", author)
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from neo4j import AsyncDriver

from graph.audit import Actor
from graph.cypher.rows import ImportantDateRow, NoteRow

# The live customer an id names (a merged-away id: its survivor).
_CUSTOMER = """
OPTIONAL MATCH (live:Customer {id: $customerId})
OPTIONAL MATCH (:MergedCustomer {id: $customerId})-[:MERGED_INTO*1..32]->(survivor:Customer)
WITH coalesce(live, survivor) AS c
WHERE c IS NOT NULL
"""

_ADD_NOTE = (
    _CUSTOMER
    + """
CREATE (c)-[:HAS_NOTE]->(n:Note {id: $id, text: $text, at: datetime(), author: $author,
                                role: $role, storeId: $storeId})
RETURN n {.*} AS record
"""
)

_ADD_DATE = (
    _CUSTOMER
    + """
CREATE (c)-[:HAS_DATE]->(d:ImportantDate {id: $id, kind: $kind, date: date($date),
                                         at: datetime(), author: $author, role: $role,
                                         storeId: $storeId})
RETURN d {.*} AS record
"""
)


async def add_note(
    driver: AsyncDriver, database: str, customer_id: str, text: str, author: Actor
) -> NoteRow | None:
    """The note written; None when the id names no customer."""
    note: NoteRow | None = await _write(
        driver, database, _ADD_NOTE, "note", customer_id, author, text=text
    )
    return note


async def add_important_date(
    driver: AsyncDriver, database: str, customer_id: str, kind: str, day: date, author: Actor
) -> ImportantDateRow | None:
    """The date recorded; None when the id names no customer."""
    recorded: ImportantDateRow | None = await _write(
        driver, database, _ADD_DATE, "date", customer_id, author,
        kind=kind, date=day.isoformat(),
    )  # fmt: skip
    return recorded


async def _write(
    driver: AsyncDriver,
    database: str,
    cypher: str,
    prefix: str,
    customer_id: str,
    author: Actor,
    **values: str,
) -> Any:
    params = {"customerId": customer_id, "id": f"{prefix}-{uuid.uuid4().hex}",
              "author": author.subject, "role": author.role, "storeId": author.store_id,
              **values}  # fmt: skip
    records, _, _ = await driver.execute_query(cypher, params, database_=database)
    return dict(records[0]["record"]) if records else None

"""A person's rights over their data: everything held about them (export), and erasure.

Both cover the person *and every profile merged into them* (`:MergedCustomer` nodes that point
at them through `MERGED_INTO`). A merged-away id names the person it was merged into.

    document = await export_customer(driver, "neo4j", "cus-a35f8c06c1c35f4a")   # None when unknown
    report = await erase_customer(driver, "neo4j", "cus-a35f8c06c1c35f4a")
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction, RoutingControl
from neo4j.time import Date, DateTime

from graph.audit import records as audit_records
from graph.suppression import suppress

# Who the id names now: the live customer, or the survivor of a merged-away id.
_PERSON = """
OPTIONAL MATCH (live:Customer {id: $id})
OPTIONAL MATCH (:MergedCustomer {id: $id})-[:MERGED_INTO*1..32]->(survivor:Customer)
WITH coalesce(live, survivor) AS c
WHERE c IS NOT NULL
OPTIONAL MATCH (m:MergedCustomer)-[:MERGED_INTO*1..32]->(c)
RETURN c.id AS id, collect(DISTINCT m.id) AS merged
"""

_EXPORT = """
MATCH (c:Customer {id: $id})
RETURN c {.*} AS profile,
  COLLECT { MATCH (m:MergedCustomer) WHERE m.id IN $merged RETURN m {.*} } AS mergedProfiles,
  COLLECT { MATCH (p) WHERE p.id IN $people AND (p:Customer OR p:MergedCustomer)
            MATCH (p)-[r:HAS_IDENTIFIER]->(i:Identifier)
            RETURN i {.type, .value, firstSeen: r.firstSeen, lastSeen: r.lastSeen} } AS identifiers,
  COLLECT { MATCH (p) WHERE p.id IN $people MATCH (p)-[:HAS_TRAIT]->(t:TraitValue)
            RETURN t {.*} } AS traits,
  COLLECT { MATCH (c)-[:USES_DEVICE]->(d:Device) RETURN d {.*} } AS devices,
  COLLECT { MATCH (c)-[:HAS_ACCOUNT]->(a:Account) RETURN a {.*} } AS accounts,
  COLLECT { MATCH (c)-[:PLACED]->(o:Order)
            RETURN o {.*,
              lines: COLLECT { MATCH (o)-[l:CONTAINS]->(p:Product)
                               RETURN {sku: p.sku, name: p.name, quantity: l.quantity,
                                       unitPrice: l.unitPrice} ORDER BY l.line },
              statusHistory: COLLECT { MATCH (o)-[:HAS_STATUS]->(s:OrderStatus)
                                       RETURN s {.*} ORDER BY s.at }} } AS orders,
  COLLECT { MATCH (c)-[:PERFORMED]->(x:Interaction) RETURN x {.*} } AS interactions,
  COLLECT { MATCH (c)-[:HAS_CART]->(k:Cart)
            RETURN k {.*, changes: COLLECT { MATCH (k)-[:HAD_CHANGE]->(ch:CartChange)
                                             RETURN ch {.*} ORDER BY ch.at }} } AS carts,
  COLLECT { MATCH (c)-[:OPENED_CASE]->(s:SupportCase)
            RETURN s {.*, messages: COLLECT { MATCH (s)-[:HAS_MESSAGE]->(msg:CaseMessage)
                                              RETURN msg {.*} ORDER BY msg.at }} } AS supportCases,
  COLLECT { MATCH (c)-[:GAVE_CONSENT]->(x:Consent) RETURN x {.*} ORDER BY x.at } AS consents,
  COLLECT { MATCH (c)-[:EARNED_OR_SPENT]->(l:LoyaltyMove) RETURN l {.*} ORDER BY l.at }
    AS loyaltyMoves,
  COLLECT { MATCH (c)-[:ABSORBED]->(g:Merge) RETURN g {.*} ORDER BY g.at } AS merges,
  COLLECT { MATCH (p) WHERE p.id IN $people MATCH (p)-[:HAS_NOTE]->(n:Note)
            RETURN n {.*} ORDER BY n.at } AS notes,
  COLLECT { MATCH (p) WHERE p.id IN $people MATCH (p)-[:HAS_DATE]->(d:ImportantDate)
            RETURN d {.*} ORDER BY d.date } AS importantDates
"""

# Erasure, one statement per concern, all in one transaction.
_ERASE_IDENTIFIERS = """
MATCH (p) WHERE p.id IN $people AND (p:Customer OR p:MergedCustomer)
MATCH (p)-[r:HAS_IDENTIFIER]->(i:Identifier)
WITH i, collect(r) AS links
// a shared identifier (a household tablet) still identifies someone else: only unlink it
WITH i, links, COUNT { (i)<-[:HAS_IDENTIFIER]-(other) WHERE NOT other.id IN $people } AS others
FOREACH (r IN links | DELETE r)
WITH i, others, i.type AS type, i.value AS value
FOREACH (_ IN CASE WHEN others = 0 THEN [1] ELSE [] END | DETACH DELETE i)
RETURN collect(CASE WHEN others = 0 THEN [type, value] END) AS erased
"""

_ERASE_PROFILES = """
MATCH (p) WHERE p.id IN $people AND (p:Customer OR p:MergedCustomer)
OPTIONAL MATCH (p)-[:HAS_TRAIT]->(t:TraitValue)
DETACH DELETE t
WITH DISTINCT p
// what staff wrote about them (notes, important dates) is personal data too
CALL (p) { MATCH (p)-[:HAS_NOTE|HAS_DATE]->(x) WHERE x:Note OR x:ImportantDate DETACH DELETE x }
REMOVE p.givenName, p.familyName, p.birthDate, p.locale, p.addressLine1, p.addressCity,
       p.addressPostalCode, p.addressCountry, p.sizesJson, p.preferencesJson, p.searchText,
       p.traitProps
SET p.anonymous = true, p.erased = true, p.erasedAt = datetime()
RETURN count(p) AS profiles
"""

_ERASE_FREE_TEXT = """
MATCH (c:Customer {id: $id})
CALL (c) { MATCH (c)-[:PERFORMED]->(i:Interaction) SET i.text = null, i.query = null }
CALL (c) {
  MATCH (c)-[:OPENED_CASE]->(s:SupportCase)
  SET s.subject = null
  WITH s MATCH (s)-[:HAS_MESSAGE]->(m:CaseMessage) SET m.text = null
}
CALL (c) { MATCH (c)-[:ABSORBED]->(g:Merge) SET g.linkedBy = [] }
CALL (c) { MATCH (c)-[:IN_CONFLICT]->(x:IdentityConflict) SET x.identifiers = [] }
CALL (c) { MATCH (c)-[:HAS_CART]->(k:Cart) SET k.lastDeviceId = null }
// account ids carry identifiers (`loyalty-LN-5521`)
CALL (c) { MATCH (c)-[:HAS_ACCOUNT]->(a:Account) DETACH DELETE a }
RETURN count(c) AS done
"""

# Devices only this person used go; a shared one (and every store terminal) stays.
_ERASE_DEVICES = """
MATCH (c:Customer {id: $id})-[u:USES_DEVICE]->(d:Device)
WITH d, u, COUNT { (d)<-[:USES_DEVICE]-(other) WHERE other <> c } AS others
DELETE u
WITH d, others WHERE others = 0
DETACH DELETE d
RETURN count(d) AS devices
"""


@dataclass(frozen=True)
class ErasureReport:
    customer_id: str
    profiles: int
    identifiers_suppressed: int
    devices_removed: int


async def person(driver: AsyncDriver, database: str, customer_id: str) -> tuple[str, list[str]]:
    """(the live customer id, the ids merged into it); ("", []) when the id names nobody."""
    found, _, _ = await driver.execute_query(
        _PERSON, id=customer_id, database_=database, routing_=RoutingControl.READ
    )
    if not found:
        return "", []
    return str(found[0]["id"]), list(found[0]["merged"])


async def export_customer(
    driver: AsyncDriver, database: str, customer_id: str
) -> dict[str, Any] | None:
    """Everything held about the person as one JSON-ready document, who looked at them included."""
    live, merged = await person(driver, database, customer_id)
    if not live:
        return None
    found, _, _ = await driver.execute_query(
        _EXPORT,
        id=live,
        merged=merged,
        people=[live, *merged],
        database_=database,
        routing_=RoutingControl.READ,
    )
    document: dict[str, Any] = {"customerId": live, **found[0].data()}
    document["accessLog"] = await audit_records(
        driver, database, customer_ids=[live, *merged], limit=10_000
    )
    plain: dict[str, Any] = _plain(document)
    return plain


async def erase_customer(driver: AsyncDriver, database: str, customer_id: str) -> ErasureReport:
    """Remove personal data of the person and their merged profiles: identifiers, traits, free
    text, staff notes and important dates, devices only they used, accounts. Orders, carts, consents and loyalty moves stay,
    attached to the anonymised profile (accounting needs them; they name no one any more).

    Identifiers no one else holds are hashed onto the suppression list before they go.
    """
    live, merged = await person(driver, database, customer_id)
    if not live:
        raise LookupError(customer_id)
    people = [live, *merged]

    async def work(tx: AsyncManagedTransaction) -> ErasureReport:
        result = await tx.run(_ERASE_IDENTIFIERS, people=people)
        record = await result.single()
        erased = [tuple(pair) for pair in (record["erased"] if record else [])]
        suppressed = await suppress(tx, erased)
        result = await tx.run(_ERASE_PROFILES, people=people)
        profiles = (await result.single() or {"profiles": 0})["profiles"]
        await (await tx.run(_ERASE_FREE_TEXT, id=live)).consume()
        result = await tx.run(_ERASE_DEVICES, id=live)
        devices = (await result.single() or {"devices": 0})["devices"]
        return ErasureReport(live, int(profiles), suppressed, int(devices))

    async with driver.session(database=database) as session:
        return await session.execute_write(work)


def _plain(value: Any) -> Any:
    """Neo4j values as JSON values: temporals as ISO-8601 strings."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != "searchText"}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (DateTime, Date)):
        return value.iso_format()
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value

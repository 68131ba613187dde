"""Merges in Cypher: what a merge inside `APPLY_EVENTS` writes (`MERGES`, one event's merges,
each moving the merged profile's facts to the survivor), and the statements that undo one
(`graph/ingest/unmerge.py`).

All values are parameters. The only text put together in Python is the list of relationship
types a merge moves (`CUSTOMER_FACTS`), because Cypher cannot parameterise a relationship type.
"""

from __future__ import annotations

from graph.ingest.evidence import layer

# Relationships from a customer that belong to the person and move with a merge (and back with
# an unmerge). Each moved relationship carries `viaMerges`, the stack of merges that moved it.
# `HAS_IDENTIFIER` does not move: the survivor's one relationship per identifier takes in the
# merged profile's evidence instead (`evidence.py`).
CUSTOMER_FACTS = (
    "USES_DEVICE", "HAS_ACCOUNT", "PLACED", "PERFORMED", "HAS_CART", "CHANGED_CART",
    "OPENED_CASE", "GAVE_CONSENT", "EARNED_OR_SPENT", "HAS_TRAIT", "IN_CONFLICT", "ABSORBED",
)  # fmt: skip


def _moves(source: str, target: str, tag: str, via: str, imports: str) -> str:
    return "\n".join(
        f"""CALL ({source}, {target}{imports}) {{
  MATCH ({source})-[r:{rel}]->(x){tag}
  CREATE ({target})-[moved:{rel}]->(x)
  SET moved = properties(r), moved.viaMerges = {via}
  DELETE r
}}"""
        for rel in CUSTOMER_FACTS
    )


# A customer has one open cart. On a merge the merged profile's open cart is folded into the
# survivor's (created if needed): its items are copied, tagged with the merge, and the cart itself
# is closed as MERGED. Undo removes exactly the tagged items and opens that cart again, so what
# the survivor added after the merge stays in the survivor's cart.
_FOLD_CART = """
    CALL (m) {
      MATCH (:Customer {id: m.mergedId})-[:HAS_CART]->(brought) WHERE brought.status = 'OPEN'
      MATCH (s:Customer {id: m.survivorId})
      OPTIONAL MATCH (s)-[:HAS_CART]->(open) WHERE open.status = 'OPEN'
      WITH m, brought, s, open ORDER BY open.updatedAt DESC
      WITH m, brought, s, collect(open)[0] AS open
      CALL (m, s, open, brought) {
        WITH m, s, open, brought WHERE open IS NULL
        CREATE (s)-[:HAS_CART]->(cart:Cart {id: 'cart-' + m.mergeId, status: 'OPEN',
                                            updatedAt: brought.updatedAt,
                                            lastChannel: brought.lastChannel})
        RETURN cart
        UNION
        WITH open WHERE open IS NOT NULL
        RETURN open AS cart
      }
      SET cart.updatedAt = CASE WHEN cart.updatedAt > brought.updatedAt THEN cart.updatedAt
                                ELSE brought.updatedAt END
      WITH m, brought, cart
      CALL (m, brought, cart) {
        MATCH (brought)-[item:CONTAINS]->(p:Product)
        CREATE (cart)-[copy:CONTAINS]->(p)
        SET copy = properties(item), copy.viaMerges = [m.mergeId]
      }
      SET brought.status = 'MERGED', brought.mergedBy = m.mergeId
    }"""

# Every fact of the merged profile moves to the survivor, each tagged with the merge; the merge
# is recorded with what linked the two; the survivor's first and last seen span both.
MERGES = (
    """
  CALL (e) {
    UNWIND e.merges AS m
    CALL (e, m) {"""
    + _FOLD_CART
    + """
      MATCH (gone:Customer {id: m.mergedId}), (s:Customer {id: m.survivorId})
"""
    + layer("gone", "s", "m")
    + "\n"
    + _moves("gone", "s", "", "coalesce(r.viaMerges, []) + m.mergeId", ", m")
    + """
      CREATE (merge:Merge {id: m.mergeId, at: e.at, eventId: e.eventId,
                           survivorId: m.survivorId, mergedId: m.mergedId, linkedBy: m.linkedBy})
      CREATE (s)-[:ABSORBED]->(merge)
      CREATE (gone)-[:MERGED_INTO {mergeId: m.mergeId}]->(s)
      // the survivor's first and last seen span both: SET_SPANS, after the batch
      REMOVE gone:Customer
      SET gone:MergedCustomer, gone.mergedInto = m.survivorId
      // on the audit trail (graph/audit.py): who merged whom, when, on what kind of evidence
      // (the types only: the trail outlives an erasure, so it holds no identifier values)
      CREATE (:AuditRecord {id: 'aud-' + m.mergeId, at: datetime(),
              actor: coalesce(e.source, e.channel), role: 'ingest', storeId: e.storeId,
              action: 'MERGE', customerId: m.survivorId, operation: e.eventId,
              reason: 'merged ' + m.mergedId + ', linked by ' +
                      reduce(text = '', key IN m.linkedBy | text +
                             CASE text WHEN '' THEN '' ELSE ', ' END + split(key, ':')[0])})
    }
  }"""
)

# -- undoing a merge ------------------------------------------------------------------------------

FIND_MERGE = """
MATCH (merge:Merge {id: $mergeId})
RETURN merge {.*} AS merge, EXISTS { (:Customer {id: merge.survivorId}) } AS survivorLive
"""

LOCK_SURVIVOR = "MATCH (c:Customer {id: $survivorId}) SET c.locked = true"

UNDO_MERGE = """
MATCH (merge:Merge {id: $mergeId})
MATCH (m:MergedCustomer {id: merge.mergedId})-[into:MERGED_INTO]->(:Customer {id: merge.survivorId})
DELETE into
REMOVE m:MergedCustomer, m.mergedInto
SET m:Customer, merge.undoneAt = datetime()
"""

# Undo the merge's moves: what the merge moved goes back; what reached the survivor later stays.
RESTORE_FACTS = "MATCH (s:Customer {id: $survivorId}), (m:Customer {id: $mergedId})\n" + _moves(
    "s",
    "m",
    " WHERE r.viaMerges IS NOT NULL AND r.viaMerges[-1] = $mergeId",
    "CASE size(r.viaMerges) WHEN 1 THEN null ELSE r.viaMerges[..-1] END",
    "",
)

UNFOLD_CART = """
OPTIONAL MATCH (:Customer {id: $survivorId})-[:HAS_CART]->(:Cart)-[copy:CONTAINS]->(:Product)
WHERE copy.viaMerges = [$mergeId]
DELETE copy
WITH count(*) AS removed
CALL () {
  // a cart the merge had to create goes too, unless the survivor has used it since
  MATCH (:Customer {id: $survivorId})-[:HAS_CART]->(made:Cart {id: 'cart-' + $mergeId})
  WHERE NOT EXISTS { (made)-[:CONTAINS]->() } AND NOT EXISTS { (made)-[:HAD_CHANGE]->() }
  DETACH DELETE made
}
CALL () {
  MATCH (:Customer {id: $mergedId})-[:HAS_CART]->(brought:Cart {mergedBy: $mergeId})
  SET brought.status = 'OPEN'
  REMOVE brought.mergedBy
}
"""

# Rule 1 after an undo (EVENTS.md rule 4): a person identifier the merged profile brought goes
# back with it alone. The survivor's own evidence for it (its later events carried it too: those
# events stay with the survivor) is removed; a person identifier was never the survivor's before
# the merge, or the two would not have been two customers.
RETURN_PERSON_IDENTIFIERS = """
MATCH (:Customer {id: $mergedId})-[:HAS_IDENTIFIER]->(i:Identifier)
WHERE i.type IN $personTypes
MATCH (:Customer {id: $survivorId})-[r:HAS_IDENTIFIER]->(i)
DELETE r
"""

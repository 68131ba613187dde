"""Every statement of a batch's transaction: its locked reads, its one write (`APPLY_EVENTS`,
put together from `cypher_event.py` and `cypher_merges.py`), the first and last seen it moved,
its carts derived again by `at`, and the recomputation of derived fields. A merge's undo is in
`cypher_merges.py`.

All values are parameters. A batch is written by one statement, `APPLY_EVENTS`:
`UNWIND $events AS e CALL (e) {...}` runs the body once per event, in order, and each run sees
what the runs before it wrote (the Cypher manual: "each execution of a CALL subquery can observe
changes from previous executions"). The row `e` of one event is built by
`write_rows.event_row`; its keys are the names used in the parts.
"""

from __future__ import annotations

from graph.ingest.cypher_event import CLAIM, CONFLICT, CREATE_CUSTOMER, ENVELOPE, PAYLOADS
from graph.ingest.cypher_merges import MERGES

APPLIED_EVENTS = """
UNWIND $ids AS id
MATCH (e:IngestedEvent {id: id})
RETURN collect(e.id) AS ids
"""

# -- the batch's reads, inside its transaction --------------------------------------------------

# Lock every identifier of the batch (in the caller's fixed order, so concurrent batches queue
# instead of deadlocking), creating the ones never seen, and read which customers hold them.
LOCK_IDENTIFIERS = """
UNWIND $refs AS ref
OPTIONAL MATCH (known:Identifier {type: ref.type, value: ref.value})
WITH ref, known IS NOT NULL AS existed
MERGE (i:Identifier {type: ref.type, value: ref.value})
SET i.locked = true
WITH ref, existed, i
OPTIONAL MATCH (i)<-[:HAS_IDENTIFIER]-(c:Customer)
RETURN ref.type + ':' + ref.value AS key, existed, collect(DISTINCT c.id) AS owners
"""

# Lock the customers found, then read what resolution needs. A customer merged away meanwhile no
# longer has the Customer label: a short answer tells the caller to start the batch again.
LOCK_CUSTOMERS = """
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})
SET c.locked = true
RETURN c.id AS id, coalesce(c.anonymous, false) AS anonymous, c.firstSeen AS firstSeen,
       c.lastSeen AS lastSeen,
       [(c)-[:HAS_IDENTIFIER]->(h:Identifier) | h.type + ':' + h.value] AS keys,
       [(c)-[:EARNED_OR_SPENT]->(l) WHERE l:LoyaltyMove OR l:WaitingMove |
        [l.id, l.at, l.points, l.action, l:LoyaltyMove]] AS moves,
       [(c)-[h:HAS_CART]->(k) WHERE h.viaMerges IS NULL AND k.status <> 'MERGED' |
        coalesce(k.checkedOutAt, k.updatedAt)] AS cartTimes
"""

# Lock what the batch's order events wait for or create (one `Awaited` node per order, kept only
# while something waits on it), and read the events stored as waiting for them and whether the
# order exists (`key` is `order:` and its id). A writer that creates an order and one that stores
# a step for it queue on the same node, so no step is ever left waiting for an order that exists,
# and an order read here as missing is not created by anyone else before this batch commits.
LOCK_AWAITED = """
UNWIND $keys AS key
MERGE (a:Awaited {key: key})
SET a.locked = true
RETURN key, [(a)<-[:WAITS_FOR]-(p:PendingEvent) | p.raw] AS waiting,
       EXISTS { (:Order {id: substring(key, size('order:'))}) } AS orderExists
"""

# Keep what still waits (a replay of a waiting event changes nothing) and drop the locks that
# nothing waits on.
STORE_PENDING = """
CALL () {
  UNWIND $pending AS row
  MATCH (a:Awaited {key: row.key})
  MERGE (p:PendingEvent {id: row.eventId})
  ON CREATE SET p.raw = row.raw, p.at = datetime(row.at), p.receivedAt = datetime(),
                p.code = row.code, p.field = row.field, p.message = row.message
  MERGE (p)-[:WAITS_FOR]->(a)
}
CALL () {
  UNWIND $keys AS key
  MATCH (a:Awaited {key: key}) WHERE NOT EXISTS { (a)<-[:WAITS_FOR]-() }
  DELETE a
}
"""

LEDGER_MOVES = """
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})-[:EARNED_OR_SPENT]->(l) WHERE l:LoyaltyMove OR l:WaitingMove
RETURN l.id AS id, l.at AS at, l.points AS points, l.action AS action, l:LoyaltyMove AS counted,
       cid
"""

# The ledger settled by `at` (ledger.settle): a move that stops counting waits as a `WaitingMove`
# (readers see `LoyaltyMove`s only), one that counts again is a `LoyaltyMove` again.
SETTLE_LEDGERS = """
CALL () {
  UNWIND $uncount AS id
  MATCH (l:LoyaltyMove {id: id})
  REMOVE l:LoyaltyMove SET l:WaitingMove
}
CALL () {
  UNWIND $count AS id
  MATCH (l:WaitingMove {id: id})
  REMOVE l:WaitingMove SET l:LoyaltyMove
}
"""


def _customer_c(scope: str, id_expr: str) -> str:
    """`c`, the customer `id_expr` names, live or merged away."""
    return f"""CALL ({scope}) {{
  MATCH (c:Customer {{id: {id_expr}}}) RETURN c
  UNION
  MATCH (c:MergedCustomer {{id: {id_expr}}}) RETURN c
}}"""


# -- the batch's write: one run of the body per event ---------------------------------------------
# (planned once per server, `replan=skip`: see cypher_event.py)

APPLY_EVENTS = (
    "CYPHER replan=skip\nUNWIND $events AS row\n"
    # `e.at` is the event's time as a datetime, parsed once here for every part that writes it
    + "WITH row {.*, at: datetime(row.at)} AS e\nCALL (e) {"
    + CLAIM
    + CREATE_CUSTOMER
    + MERGES
    + CONFLICT
    + "\n  WITH e\n  MATCH (c:Customer {id: e.customerId})"  # the event's customer, once
    + ENVELOPE
    + PAYLOADS
    + "\n}"
)

# Customers' first and last seen, once per batch (`plan._State.widened`: the bounds its events moved, a
# merge's survivor spanning the profile it took in): not once per event, which wrote each
# customer's node as many times as it had events in the batch.
SET_SPANS = (
    """
UNWIND $spans AS row
"""
    + _customer_c("row", "row.id")
    + """
SET c.firstSeen = coalesce(datetime(row.first), c.firstSeen),
    c.lastSeen = coalesce(datetime(row.last), c.lastSeen)
"""
)

# Identifiers the lock created for events that were then rejected: as if they had never come.
DROP_ORPHANS = """
UNWIND $refs AS ref
MATCH (i:Identifier {type: ref.type, value: ref.value})
WHERE NOT EXISTS { (i)--() }
DELETE i
"""

# -- carts by `at` (graph/ingest/carts.py) -------------------------------------------------------

# What a customer's own carts are made of: its own cart changes and checkouts (what a merge
# brought keeps its own carts, for an exact undo), and the prices a new line may fall back on.
CART_FACTS = """
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})
RETURN cid AS id,
  [(c)-[x:CHANGED_CART]->(ch:CartChange) WHERE x.viaMerges IS NULL |
   ch {.id, .at, .action, .sku, .quantity, .unitPrice, .channel, .deviceId}] AS changes,
  [(c)-[p:PLACED]->(o:Order)-[:HAS_STATUS]->(s:OrderStatus)
   WHERE p.viaMerges IS NULL
     AND (s.cartCheckout OR EXISTS { (o)-[:FROM_CART]->(:Cart {checkedOutAt: s.at}) }) |
   {eventId: s.id, at: s.at, orderId: o.id}] AS checkouts,
  COLLECT { MATCH (c)-[x:CHANGED_CART]->(ch:CartChange) WHERE x.viaMerges IS NULL
            MATCH (p:Product {sku: ch.sku}) RETURN DISTINCT [p.sku, p.price] } AS prices
"""

# The customer's own carts, rebuilt as `carts.derive_carts` says; lines a merge brought stay.
REBUILD_CARTS = """
UNWIND $customers AS row
MATCH (c:Customer {id: row.id})
CALL (c, row) {
  MATCH (c)-[h:HAS_CART]->(k:Cart) WHERE h.viaMerges IS NULL AND k.status <> 'MERGED'
  CALL (k) { MATCH (k)-[line:CONTAINS]->() WHERE line.viaMerges IS NULL DELETE line }
  CALL (k) { MATCH (k)-[had:HAD_CHANGE]->() DELETE had }
  CALL (k) { MATCH ()-[from:FROM_CART]->(k) DELETE from }
  WITH k WHERE NOT k.id IN row.keep AND NOT EXISTS { (k)-[:CONTAINS]->() }
  DETACH DELETE k
}
CALL (c, row) {
  UNWIND row.carts AS cart
  MERGE (k:Cart {id: cart.id})
  SET k.status = cart.status, k.updatedAt = cart.updatedAt, k.checkedOutAt = cart.checkedOutAt,
      k.lastChannel = cart.lastChannel, k.lastDeviceId = cart.lastDeviceId
  MERGE (c)-[:HAS_CART]->(k)
  WITH cart, k
  CALL (cart, k) {
    UNWIND cart.changes AS id
    MATCH (x:CartChange {id: id}) CREATE (k)-[:HAD_CHANGE]->(x)
  }
  CALL (cart, k) {
    UNWIND cart.lines AS line
    MATCH (p:Product {sku: line.sku})
    CREATE (k)-[:CONTAINS {quantity: line.quantity, unitPrice: line.unitPrice}]->(p)
  }
  CALL (cart, k) {
    WITH cart, k WHERE cart.orderId IS NOT NULL
    MATCH (o:Order {id: cart.orderId}) CREATE (o)-[:FROM_CART]->(k)
  }
}
"""

# -- derived fields -------------------------------------------------------------------------------

# What derived fields are computed from, for live customers and for profiles merged away (whose
# facts have moved to the survivor, so nothing is left to derive from).
DERIVATION_FACTS = (
    """
UNWIND $ids AS cid
"""
    + _customer_c("cid", "cid")
    + """
CALL (c) {
  // a merged profile keeps its identifiers for an unmerge; they are the survivor's meanwhile
  OPTIONAL MATCH (c:Customer)-[r:HAS_IDENTIFIER]->(i:Identifier)
  RETURN min(r.firstSeen) AS firstSeen, max(r.lastSeen) AS lastSeen,
         collect(DISTINCT [i.type, i.value]) AS identifiers
}
CALL (c) {
  OPTIONAL MATCH (c)-[:EARNED_OR_SPENT]->(l:LoyaltyMove)
  RETURN coalesce(sum(l.points), 0) AS points
}
CALL (c) {
  OPTIONAL MATCH (c)-[:HAS_TRAIT]->(t:TraitValue)
  WITH t ORDER BY t.at DESC, t.eventId DESC
  WITH t.name AS name, collect(t.value)[0] AS value
  RETURN collect([name, value]) AS traits
}
RETURN c.id AS id, firstSeen, lastSeen, identifiers, points, traits, c.traitProps AS traitProps
"""
)

SET_DERIVED = (
    """
UNWIND $rows AS row
"""
    + _customer_c("row", "row.id")
    + """
SET c += row.props
"""
)

"""Every statement of the ingestion pipeline: the batch's locked reads, its one write, the
recomputation of derived fields, and the undo of a merge.

All values are parameters. The only text put together in Python is the list of relationship
types a merge moves (constants below), because Cypher cannot parameterise a relationship type.

A batch is written by one statement, `APPLY_EVENTS`: `UNWIND $events AS e CALL (e) {...}` runs
the body once per event, in order, and each run sees what the runs before it wrote (the Cypher
manual: "each execution of a CALL subquery can observe changes from previous executions"). The
row `e` of one event is built by `write_rows.event_row`; its keys are the names used below.
"""

from __future__ import annotations

from graph.ingest.evidence import ENVELOPE_EVIDENCE, layer

# Relationships from a customer that belong to the person and move with a merge (and back with
# an unmerge). Each moved relationship carries `viaMerges`, the stack of merges that moved it.
# `HAS_IDENTIFIER` does not move: the survivor's one relationship per identifier takes in the
# merged profile's evidence instead (`evidence.py`).
CUSTOMER_FACTS = (
    "USES_DEVICE", "HAS_ACCOUNT", "PLACED", "PERFORMED", "HAS_CART", "CHANGED_CART",
    "OPENED_CASE", "GAVE_CONSENT", "EARNED_OR_SPENT", "HAS_TRAIT", "IN_CONFLICT", "ABSORBED",
)  # fmt: skip

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
# while something waits on it), and read the events stored as waiting for them. A writer that
# creates an order and one that stores a step for it queue on the same node, so no step is ever
# left waiting for an order that exists.
LOCK_AWAITED = """
UNWIND $keys AS key
MERGE (a:Awaited {key: key})
SET a.locked = true
RETURN key, [(a)<-[:WAITS_FOR]-(p:PendingEvent) | p.raw] AS waiting
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

EXISTING_ORDERS = """
UNWIND $ids AS id
MATCH (o:Order {id: id})
RETURN collect(o.id) AS ids
"""

# -- the batch's write: one run of the body per event ---------------------------------------------
#
# Compiling it takes seconds, so it is planned once per server (`replan=skip`) instead of again
# each time the graph quadruples; that is safe because every node is found by a unique key or by
# expanding from one: no pattern gives the planner a label and an unselective indexed property
# to start from (hence `(c)-[:HAS_CART]->(cart) WHERE cart.status = 'OPEN'`, without `:Cart`).

_CLAIM = """
  // the replay guard: its id is all anything reads
  CREATE (:IngestedEvent {id: e.eventId})
  WITH e
  CALL (e) {
    WITH e WHERE e.wasPending
    MATCH (p:PendingEvent {id: e.eventId}) DETACH DELETE p
  }"""

_CREATE_CUSTOMER = """
  CALL (e) {
    WITH e WHERE e.create
    // `locked` is the property concurrent writers set to take the customer's lock
    CREATE (:Customer {id: e.customerId, locked: true, anonymous: true, firstSeen: datetime(e.at),
                       lastSeen: datetime(e.at), loyaltyPoints: 0, loyaltyTier: 'BASIC',
                       searchText: ''})
  }"""


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
_MERGES = (
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
      CREATE (merge:Merge {id: m.mergeId, at: datetime(e.at), eventId: e.eventId,
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

_CONFLICT = """
  CALL (e) {
    WITH e WHERE e.conflict IS NOT NULL
    CREATE (x:IdentityConflict {id: e.conflict.id, at: datetime(e.at), eventId: e.eventId,
                                reason: e.conflict.reason, customerIds: e.conflict.customerIds,
                                identifiers: e.conflict.identifiers})
    WITH e, x
    UNWIND e.conflict.customerIds AS cid
    MATCH (c:Customer {id: cid})
    CREATE (c)-[:IN_CONFLICT]->(x)
  }"""

# What every event does to its customer before its payload.
_ENVELOPE = (
    """
  CALL (e, c) {"""
    + ENVELOPE_EVIDENCE
    + """
    CALL (e, c) {
      UNWIND e.accounts AS account
      MERGE (a:Account {id: account.id})
      ON CREATE SET a.kind = account.kind, a.status = 'ACTIVE', a.createdAt = datetime(e.at)
      // opened when it was first seen, by `at`, whichever event arrived first
      SET a.createdAt = CASE WHEN a.createdAt > datetime(e.at) THEN datetime(e.at)
                             ELSE a.createdAt END
      MERGE (c)-[:HAS_ACCOUNT]->(a)
    }
    CALL (e) {
      WITH e WHERE e.storeId IS NOT NULL
      MERGE (:Store {id: e.storeId})
    }
    CALL (e, c) {
      WITH e, c WHERE e.device IS NOT NULL
      MERGE (d:Device {id: e.device.id})
      ON CREATE SET d.kind = e.device.kind, d.os = e.device.os, d.model = e.device.model,
                    d.appVersion = e.device.appVersion, d.lastSeen = datetime(e.at)
      // a store terminal serves everyone: writing to it on every event would serialise the store
      WITH e, c, d WHERE NOT e.device.terminal
      SET d.kind = e.device.kind, d.os = coalesce(e.device.os, d.os),
          d.model = coalesce(e.device.model, d.model),
          d.appVersion = coalesce(e.device.appVersion, d.appVersion),
          d.lastSeen = CASE WHEN d.lastSeen > datetime(e.at) THEN d.lastSeen
                            ELSE datetime(e.at) END
      MERGE (c)-[:USES_DEVICE]->(d)
    }
  }"""
)

_TRAITS = """
  CALL (e, c) {
    WITH e, c WHERE e.type = 'identify'
    UNWIND e.traits AS trait
    CREATE (c)-[:HAS_TRAIT]->(:TraitValue {name: trait.name, value: trait.value,
                                          at: datetime(e.at), eventId: e.eventId})
  }"""

_INTERACTION = """
  CALL (e, c) {
    WITH e, c WHERE e.type = 'interaction'
    MATCH (ch:Channel {code: e.channel})
    CREATE (c)-[:PERFORMED]->(i:Interaction {id: e.eventId, kind: e.p.kind, channel: e.channel,
           at: datetime(e.at), sku: e.p.sku, query: e.p.query, url: e.p.url, text: e.p.text,
           rating: e.p.rating, durationSeconds: e.p.durationSeconds})-[:ON_CHANNEL]->(ch)
    WITH e, i
    CALL (e, i) {
      WITH e, i WHERE e.storeId IS NOT NULL
      MATCH (s:Store {id: e.storeId}) CREATE (i)-[:AT_STORE]->(s)
    }
    CALL (e, i) {
      WITH e, i WHERE e.deviceId IS NOT NULL
      MATCH (d:Device {id: e.deviceId}) CREATE (i)-[:VIA_DEVICE]->(d)
    }
    CALL (e, i) {
      WITH e, i WHERE e.p.sku IS NOT NULL
      MERGE (p:Product {sku: e.p.sku}) CREATE (i)-[:ABOUT]->(p)
    }
  }"""

_CREATE_ORDER = """
  CALL (e, c) {
    WITH e, c WHERE e.type = 'order' AND NOT e.orderExists
    MATCH (ch:Channel {code: e.channel})
    CREATE (c)-[:PLACED]->(o:Order {id: e.o.orderId, channel: e.channel, status: e.o.status,
            fulfillment: e.o.fulfillment, placedAt: datetime(e.at), updatedAt: datetime(e.at),
            currency: e.o.currency, total: e.o.total, eventId: e.eventId})-[:ON_CHANNEL]->(ch)
    WITH e, o
    UNWIND range(0, size(e.o.lines) - 1) AS n
    WITH o, n, e.o.lines[n] AS line
    MERGE (p:Product {sku: line.sku})
    CREATE (o)-[:CONTAINS {line: n + 1, quantity: line.quantity, unitPrice: line.unitPrice}]->(p)
    // a product first met in a cart or a view has no name yet: the first order line gives it one.
    // Written only then: a write locks the product, and every concurrent batch selling it would
    // queue (or deadlock) behind that lock
    WITH p, line WHERE p.name IS NULL OR p.category IS NULL OR p.price IS NULL
    SET p.name = coalesce(p.name, line.name), p.category = coalesce(p.category, line.category),
        p.price = coalesce(p.price, line.unitPrice)
  }"""

# A status step is kept with its channel and time; the step with the latest `at` is current.
_ORDER_STEP = """
  CALL (e) {
    WITH e WHERE e.type = 'order'
    MATCH (o:Order {id: e.o.orderId})
    CALL (e, o) {
      WITH e, o WHERE e.storeId IS NOT NULL AND NOT EXISTS { (o)-[:AT_STORE]->() }
      MATCH (s:Store {id: e.storeId}) CREATE (o)-[:AT_STORE]->(s)
    }
    CALL (e, o) {
      WITH e, o WHERE e.o.fulfillmentStoreId IS NOT NULL AND NOT EXISTS { (o)-[:FULFILLED_AT]->() }
      MERGE (s:Store {id: e.o.fulfillmentStoreId}) CREATE (o)-[:FULFILLED_AT]->(s)
    }
    CALL (e, o) {
      WITH e, o WHERE e.deviceId IS NOT NULL AND NOT EXISTS { (o)-[:FROM_DEVICE]->() }
      MATCH (d:Device {id: e.deviceId}) CREATE (o)-[:FROM_DEVICE]->(d)
    }
    CREATE (o)-[:HAS_STATUS]->(:OrderStatus {id: e.eventId, status: e.o.status,
                                             channel: e.channel, at: datetime(e.at),
                                             storeId: e.storeId,
                                             cartCheckout: CASE WHEN e.o.cartCheckout THEN true
                                                           END})
    WITH e, o
    MATCH (o)-[:HAS_STATUS]->(s:OrderStatus)
    WITH e, o, s ORDER BY s.at DESC, s.id DESC
    WITH e, o, collect(s)[0] AS current
    SET o.status = current.status, o.updatedAt = current.at,
        o.total = CASE WHEN e.total IS NOT NULL AND datetime(e.at) >= current.at THEN e.total
                       ELSE o.total END,
        o.fulfillment = coalesce(o.fulfillment, e.o.fulfillment)
  }
  CALL (e, c) {
    WITH e, c WHERE e.type = 'order' AND e.o.cartCheckout
    MATCH (c)-[:HAS_CART]->(cart) WHERE cart.status = 'OPEN'
    MATCH (o:Order {id: e.o.orderId})
    SET cart.status = 'CHECKED_OUT', cart.checkedOutAt = datetime(e.at)
    CREATE (o)-[:FROM_CART]->(cart)
  }"""

# A customer always has an open cart after a checkout or a cart change.
_OPEN_CART = """
  CALL (e, c) {
    WITH e, c WHERE (e.type = 'cart' OR (e.type = 'order' AND e.o.cartCheckout))
                AND NOT EXISTS { MATCH (c)-[:HAS_CART]->(cart) WHERE cart.status = 'OPEN' }
    CREATE (c)-[:HAS_CART]->(:Cart {id: 'cart-' + e.eventId, status: 'OPEN',
                                   updatedAt: datetime(e.at)})
  }"""

_CART_CHANGE = """
  CALL (e, c) {
    WITH e, c WHERE e.type = 'cart'
    MATCH (c)-[:HAS_CART]->(cart) WHERE cart.status = 'OPEN'
    WITH e, c, cart ORDER BY cart.updatedAt DESC LIMIT 1
    CREATE (c)-[:CHANGED_CART]->(x:CartChange {id: e.eventId, action: e.p.action, sku: e.p.sku,
            quantity: e.p.quantity, unitPrice: e.p.unitPrice, channel: e.channel,
            at: datetime(e.at), deviceId: e.deviceId})
    CREATE (cart)-[:HAD_CHANGE]->(x)
    SET cart.updatedAt = CASE WHEN cart.updatedAt > datetime(e.at) THEN cart.updatedAt
                              ELSE datetime(e.at) END,
        cart.lastChannel = e.channel, cart.lastDeviceId = coalesce(e.deviceId, cart.lastDeviceId)
    WITH e, cart
    CALL (e, cart) {
      WITH e, cart WHERE e.p.action = 'CLEAR'
      MATCH (cart)-[r:CONTAINS]->() DELETE r
    }
    CALL (e, cart) {
      WITH e, cart WHERE e.p.action = 'REMOVE' OR e.p.action = 'SET_QUANTITY'
      MATCH (cart)-[r:CONTAINS]->(:Product {sku: e.p.sku}) DELETE r
    }
    CALL (e, cart) {
      WITH e, cart WHERE e.p.action = 'ADD' OR (e.p.action = 'SET_QUANTITY' AND e.p.quantity > 0)
      MERGE (p:Product {sku: e.p.sku})
      WITH e, cart, p
      // the customer's own line; a line a merge brought stays as it came, for an exact undo
      OPTIONAL MATCH (cart)-[own:CONTAINS]->(p) WHERE own.viaMerges IS NULL
      CALL (e, cart, p, own) {
        WITH e, cart, p, own WHERE own IS NULL
        CREATE (cart)-[:CONTAINS {quantity: e.p.quantity,
                                  unitPrice: coalesce(e.p.unitPrice, p.price)}]->(p)
      }
      CALL (e, own) {
        WITH e, own WHERE own IS NOT NULL
        // a line holds at most `lineMax` (graph/ingest/limits.py): sums stay an `Int`
        SET own.quantity = CASE WHEN own.quantity + e.p.quantity > e.lineMax THEN e.lineMax
                                ELSE own.quantity + e.p.quantity END,
            own.unitPrice = coalesce(e.p.unitPrice, own.unitPrice)
      }
    }
  }"""

_SUPPORT = """
  CALL (e, c) {
    WITH e, c WHERE e.type = 'support'
    MERGE (s:SupportCase {id: e.p.caseId})
    ON CREATE SET s.openedAt = datetime(e.at), s.status = 'OPEN'
    WITH e, c, s
    CALL (c, s) {
      WITH c, s WHERE NOT EXISTS { (:Customer)-[:OPENED_CASE]->(s) }
      CREATE (c)-[:OPENED_CASE]->(s)
    }
    CREATE (s)-[:HAS_MESSAGE]->(:CaseMessage {id: e.eventId, channel: e.channel,
                                              at: datetime(e.at), text: e.p.text,
                                              action: e.p.action})
    SET s.subject = coalesce(s.subject, e.p.subject),
        s.openedAt = CASE WHEN s.openedAt > datetime(e.at) THEN datetime(e.at) ELSE s.openedAt END
    WITH e, s
    CALL (e, s) {
      WITH e, s WHERE e.p.orderId IS NOT NULL AND NOT EXISTS { (s)-[:CONCERNS]->() }
      MATCH (o:Order {id: e.p.orderId}) CREATE (s)-[:CONCERNS]->(o)
    }
    WITH s
    MATCH (s)-[:HAS_MESSAGE]->(m:CaseMessage)
    WITH s, m ORDER BY m.at DESC, m.id DESC
    WITH s, collect(m) AS messages
    SET s.updatedAt = messages[0].at,
        s.status = CASE [m IN messages WHERE m.action <> 'MESSAGE'][0].action
                     WHEN 'RESOLVE' THEN 'RESOLVED' ELSE 'OPEN' END
  }"""

_CONSENT = """
  CALL (e, c) {
    WITH e, c WHERE e.type = 'consent'
    CREATE (c)-[:GAVE_CONSENT]->(:Consent {id: e.eventId, purpose: e.p.purpose,
            channel: e.p.channel, granted: e.p.granted, at: datetime(e.at),
            documentVersion: e.p.documentVersion, eventChannel: e.channel})
  }"""

_LOYALTY_MOVES = """
  CALL (e, c) {
    UNWIND e.moves AS move
    CREATE (c)-[:EARNED_OR_SPENT]->(:LoyaltyMove {id: move.id, action: move.action,
            points: move.points, channel: e.channel, at: datetime(e.at),
            reference: move.reference})
  }"""

APPLY_EVENTS = (
    "CYPHER replan=skip\nUNWIND $events AS e\nCALL (e) {"
    + _CLAIM
    + _CREATE_CUSTOMER
    + _MERGES
    + _CONFLICT
    + "\n  WITH e\n  MATCH (c:Customer {id: e.customerId})"  # the event's customer, once
    + _ENVELOPE
    + _TRAITS
    + _INTERACTION
    + _CREATE_ORDER
    + _ORDER_STEP
    + _OPEN_CART
    + _CART_CHANGE
    + _SUPPORT
    + _CONSENT
    + _LOYALTY_MOVES
    + "\n}"
)

# Customers' first and last seen, once per batch (`plan._State.widened`: the bounds its events moved, a
# merge's survivor spanning the profile it took in): not once per event, which wrote each
# customer's node as many times as it had events in the batch.
SET_SPANS = """
UNWIND $spans AS row
CALL (row) {
  MATCH (c:Customer {id: row.id}) RETURN c
  UNION
  MATCH (c:MergedCustomer {id: row.id}) RETURN c
}
SET c.firstSeen = coalesce(datetime(row.first), c.firstSeen),
    c.lastSeen = coalesce(datetime(row.last), c.lastSeen)
"""

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
DERIVATION_FACTS = """
UNWIND $ids AS cid
CALL (cid) {
  MATCH (c:Customer {id: cid}) RETURN c
  UNION
  MATCH (c:MergedCustomer {id: cid}) RETURN c
}
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

SET_DERIVED = """
UNWIND $rows AS row
CALL (row) {
  MATCH (c:Customer {id: row.id}) RETURN c
  UNION
  MATCH (c:MergedCustomer {id: row.id}) RETURN c
}
SET c += row.props
"""

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

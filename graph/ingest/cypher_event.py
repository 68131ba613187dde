"""What one event writes, in parts of `APPLY_EVENTS` (`graph/ingest/cypher.py` puts them
together, in this order): the replay guard and a new customer (`CLAIM`, `CREATE_CUSTOMER`), an
identity conflict (`CONFLICT`), the envelope every event writes to its customer (`ENVELOPE`:
identifier evidence, accounts, store, device), then one part per payload (`PAYLOADS`: traits,
interactions, orders and their steps, carts, support, consent, loyalty moves).

Each part runs inside `UNWIND $events AS e CALL (e) {...}` with `e`, the event's row
(`write_rows.event_row`), and after the envelope `c`, its customer; a part that is not for the
event's type filters itself out (`WITH e, c WHERE e.type = ...`).
"""

from __future__ import annotations

from graph.ingest.evidence import ENVELOPE_EVIDENCE

# Compiling it takes seconds, so it is planned once per server (`replan=skip`) instead of again
# each time the graph quadruples; that is safe because every node is found by a unique key or by
# expanding from one: no pattern gives the planner a label and an unselective indexed property
# to start from (hence `(c)-[:HAS_CART]->(cart) WHERE cart.status = 'OPEN'`, without `:Cart`).


CLAIM = """
  // the replay guard: its id is all anything reads
  CREATE (:IngestedEvent {id: e.eventId})
  WITH e
  CALL (e) {
    WITH e WHERE e.wasPending
    MATCH (p:PendingEvent {id: e.eventId}) DETACH DELETE p
  }"""

CREATE_CUSTOMER = """
  CALL (e) {
    WITH e WHERE e.create
    // `locked` is the property concurrent writers set to take the customer's lock
    CREATE (:Customer {id: e.customerId, locked: true, anonymous: true, firstSeen: e.at,
                       lastSeen: e.at, loyaltyPoints: 0, loyaltyTier: 'BASIC',
                       searchText: ''})
  }"""


CONFLICT = """
  CALL (e) {
    WITH e WHERE e.conflict IS NOT NULL
    CREATE (x:IdentityConflict {id: e.conflict.id, at: e.at, eventId: e.eventId,
                                reason: e.conflict.reason, customerIds: e.conflict.customerIds,
                                identifiers: e.conflict.identifiers})
    WITH e, x
    UNWIND e.conflict.customerIds AS cid
    MATCH (c:Customer {id: cid})
    CREATE (c)-[:IN_CONFLICT]->(x)
  }"""

# What every event does to its customer before its payload.
ENVELOPE = (
    """
  CALL (e, c) {"""
    + ENVELOPE_EVIDENCE
    + """
    CALL (e, c) {
      UNWIND e.accounts AS account
      MERGE (a:Account {id: account.id})
      ON CREATE SET a.kind = account.kind, a.status = 'ACTIVE', a.createdAt = e.at
      // opened when it was first seen, by `at`, whichever event arrived first
      SET a.createdAt = CASE WHEN a.createdAt > e.at THEN e.at
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
                    d.appVersion = e.device.appVersion, d.lastSeen = e.at
      // a store terminal serves everyone: writing to it on every event would serialise the store
      WITH e, c, d WHERE NOT e.device.terminal
      SET d.kind = e.device.kind, d.os = coalesce(e.device.os, d.os),
          d.model = coalesce(e.device.model, d.model),
          d.appVersion = coalesce(e.device.appVersion, d.appVersion),
          d.lastSeen = CASE WHEN d.lastSeen > e.at THEN d.lastSeen
                            ELSE e.at END
      MERGE (c)-[:USES_DEVICE]->(d)
    }
  }"""
)

_TRAITS = """
  CALL (e, c) {
    WITH e, c WHERE e.type = 'identify'
    UNWIND e.traits AS trait
    CREATE (c)-[:HAS_TRAIT]->(:TraitValue {name: trait.name, value: trait.value,
                                          at: e.at, eventId: e.eventId})
  }"""

_INTERACTION = """
  CALL (e, c) {
    WITH e, c WHERE e.type = 'interaction'
    MATCH (ch:Channel {code: e.channel})
    CREATE (c)-[:PERFORMED]->(i:Interaction {id: e.eventId, kind: e.p.kind, channel: e.channel,
           at: e.at, sku: e.p.sku, query: e.p.query, url: e.p.url, text: e.p.text,
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
            fulfillment: e.o.fulfillment, placedAt: e.at, updatedAt: e.at,
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
                                             channel: e.channel, at: e.at,
                                             storeId: e.storeId,
                                             cartCheckout: CASE WHEN e.o.cartCheckout THEN true
                                                           END})
    WITH e, o
    MATCH (o)-[:HAS_STATUS]->(s:OrderStatus)
    WITH e, o, s ORDER BY s.at DESC, s.id DESC
    WITH e, o, collect(s)[0] AS current
    SET o.status = current.status, o.updatedAt = current.at,
        o.total = CASE WHEN e.total IS NOT NULL AND e.at >= current.at THEN e.total
                       ELSE o.total END,
        o.fulfillment = coalesce(o.fulfillment, e.o.fulfillment)
  }
  CALL (e, c) {
    WITH e, c WHERE e.type = 'order' AND e.o.cartCheckout
    MATCH (c)-[:HAS_CART]->(cart) WHERE cart.status = 'OPEN'
    MATCH (o:Order {id: e.o.orderId})
    SET cart.status = 'CHECKED_OUT', cart.checkedOutAt = e.at
    CREATE (o)-[:FROM_CART]->(cart)
  }"""

# A customer always has an open cart after a checkout or a cart change.
_OPEN_CART = """
  CALL (e, c) {
    WITH e, c WHERE (e.type = 'cart' OR (e.type = 'order' AND e.o.cartCheckout))
                AND NOT EXISTS { MATCH (c)-[:HAS_CART]->(cart) WHERE cart.status = 'OPEN' }
    CREATE (c)-[:HAS_CART]->(:Cart {id: 'cart-' + e.eventId, status: 'OPEN',
                                   updatedAt: e.at})
  }"""

_CART_CHANGE = """
  CALL (e, c) {
    WITH e, c WHERE e.type = 'cart'
    MATCH (c)-[:HAS_CART]->(cart) WHERE cart.status = 'OPEN'
    WITH e, c, cart ORDER BY cart.updatedAt DESC LIMIT 1
    CREATE (c)-[:CHANGED_CART]->(x:CartChange {id: e.eventId, action: e.p.action, sku: e.p.sku,
            quantity: e.p.quantity, unitPrice: e.p.unitPrice, channel: e.channel,
            at: e.at, deviceId: e.deviceId})
    CREATE (cart)-[:HAD_CHANGE]->(x)
    SET cart.updatedAt = CASE WHEN cart.updatedAt > e.at THEN cart.updatedAt
                              ELSE e.at END,
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
    ON CREATE SET s.openedAt = e.at, s.status = 'OPEN'
    WITH e, c, s
    CALL (c, s) {
      WITH c, s WHERE NOT EXISTS { (:Customer)-[:OPENED_CASE]->(s) }
      CREATE (c)-[:OPENED_CASE]->(s)
    }
    CREATE (s)-[:HAS_MESSAGE]->(:CaseMessage {id: e.eventId, channel: e.channel,
                                              at: e.at, text: e.p.text,
                                              action: e.p.action})
    SET s.subject = coalesce(s.subject, e.p.subject),
        s.openedAt = CASE WHEN s.openedAt > e.at THEN e.at ELSE s.openedAt END
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
            channel: e.p.channel, granted: e.p.granted, at: e.at,
            documentVersion: e.p.documentVersion, eventChannel: e.channel})
  }"""

_LOYALTY_MOVES = """
  CALL (e, c) {
    UNWIND e.moves AS move
    CREATE (c)-[:EARNED_OR_SPENT]->(:LoyaltyMove {id: move.id, action: move.action,
            points: move.points, channel: e.channel, at: e.at,
            reference: move.reference})
  }"""


# The payload parts, in the order they run.
PAYLOADS = (
    _TRAITS
    + _INTERACTION
    + _CREATE_ORDER
    + _ORDER_STEP
    + _OPEN_CART
    + _CART_CHANGE
    + _SUPPORT
    + _CONSENT
    + _LOYALTY_MOVES
)

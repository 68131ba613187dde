"""Every write of the ingestion pipeline, and the reads it makes inside its transactions.

All values are parameters. The only text put together in Python is the list of relationship
types a merge moves (constants below), because Cypher cannot parameterise a relationship type.
"""

from __future__ import annotations

# Relationships from a customer that belong to the person and move with a merge (and back with
# an unmerge). Each moved relationship carries `viaMerges`, the stack of merges that moved it.
CUSTOMER_FACTS = (
    "HAS_IDENTIFIER", "USES_DEVICE", "HAS_ACCOUNT", "PLACED", "PERFORMED", "HAS_CART",
    "CHANGED_CART", "OPENED_CASE", "GAVE_CONSENT", "EARNED_OR_SPENT", "HAS_TRAIT",
    "IN_CONFLICT", "ABSORBED",
)  # fmt: skip

APPLIED_EVENTS = """
UNWIND $ids AS id
MATCH (e:IngestedEvent {id: id})
RETURN collect(e.id) AS ids
"""

# One round trip opens every event: claim its id, lock its identifiers, read their owners and
# what those owners hold.
CLAIM_LOCK_READ = """
CREATE (:IngestedEvent {id: $eventId, type: $type, at: datetime($at), channel: $channel,
                        source: $source, ingestedAt: datetime()})
WITH 1 AS claimed
CALL () {
  UNWIND $refs AS ref
  MERGE (i:Identifier {type: ref.type, value: ref.value})
  SET i.locked = true
}
CALL () {
  UNWIND $refs AS ref
  OPTIONAL MATCH (:Identifier {type: ref.type, value: ref.value})<-[:HAS_IDENTIFIER]-(c:Customer)
  WITH DISTINCT ref, c WHERE c IS NOT NULL
  RETURN collect({type: ref.type, value: ref.value, customerId: c.id,
                  anonymous: coalesce(c.anonymous, false), firstSeen: c.firstSeen,
                  keys: [(c)-[:HAS_IDENTIFIER]->(h:Identifier) | h.type + ':' + h.value]}) AS owners
}
RETURN owners
"""

# A customer merged away meanwhile no longer has the Customer label: the count tells.
LOCK_CUSTOMERS = """
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})
SET c.locked = true
RETURN count(c) AS found
"""

CREATE_CUSTOMER = """
CREATE (c:Customer {id: $id, anonymous: true, firstSeen: datetime($at), lastSeen: datetime($at),
                    loyaltyPoints: 0, loyaltyTier: 'BASIC', searchText: ''})
"""

# Everything an event does to the customer before its payload, in one round trip.
ENVELOPE = """
MATCH (c:Customer {id: $customerId})
// The customer's own evidence for each identifier of the event. Relationships a merge brought
// (`viaMerges`) are never touched again, so undoing the merge gives them back exactly as they were.
CALL (c) {
  UNWIND $refs AS ref
  MATCH (i:Identifier {type: ref.type, value: ref.value})
  WHERE (ref.attach OR EXISTS { (c)-[:HAS_IDENTIFIER]->(i) })
    AND NOT EXISTS { MATCH (c)-[own:HAS_IDENTIFIER]->(i) WHERE own.viaMerges IS NULL }
  CREATE (c)-[:HAS_IDENTIFIER {firstSeen: datetime($at), lastSeen: datetime($at), channels: [],
                               sources: [], eventId: $eventId, linkOf: ref.link}]->(i)
}
CALL (c) {
  UNWIND $accounts AS account
  MERGE (a:Account {id: account.id})
  ON CREATE SET a.kind = account.kind, a.status = 'ACTIVE', a.createdAt = datetime($at)
  MERGE (c)-[:HAS_ACCOUNT]->(a)
}
CALL (c) {
  MATCH (c)-[r:HAS_IDENTIFIER]->(i:Identifier)
  WHERE r.viaMerges IS NULL AND i.type + ':' + i.value IN $keys
  SET r.firstSeen = CASE WHEN r.firstSeen > datetime($at) THEN datetime($at) ELSE r.firstSeen END,
      r.lastSeen = CASE WHEN r.lastSeen < datetime($at) THEN datetime($at) ELSE r.lastSeen END,
      r.channels = CASE WHEN $channel IN r.channels THEN r.channels
                        ELSE r.channels + $channel END,
      r.sources = CASE WHEN $source IS NULL OR $source IN r.sources THEN r.sources
                       ELSE r.sources + $source END,
      // seen again after the merge: the link is the customer's own evidence from now on
      r.linkOf = CASE WHEN r.eventId = $eventId THEN r.linkOf ELSE null END
}
CALL () {
  WITH 1 AS one WHERE $storeId IS NOT NULL
  MERGE (:Store {id: $storeId})
}
CALL (c) {
  WITH c WHERE $device IS NOT NULL
  MERGE (d:Device {id: $device.id})
  ON CREATE SET d.kind = $device.kind, d.os = $device.os, d.model = $device.model,
                d.appVersion = $device.appVersion, d.lastSeen = datetime($at)
  // a store terminal serves everyone: writing to it on every event would serialise the store
  WITH c, d WHERE NOT $device.terminal
  SET d.kind = $device.kind, d.os = coalesce($device.os, d.os),
      d.model = coalesce($device.model, d.model),
      d.appVersion = coalesce($device.appVersion, d.appVersion),
      d.lastSeen = CASE WHEN d.lastSeen > datetime($at) THEN d.lastSeen ELSE datetime($at) END
  MERGE (c)-[u:USES_DEVICE]->(d)
  ON CREATE SET u.firstSeen = datetime($at), u.lastSeen = datetime($at)
  SET u.lastSeen = CASE WHEN u.lastSeen > datetime($at) THEN u.lastSeen ELSE datetime($at) END
}
SET c.firstSeen = CASE WHEN c.firstSeen > datetime($at) THEN datetime($at) ELSE c.firstSeen END,
    c.lastSeen = CASE WHEN c.lastSeen < datetime($at) THEN datetime($at) ELSE c.lastSeen END
"""

# Derived fields, recomputed from the facts after anything that can change them.
REFRESH_CUSTOMER = """
MATCH (c:Customer {id: $customerId})
CALL (c) {
  OPTIONAL MATCH (c)-[r:HAS_IDENTIFIER]->(i:Identifier)
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
RETURN firstSeen, lastSeen, identifiers, points, traits, c.traitProps AS traitProps
"""

SET_DERIVED = """
MATCH (c:Customer {id: $customerId})
SET c += $props
"""

TRAITS = """
MATCH (c:Customer {id: $customerId})
UNWIND $traits AS trait
CREATE (c)-[:HAS_TRAIT]->(:TraitValue {name: trait.name, value: trait.value,
                                      at: datetime($at), eventId: $eventId})
"""

INTERACTION = """
MATCH (c:Customer {id: $customerId})
MATCH (ch:Channel {code: $channel})
CREATE (c)-[:PERFORMED]->(i:Interaction {id: $eventId, kind: $p.kind, channel: $channel,
       at: datetime($at), sku: $p.sku, query: $p.query, url: $p.url, text: $p.text,
       rating: $p.rating, durationSeconds: $p.durationSeconds})-[:ON_CHANNEL]->(ch)
WITH i
CALL (i) {
  WITH i WHERE $storeId IS NOT NULL
  MATCH (s:Store {id: $storeId}) CREATE (i)-[:AT_STORE]->(s)
}
CALL (i) {
  WITH i WHERE $deviceId IS NOT NULL
  MATCH (d:Device {id: $deviceId}) CREATE (i)-[:VIA_DEVICE]->(d)
}
CALL (i) {
  WITH i WHERE $p.sku IS NOT NULL
  MERGE (p:Product {sku: $p.sku}) CREATE (i)-[:ABOUT]->(p)
}
"""

ORDER_EXISTS = "OPTIONAL MATCH (o:Order {id: $orderId}) RETURN o IS NOT NULL AS found"

CREATE_ORDER = """
MATCH (c:Customer {id: $customerId})
MATCH (ch:Channel {code: $channel})
CREATE (c)-[:PLACED]->(o:Order {id: $o.orderId, channel: $channel, status: $o.status,
        fulfillment: $o.fulfillment, placedAt: datetime($at), updatedAt: datetime($at),
        currency: $o.currency, total: $o.total, eventId: $eventId})-[:ON_CHANNEL]->(ch)
WITH o
UNWIND range(0, size($o.lines) - 1) AS n
WITH o, n, $o.lines[n] AS line
MERGE (p:Product {sku: line.sku})
ON CREATE SET p.name = line.name, p.category = line.category, p.price = line.unitPrice
CREATE (o)-[:CONTAINS {line: n + 1, quantity: line.quantity, unitPrice: line.unitPrice}]->(p)
"""

ORDER_LINKS = """
MATCH (o:Order {id: $orderId})
CALL (o) {
  WITH o WHERE $storeId IS NOT NULL AND NOT EXISTS { (o)-[:AT_STORE]->() }
  MATCH (s:Store {id: $storeId}) CREATE (o)-[:AT_STORE]->(s)
}
CALL (o) {
  WITH o WHERE $fulfillmentStoreId IS NOT NULL AND NOT EXISTS { (o)-[:FULFILLED_AT]->() }
  MERGE (s:Store {id: $fulfillmentStoreId}) CREATE (o)-[:FULFILLED_AT]->(s)
}
CALL (o) {
  WITH o WHERE $deviceId IS NOT NULL AND NOT EXISTS { (o)-[:FROM_DEVICE]->() }
  MATCH (d:Device {id: $deviceId}) CREATE (o)-[:FROM_DEVICE]->(d)
}
"""

# A status step is kept with its channel and time; the step with the latest `at` is current.
ORDER_STATUS = """
MATCH (o:Order {id: $orderId})
CREATE (o)-[:HAS_STATUS]->(:OrderStatus {id: $eventId, status: $status, channel: $channel,
                                         at: datetime($at), storeId: $storeId})
WITH o
MATCH (o)-[:HAS_STATUS]->(s:OrderStatus)
WITH o, s ORDER BY s.at DESC, s.id DESC
WITH o, collect(s)[0] AS current
SET o.status = current.status, o.updatedAt = current.at,
    o.total = CASE WHEN $total IS NOT NULL AND datetime($at) >= current.at THEN $total
                   ELSE o.total END,
    o.fulfillment = coalesce(o.fulfillment, $fulfillment)
"""

CHECKOUT_CART = """
MATCH (c:Customer {id: $customerId})-[:HAS_CART]->(cart:Cart {status: 'OPEN'})
MATCH (o:Order {id: $orderId})
SET cart.status = 'CHECKED_OUT', cart.checkedOutAt = datetime($at)
CREATE (o)-[:FROM_CART]->(cart)
"""

OPEN_CART = """
MATCH (c:Customer {id: $customerId})
OPTIONAL MATCH (c)-[:HAS_CART]->(open:Cart {status: 'OPEN'})
WITH c, open ORDER BY open.updatedAt DESC
WITH c, collect(open)[0] AS open
CALL (c, open) {
  WITH c WHERE open IS NULL
  CREATE (c)-[:HAS_CART]->(cart:Cart {id: $newId, status: 'OPEN', updatedAt: datetime($at)})
  RETURN cart
  UNION
  WITH open WHERE open IS NOT NULL
  RETURN open AS cart
}
RETURN cart.id AS cartId
"""

CART_CHANGE = """
MATCH (c:Customer {id: $customerId})
MATCH (cart:Cart {id: $cartId})
CREATE (c)-[:CHANGED_CART]->(x:CartChange {id: $eventId, action: $p.action, sku: $p.sku,
        quantity: $p.quantity, unitPrice: $p.unitPrice, channel: $channel, at: datetime($at)})
CREATE (cart)-[:HAD_CHANGE]->(x)
SET cart.updatedAt = CASE WHEN cart.updatedAt > datetime($at) THEN cart.updatedAt
                          ELSE datetime($at) END,
    cart.lastChannel = $channel, cart.lastDeviceId = coalesce($deviceId, cart.lastDeviceId)
WITH cart
CALL (cart) {
  WITH cart WHERE $p.action = 'CLEAR'
  MATCH (cart)-[r:CONTAINS]->() DELETE r
}
CALL (cart) {
  WITH cart WHERE $p.action = 'REMOVE' OR ($p.action = 'SET_QUANTITY' AND $p.quantity = 0)
  MATCH (cart)-[r:CONTAINS]->(:Product {sku: $p.sku}) DELETE r
}
CALL (cart) {
  WITH cart WHERE $p.action = 'SET_QUANTITY' AND $p.quantity > 0
  MATCH (cart)-[r:CONTAINS]->(:Product {sku: $p.sku}) DELETE r
}
CALL (cart) {
  WITH cart WHERE $p.action = 'ADD' OR ($p.action = 'SET_QUANTITY' AND $p.quantity > 0)
  MERGE (p:Product {sku: $p.sku})
  WITH cart, p
  // the customer's own line; a line a merge brought stays as it came, for an exact undo
  OPTIONAL MATCH (cart)-[own:CONTAINS]->(p) WHERE own.viaMerges IS NULL
  CALL (cart, p, own) {
    WITH cart, p, own WHERE own IS NULL
    CREATE (cart)-[:CONTAINS {quantity: $p.quantity,
                              unitPrice: coalesce($p.unitPrice, p.price)}]->(p)
  }
  CALL (own) {
    WITH own WHERE own IS NOT NULL
    SET own.quantity = own.quantity + $p.quantity,
        own.unitPrice = coalesce($p.unitPrice, own.unitPrice)
  }
}
"""

SUPPORT = """
MATCH (c:Customer {id: $customerId})
MERGE (s:SupportCase {id: $p.caseId})
ON CREATE SET s.openedAt = datetime($at), s.status = 'OPEN'
WITH c, s
CALL (c, s) {
  WITH c, s WHERE NOT EXISTS { (:Customer)-[:OPENED_CASE]->(s) }
  CREATE (c)-[:OPENED_CASE]->(s)
}
CREATE (s)-[:HAS_MESSAGE]->(:CaseMessage {id: $eventId, channel: $channel, at: datetime($at),
                                          text: $p.text, action: $p.action})
SET s.subject = coalesce(s.subject, $p.subject),
    s.openedAt = CASE WHEN s.openedAt > datetime($at) THEN datetime($at) ELSE s.openedAt END
WITH s
CALL (s) {
  WITH s WHERE $p.orderId IS NOT NULL AND NOT EXISTS { (s)-[:CONCERNS]->() }
  MATCH (o:Order {id: $p.orderId}) CREATE (s)-[:CONCERNS]->(o)
}
WITH s
MATCH (s)-[:HAS_MESSAGE]->(m:CaseMessage)
WITH s, m ORDER BY m.at DESC, m.id DESC
WITH s, collect(m) AS messages
SET s.updatedAt = messages[0].at,
    s.status = CASE [m IN messages WHERE m.action <> 'MESSAGE'][0].action
                 WHEN 'RESOLVE' THEN 'RESOLVED' ELSE 'OPEN' END
"""

CONSENT = """
MATCH (c:Customer {id: $customerId})
CREATE (c)-[:GAVE_CONSENT]->(:Consent {id: $eventId, purpose: $p.purpose, channel: $p.channel,
        granted: $p.granted, at: datetime($at), documentVersion: $p.documentVersion,
        eventChannel: $channel})
"""

LOYALTY_BALANCE = """
MATCH (c:Customer {id: $customerId})
OPTIONAL MATCH (c)-[:EARNED_OR_SPENT]->(l:LoyaltyMove)
RETURN coalesce(sum(l.points), 0) AS points
"""

LOYALTY_MOVES = """
MATCH (c:Customer {id: $customerId})
UNWIND $moves AS move
CREATE (c)-[:EARNED_OR_SPENT]->(:LoyaltyMove {id: move.id, action: move.action,
        points: move.points, channel: $channel, at: datetime($at), reference: move.reference})
"""

CONFLICT = """
CREATE (x:IdentityConflict {id: $id, at: datetime($at), eventId: $eventId, reason: $reason,
                            customerIds: $customerIds, identifiers: $identifiers})
WITH x
UNWIND $customerIds AS cid
MATCH (c:Customer {id: cid})
CREATE (c)-[:IN_CONFLICT]->(x)
"""

RECORD_MERGE = """
MATCH (s:Customer {id: $survivorId}), (m:Customer {id: $mergedId})
CREATE (merge:Merge {id: $mergeId, at: datetime($at), eventId: $eventId, survivorId: $survivorId,
                     mergedId: $mergedId, linkedBy: $linkedBy})
CREATE (s)-[:ABSORBED]->(merge)
CREATE (m)-[:MERGED_INTO {mergeId: $mergeId}]->(s)
REMOVE m:Customer
SET m:MergedCustomer, m.mergedInto = $survivorId
"""


def _moves(source: str, target: str, tag: str) -> str:
    return "\n".join(
        f"""CALL ({source}, {target}) {{
  MATCH ({source})-[r:{rel}]->(x){tag}
  CREATE ({target})-[moved:{rel}]->(x)
  SET moved = properties(r), moved.viaMerges = {{viaMerges}}
  DELETE r
}}"""
        for rel in CUSTOMER_FACTS
    )


# A customer has one open cart. On a merge the merged profile's open cart is folded into the
# survivor's (created if needed): its items are copied, tagged with the merge, and the cart itself
# is closed as MERGED. Undo removes exactly the tagged items and opens that cart again, so what
# the survivor added after the merge stays in the survivor's cart.
FOLD_CART = """
MATCH (m:Customer {id: $mergedId})-[:HAS_CART]->(brought:Cart {status: 'OPEN'})
MATCH (s:Customer {id: $survivorId})
OPTIONAL MATCH (s)-[:HAS_CART]->(open:Cart {status: 'OPEN'})
WITH brought, s, open ORDER BY open.updatedAt DESC
WITH brought, s, collect(open)[0] AS open
CALL (s, open, brought) {
  WITH s, open, brought WHERE open IS NULL
  CREATE (s)-[:HAS_CART]->(cart:Cart {id: 'cart-' + $mergeId, status: 'OPEN',
                                      updatedAt: brought.updatedAt,
                                      lastChannel: brought.lastChannel})
  RETURN cart
  UNION
  WITH open WHERE open IS NOT NULL
  RETURN open AS cart
}
SET cart.updatedAt = CASE WHEN cart.updatedAt > brought.updatedAt THEN cart.updatedAt
                          ELSE brought.updatedAt END
WITH brought, cart
CALL (brought, cart) {
  MATCH (brought)-[item:CONTAINS]->(p:Product)
  CREATE (cart)-[copy:CONTAINS]->(p)
  SET copy = properties(item), copy.viaMerges = [$mergeId]
}
SET brought.status = 'MERGED', brought.mergedBy = $mergeId
"""

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

# The survivor's evidence for the identifiers that caused the merge, recorded by the merging
# event and not seen since: the inference being undone.
DROP_LINK_EVIDENCE = """
MATCH (:Customer {id: $survivorId})-[r:HAS_IDENTIFIER {linkOf: $mergeId}]->(:Identifier)
DELETE r
"""

# Move every fact of the merged profile to the survivor, each tagged with the merge.
MOVE_FACTS = "MATCH (m:Customer {id: $mergedId}), (s:Customer {id: $survivorId})\n" + _moves(
    "m", "s", ""
).replace("{viaMerges}", "coalesce(r.viaMerges, []) + $mergeId")

# Undo `MOVE_FACTS`: what the merge moved goes back; what reached the survivor later stays.
RESTORE_FACTS = "MATCH (s:Customer {id: $survivorId}), (m:Customer {id: $mergedId})\n" + _moves(
    "s", "m", " WHERE r.viaMerges IS NOT NULL AND r.viaMerges[-1] = $mergeId"
).replace("{viaMerges}", "CASE size(r.viaMerges) WHEN 1 THEN null ELSE r.viaMerges[..-1] END")


FIND_MERGE = """
MATCH (merge:Merge {id: $mergeId})
RETURN merge {.*} AS merge, EXISTS { (:Customer {id: merge.survivorId}) } AS survivorLive
"""

UNDO_MERGE = """
MATCH (merge:Merge {id: $mergeId})
MATCH (m:MergedCustomer {id: merge.mergedId})-[into:MERGED_INTO]->(:Customer {id: merge.survivorId})
DELETE into
REMOVE m:MergedCustomer, m.mergedInto
SET m:Customer, merge.undoneAt = datetime()
"""

"""The seed's write statements: the catalogue up front, the check for customers already in the
graph, and one `UNWIND $rows` statement per node kind of `rows.KINDS`."""

from __future__ import annotations

CATALOGUE = (
    "UNWIND $products AS row MERGE (p:Product {sku: row.sku}) SET p += row",
    "UNWIND $stores AS row MERGE (s:Store {id: row.id}) SET s += row",
    "UNWIND $terminals AS row MERGE (d:Device {id: row.id}) SET d += row",
)

EXISTING = "UNWIND $ids AS cid MATCH (c:Customer {id: cid}) RETURN collect(cid) AS ids"

# Times travel as Unix seconds and become DATETIMEs in Cypher: the driver's per-value conversion
# of Python datetimes costs more client CPU than everything else here together.
# Relationships are CREATEd: every statement below only ever sees customers that did not exist
# when the transaction started (see `writer._apply_batch`), so nothing they create can already
# exist.
# Properties are listed one by one (`SET n = map` would make the planner add Eager operators).
STATEMENTS: dict[str, str] = {
    "customers": """
UNWIND $rows AS row
CREATE (:Customer {id: row.id, givenName: row.givenName, familyName: row.familyName,
  birthDate: row.birthDate, locale: row.locale, addressLine1: row.addressLine1,
  addressCity: row.addressCity, addressPostalCode: row.addressPostalCode,
  addressCountry: row.addressCountry, sizesJson: row.sizesJson,
  preferencesJson: row.preferencesJson, anonymous: row.anonymous,
  firstSeen: datetime({epochSeconds: row.firstSeen}),
  lastSeen: datetime({epochSeconds: row.lastSeen}), loyaltyPoints: row.loyaltyPoints,
  loyaltyTier: row.loyaltyTier, searchText: row.searchText})""",
    "identifiers": """
UNWIND $rows AS row
MATCH (c:Customer {id: row.customerId})
MERGE (i:Identifier {type: row.type, value: row.value})
CREATE (c)-[:HAS_IDENTIFIER {firstSeen: datetime({epochSeconds: row.firstSeen}),
  lastSeen: datetime({epochSeconds: row.lastSeen})}]->(i)""",
    "devices": """
UNWIND $rows AS row
MATCH (c:Customer {id: row.customerId})
MERGE (d:Device {id: row.device.id})
ON CREATE SET d.kind = row.device.kind, d.os = row.device.os, d.model = row.device.model,
  d.lastSeen = datetime({epochSeconds: row.device.lastSeen})
CREATE (c)-[:USES_DEVICE {firstSeen: datetime({epochSeconds: row.firstSeen}),
  lastSeen: datetime({epochSeconds: row.lastSeen})}]->(d)""",
    "accounts": """
UNWIND $rows AS row
MATCH (c:Customer {id: row.customerId})
CREATE (c)-[:HAS_ACCOUNT]->(:Account {id: row.id, kind: row.kind, status: row.status,
  createdAt: datetime({epochSeconds: row.createdAt})})""",
    "orders": """
UNWIND $rows AS row
MATCH (c:Customer {id: row.customerId})
MATCH (ch:Channel {code: row.channel})
CREATE (c)-[:PLACED]->(o:Order {id: row.id, channel: row.channel, status: row.status,
  fulfillment: row.fulfillment, placedAt: datetime({epochSeconds: row.placedAt}),
  updatedAt: datetime({epochSeconds: row.updatedAt}), currency: row.currency,
  total: row.total})-[:ON_CHANNEL]->(ch)
WITH o, row
CALL (o, row) {
  UNWIND row.lines AS line
  MATCH (p:Product {sku: line.sku})
  CREATE (o)-[:CONTAINS {line: line.line, quantity: line.quantity, unitPrice: line.unitPrice}]->(p)
}
CALL (o, row) {
  UNWIND row.statuses AS step
  CREATE (o)-[:HAS_STATUS]->(:OrderStatus {id: step.id, status: step.status,
    channel: step.channel, at: datetime({epochSeconds: step.at}), storeId: step.storeId})
}
CALL (o, row) { MATCH (s:Store {id: row.storeId}) CREATE (o)-[:AT_STORE]->(s) }
CALL (o, row) { MATCH (s:Store {id: row.fulfillmentStoreId}) CREATE (o)-[:FULFILLED_AT]->(s) }
CALL (o, row) { MATCH (d:Device {id: row.deviceId}) CREATE (o)-[:FROM_DEVICE]->(d) }""",
    "interactions": """
UNWIND $rows AS row
MATCH (c:Customer {id: row.customerId})
MATCH (ch:Channel {code: row.channel})
CREATE (c)-[:PERFORMED]->(i:Interaction {id: row.id, kind: row.kind, channel: row.channel,
  at: datetime({epochSeconds: row.at}), sku: row.sku, query: row.query, url: row.url,
  text: row.text, rating: row.rating, durationSeconds: row.durationSeconds})-[:ON_CHANNEL]->(ch)
WITH i, row
CALL (i, row) { MATCH (p:Product {sku: row.sku}) CREATE (i)-[:ABOUT]->(p) }
CALL (i, row) { MATCH (s:Store {id: row.storeId}) CREATE (i)-[:AT_STORE]->(s) }
CALL (i, row) { MATCH (d:Device {id: row.deviceId}) CREATE (i)-[:VIA_DEVICE]->(d) }""",
    "carts": """
UNWIND $rows AS row
MATCH (c:Customer {id: row.customerId})
CREATE (c)-[:HAS_CART]->(cart:Cart {id: row.id, status: row.status,
  updatedAt: datetime({epochSeconds: row.updatedAt}), lastChannel: row.lastChannel,
  lastDeviceId: row.lastDeviceId})
WITH c, cart, row
CALL (cart, row) {
  UNWIND row.items AS item
  MATCH (p:Product {sku: item.sku})
  CREATE (cart)-[:CONTAINS {quantity: item.quantity, unitPrice: item.unitPrice}]->(p)
}
CALL (c, cart, row) {
  UNWIND row.changes AS change
  CREATE (c)-[:CHANGED_CART]->(:CartChange {id: change.id, action: change.action,
    sku: change.sku, quantity: change.quantity, unitPrice: change.unitPrice,
    channel: change.channel, at: datetime({epochSeconds: change.at})})<-[:HAD_CHANGE]-(cart)
}""",
    "cases": """
UNWIND $rows AS row
MATCH (c:Customer {id: row.customerId})
CREATE (c)-[:OPENED_CASE]->(s:SupportCase {id: row.id, status: row.status, subject: row.subject,
  openedAt: datetime({epochSeconds: row.openedAt}),
  updatedAt: datetime({epochSeconds: row.updatedAt})})
WITH s, row
CALL (s, row) {
  UNWIND row.messages AS message
  CREATE (s)-[:HAS_MESSAGE]->(:CaseMessage {id: message.id, channel: message.channel,
    at: datetime({epochSeconds: message.at}), text: message.text, action: message.action})
}
CALL (s, row) { MATCH (o:Order {id: row.orderId}) CREATE (s)-[:CONCERNS]->(o) }""",
    "consents": """
UNWIND $rows AS row
MATCH (c:Customer {id: row.customerId})
CREATE (c)-[:GAVE_CONSENT]->(:Consent {id: row.id, purpose: row.purpose, channel: row.channel,
  granted: row.granted, at: datetime({epochSeconds: row.at}),
  documentVersion: row.documentVersion, eventChannel: row.eventChannel})""",
    "loyalty": """
UNWIND $rows AS row
MATCH (c:Customer {id: row.customerId})
CREATE (c)-[:EARNED_OR_SPENT]->(:LoyaltyMove {id: row.id, action: row.action,
  points: row.points, channel: row.channel, at: datetime({epochSeconds: row.at}),
  reference: row.reference})""",
}

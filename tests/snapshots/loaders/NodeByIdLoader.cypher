// in: NodeByIdLoader keys=['c-1'] arguments={}
// params: {"ids": ["c-1"]}
UNWIND $ids AS nid
CALL (nid) {
  MATCH (c:Customer {id: nid})
  RETURN 'Customer' AS type, c {.*, personalizationRefused: COUNT {
  MATCH (c)-[:GAVE_CONSENT]->(c_x:Consent {purpose: 'PERSONALIZATION'})
  WHERE NOT c_x.granted AND NOT EXISTS {
    MATCH (c)-[:GAVE_CONSENT]->(c_y:Consent {purpose: 'PERSONALIZATION', channel: c_x.channel})
    WHERE c_y.at > c_x.at OR (c_y.at = c_x.at AND c_y.id > c_x.id)
  }
} > 0} AS item, 1 AS rank
  UNION ALL
  MATCH (o:Order {id: nid}) RETURN 'Order' AS type, o {.*, customerId: head([(c:Customer)-[:PLACED]->(o) | c.id]),
  storeId: head([(o)-[:AT_STORE]->(s:Store) | s.id]),
  fulfillmentStoreId: head([(o)-[:FULFILLED_AT]->(f:Store) | f.id]),
  deviceId: head([(o)-[:FROM_DEVICE]->(d:Device) | d.id])} AS item, 2 AS rank
  UNION ALL
  MATCH (p:Product {sku: nid}) RETURN 'Product' AS type, p {.*} AS item, 3 AS rank
  UNION ALL
  MATCH (s:Store {id: nid}) RETURN 'Store' AS type, s {.*} AS item, 4 AS rank
  UNION ALL
  MATCH (d:Device {id: nid}) RETURN 'Device' AS type, d {.*} AS item, 5 AS rank
  UNION ALL
  MATCH (a:Account {id: nid}) RETURN 'Account' AS type, a {.*} AS item, 6 AS rank
  UNION ALL
  MATCH (i:Interaction {id: nid})
  RETURN 'Interaction' AS type, i {.*, storeId: head([(i)-[:AT_STORE]->(s:Store) | s.id]),
  deviceId: head([(i)-[:VIA_DEVICE]->(d:Device) | d.id])} AS item, 7 AS rank
  UNION ALL
  MATCH (s:SupportCase {id: nid})
  CALL (s) {
    OPTIONAL MATCH (s)-[:HAS_MESSAGE]->(m:CaseMessage)
    WITH m ORDER BY m.at, m.id
    RETURN collect(m {.*}) AS messages
  }
  RETURN 'SupportCase' AS type,
         s {.*, messages: messages, orderId: head([(s)-[:CONCERNS]->(o:Order) | o.id])} AS item,
         8 AS rank
}
WITH nid, type, item ORDER BY rank
WITH nid, collect({type: type, item: item})[0] AS found
RETURN nid AS key, found

// in: LapsedCustomersByStoreLoader keys=['store-lisbon-1'] arguments={'days': 90, 'limit': 20}
// params: {"cutoff": "<now minus days>", "ids": ["store-lisbon-1"], "limit": 20}
UNWIND $ids AS sid
MATCH (s:Store {id: sid})
CALL (s) {
  MATCH (s)<-[:AT_STORE|FULFILLED_AT]-(:Order)<-[:PLACED]-(c:Customer)
  WITH DISTINCT c
  CALL (c) { MATCH (c)-[:PLACED]->(o:Order) RETURN max(o.placedAt) AS lastOrder }
  WITH c, lastOrder WHERE lastOrder < datetime($cutoff)
  ORDER BY lastOrder DESC, c.id LIMIT $limit
  RETURN collect(c {.*, personalizationRefused: COUNT {
  MATCH (c)-[:GAVE_CONSENT]->(c_x:Consent {purpose: 'PERSONALIZATION'})
  WHERE NOT c_x.granted AND NOT EXISTS {
    MATCH (c)-[:GAVE_CONSENT]->(c_y:Consent {purpose: 'PERSONALIZATION', channel: c_x.channel})
    WHERE c_y.at > c_x.at OR (c_y.at = c_x.at AND c_y.id > c_x.id)
  }
} > 0}) AS items
}
RETURN sid AS key, items

// in: CustomerByIdentifierLoader keys=[('PHONE', '+351912345678')] arguments={}
// params: {"keys": [["PHONE", "+351912345678"]]}
UNWIND $keys AS k
MATCH (:Identifier {type: k[0], value: k[1]})<-[:HAS_IDENTIFIER]-(c:Customer)
WITH k, c ORDER BY c.lastSeen DESC, c.id
WITH k, collect(c)[0] AS c
RETURN k AS key, c {.*, personalizationRefused: COUNT {
  MATCH (c)-[:GAVE_CONSENT]->(c_x:Consent {purpose: 'PERSONALIZATION'})
  WHERE NOT c_x.granted AND NOT EXISTS {
    MATCH (c)-[:GAVE_CONSENT]->(c_y:Consent {purpose: 'PERSONALIZATION', channel: c_x.channel})
    WHERE c_y.at > c_x.at OR (c_y.at = c_x.at AND c_y.id > c_x.id)
  }
} > 0} AS customer

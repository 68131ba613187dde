// in: StoreCustomerLoader keys=[('store-lisbon-1', 'c-1')] arguments={}
// params: {"keys": [["store-lisbon-1", "c-1"]]}
UNWIND $keys AS k
OPTIONAL MATCH (live:Customer {id: k[1]})
OPTIONAL MATCH (:MergedCustomer {id: k[1]})-[:MERGED_INTO*1..32]->(survivor:Customer)
WITH k, coalesce(live, survivor) AS c
WHERE c IS NOT NULL AND (
  EXISTS { (c)-[:PERFORMED]->(:Interaction)-[:AT_STORE]->(:Store {id: k[0]}) }
  OR EXISTS { (c)-[:PLACED]->(:Order)-[:AT_STORE|FULFILLED_AT]->(:Store {id: k[0]}) }
)
RETURN k AS key, c {.*, personalizationRefused: COUNT {
  MATCH (c)-[:GAVE_CONSENT]->(c_x:Consent {purpose: 'PERSONALIZATION'})
  WHERE NOT c_x.granted AND NOT EXISTS {
    MATCH (c)-[:GAVE_CONSENT]->(c_y:Consent {purpose: 'PERSONALIZATION', channel: c_x.channel})
    WHERE c_y.at > c_x.at OR (c_y.at = c_x.at AND c_y.id > c_x.id)
  }
} > 0} AS customer

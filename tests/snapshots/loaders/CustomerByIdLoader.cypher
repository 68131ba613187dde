// in: CustomerByIdLoader keys=['c-1', 'c-2'] arguments={}
// params: {"ids": ["c-1", "c-2"]}
UNWIND $ids AS cid
OPTIONAL MATCH (live:Customer {id: cid})
OPTIONAL MATCH (:MergedCustomer {id: cid})-[:MERGED_INTO*1..32]->(survivor:Customer)
WITH cid, coalesce(live, survivor) AS c
WHERE c IS NOT NULL
RETURN cid AS key, c {.*, personalizationRefused: COUNT {
  MATCH (c)-[:GAVE_CONSENT]->(c_x:Consent {purpose: 'PERSONALIZATION'})
  WHERE NOT c_x.granted AND NOT EXISTS {
    MATCH (c)-[:GAVE_CONSENT]->(c_y:Consent {purpose: 'PERSONALIZATION', channel: c_x.channel})
    WHERE c_y.at > c_x.at OR (c_y.at = c_x.at AND c_y.id > c_x.id)
  }
} > 0} AS customer

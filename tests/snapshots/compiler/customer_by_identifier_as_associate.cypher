// in: (associate) { customerByIdentifier(type: PHONE, value: "+351 912 345 678") { givenName identifiers { type value } } }
// params: {"p0_type": "PHONE", "p0_value": "+351912345678"}
CALL () {
  MATCH (:Identifier {type: $p0_type, value: $p0_value})<-[:HAS_IDENTIFIER]-(v1:Customer) WITH DISTINCT v1 ORDER BY v1.lastSeen DESC, v1.id LIMIT 1 CALL (v1) { MATCH (v1)-[v2_r:HAS_IDENTIFIER]->(v2:Identifier) WITH v2, min(v2_r.firstSeen) AS v2_first, max(v2_r.lastSeen) AS v2_last  RETURN collect(v2 {type: v2.type, value: v2.value}) AS v2_out } RETURN head(collect(v1 {id: v1.id, givenName: v1.givenName, identifiers: v2_out})) AS r0
}
RETURN r0

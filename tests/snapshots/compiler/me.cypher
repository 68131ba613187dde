// in: (customer) { me { id givenName } }
// params: {"p0_id": "c-1"}
CALL () {
  OPTIONAL MATCH (v1_live:Customer {id: $p0_id}) OPTIONAL MATCH (:MergedCustomer {id: $p0_id})-[:MERGED_INTO*1..32]->(v1_survivor:Customer) WITH coalesce(v1_live, v1_survivor) AS v1 WHERE v1 IS NOT NULL WITH v1 LIMIT 1  RETURN head(collect(v1 {id: v1.id, givenName: v1.givenName})) AS r0
}
RETURN r0

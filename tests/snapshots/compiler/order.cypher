// in: (agent) { order(id: "o-1") { id status journey } }
// params: {"p0_id": "o-1"}
CALL () {
  MATCH (v1:Order {id: $p0_id}) WITH v1 LIMIT 1 CALL (v1) { MATCH (v1)-[:HAS_STATUS]->(v2:OrderStatus) WITH v2 ORDER BY v2.at, v2.id  RETURN collect(v2 {.status, .channel, .storeId}) AS v2_out } RETURN head(collect(v1 {id: v1.id, placedAt: v1.placedAt, status: v1.status, journeySteps: v2_out, fulfillmentStoreId: head([(v1)-[:FULFILLED_AT]->(v1_f:Store) | v1_f.id])})) AS r0
}
RETURN r0

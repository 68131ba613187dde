// in: SupportCasesByCustomerLoader keys=['c-1', 'c-2'] arguments={}
// params: {"ids": ["c-1", "c-2"]}
UNWIND $ids AS cid
MATCH (:Customer {id: cid})-[:OPENED_CASE]->(s:SupportCase)
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_MESSAGE]->(m:CaseMessage)
  WITH m ORDER BY m.at, m.id
  RETURN collect(m {.*}) AS messages
}
OPTIONAL MATCH (s)-[:CONCERNS]->(o:Order)
WITH cid, s, o, messages ORDER BY s.openedAt DESC, s.id
RETURN cid AS key, collect(s {.*, orderId: o.id, messages: messages}) AS items

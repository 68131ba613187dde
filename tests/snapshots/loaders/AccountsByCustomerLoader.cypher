// in: AccountsByCustomerLoader keys=['c-1', 'c-2'] arguments={}
// params: {"ids": ["c-1", "c-2"]}
UNWIND $ids AS cid
MATCH (:Customer {id: cid})-[:HAS_ACCOUNT]->(a:Account)
WITH DISTINCT cid, a ORDER BY a.kind, a.id
RETURN cid AS key, collect(a {.*}) AS items

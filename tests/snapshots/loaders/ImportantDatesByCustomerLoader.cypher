// in: ImportantDatesByCustomerLoader keys=['c-1', 'c-2'] arguments={}
// params: {"ids": ["c-1", "c-2"]}
UNWIND $ids AS cid
MATCH (:Customer {id: cid})<-[:MERGED_INTO*0..32]-(profile)-[:HAS_DATE]->(d:ImportantDate)
WITH DISTINCT cid, d ORDER BY d.date, d.kind, d.id
RETURN cid AS key, collect(d {.*}) AS items

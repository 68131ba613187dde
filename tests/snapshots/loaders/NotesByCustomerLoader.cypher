// in: NotesByCustomerLoader keys=['c-1', 'c-2'] arguments={}
// params: {"ids": ["c-1", "c-2"]}
UNWIND $ids AS cid
MATCH (:Customer {id: cid})<-[:MERGED_INTO*0..32]-(profile)-[:HAS_NOTE]->(n:Note)
WITH DISTINCT cid, n ORDER BY n.at DESC, n.id DESC
RETURN cid AS key, collect(n {.*}) AS items

// in: MergesByCustomerLoader keys=['c-1', 'c-2'] arguments={}
// params: {"ids": ["c-1", "c-2"]}
UNWIND $ids AS cid
MATCH (:Customer {id: cid})-[:ABSORBED]->(m:Merge)
WHERE m.undoneAt IS NULL
WITH cid, m ORDER BY m.at, m.id
RETURN cid AS key, collect(m {.*, linkedBy: [k IN coalesce(m.linkedBy, []) | {type: split(k, ':')[0], value: substring(k, size(split(k, ':')[0]) + 1)}]}) AS items

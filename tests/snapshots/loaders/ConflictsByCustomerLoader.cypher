// in: ConflictsByCustomerLoader keys=['c-1', 'c-2'] arguments={}
// params: {"ids": ["c-1", "c-2"]}
UNWIND $ids AS cid
MATCH (:Customer {id: cid})-[:IN_CONFLICT]->(x:IdentityConflict)
WITH DISTINCT cid, x ORDER BY x.at, x.id
RETURN cid AS key, collect(x {.*, identifiers: [k IN coalesce(x.identifiers, []) | {type: split(k, ':')[0], value: substring(k, size(split(k, ':')[0]) + 1)}]}) AS items

// in: DevicesByCustomerLoader keys=['c-1', 'c-2'] arguments={}
// params: {"ids": ["c-1", "c-2"]}
UNWIND $ids AS cid
MATCH (:Customer {id: cid})-[:USES_DEVICE]->(d:Device)
WITH DISTINCT cid, d ORDER BY d.lastSeen DESC, d.id
RETURN cid AS key, collect(d {.*}) AS items

// in: ConsentsByCustomerLoader keys=['c-1', 'c-2'] arguments={}
// params: {"ids": ["c-1", "c-2"]}
UNWIND $ids AS cid
MATCH (:Customer {id: cid})-[:GAVE_CONSENT]->(x:Consent)
WITH cid, x ORDER BY x.at DESC, x.id DESC
WITH cid, x.purpose AS purpose, x.channel AS channel, collect(x)[0] AS current
ORDER BY purpose, channel
RETURN cid AS key, collect(current {.*}) AS items

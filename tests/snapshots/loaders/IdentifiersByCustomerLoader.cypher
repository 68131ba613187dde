// in: IdentifiersByCustomerLoader keys=['c-1', 'c-2'] arguments={}
// params: {"ids": ["c-1", "c-2"]}
UNWIND $ids AS cid
MATCH (:Customer {id: cid})-[r:HAS_IDENTIFIER]->(i:Identifier)
WITH cid, i, min(r.firstSeen) AS firstSeen, max(r.lastSeen) AS lastSeen,
     reduce(acc = [], x IN collect(coalesce(r.channels, [])) | acc + x) AS channels,
     reduce(acc = [], x IN collect(coalesce(r.sources, [])) | acc + x) AS sources
RETURN cid AS key,
       collect(i {.type, .value, firstSeen: firstSeen, lastSeen: lastSeen, channels: channels,
                  sources: sources}) AS items

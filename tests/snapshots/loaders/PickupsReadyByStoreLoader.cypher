// in: PickupsReadyByStoreLoader keys=['store-lisbon-1'] arguments={}
// params: {"ids": ["store-lisbon-1"]}
UNWIND $ids AS sid
MATCH (:Store {id: sid})<-[:FULFILLED_AT]-(o:Order)
WHERE o.status = 'READY_FOR_PICKUP'
WITH sid, o ORDER BY o.updatedAt, o.id
RETURN sid AS key, collect(o {.*, customerId: head([(c:Customer)-[:PLACED]->(o) | c.id]),
  storeId: head([(o)-[:AT_STORE]->(s:Store) | s.id]),
  fulfillmentStoreId: head([(o)-[:FULFILLED_AT]->(f:Store) | f.id]),
  deviceId: head([(o)-[:FROM_DEVICE]->(d:Device) | d.id])}) AS items

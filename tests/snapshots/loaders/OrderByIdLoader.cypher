// in: OrderByIdLoader keys=['o-1'] arguments={}
// params: {"ids": ["o-1"]}
UNWIND $ids AS oid
MATCH (o:Order {id: oid})
RETURN oid AS key, o {.*, customerId: head([(c:Customer)-[:PLACED]->(o) | c.id]),
  storeId: head([(o)-[:AT_STORE]->(s:Store) | s.id]),
  fulfillmentStoreId: head([(o)-[:FULFILLED_AT]->(f:Store) | f.id]),
  deviceId: head([(o)-[:FROM_DEVICE]->(d:Device) | d.id])} AS order

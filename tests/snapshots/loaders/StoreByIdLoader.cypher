// in: StoreByIdLoader keys=['store-lisbon-1'] arguments={}
// params: {"ids": ["store-lisbon-1"]}
UNWIND $ids AS sid
MATCH (s:Store {id: sid})
RETURN sid AS key, s {.*} AS item

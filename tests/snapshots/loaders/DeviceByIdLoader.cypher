// in: DeviceByIdLoader keys=['d-1'] arguments={}
// params: {"ids": ["d-1"]}
UNWIND $ids AS did
MATCH (d:Device {id: did})
RETURN did AS key, d {.*} AS item

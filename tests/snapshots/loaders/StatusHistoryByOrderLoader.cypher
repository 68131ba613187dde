// in: StatusHistoryByOrderLoader keys=['o-1'] arguments={}
// params: {"ids": ["o-1"]}
UNWIND $ids AS oid
MATCH (:Order {id: oid})-[:HAS_STATUS]->(s:OrderStatus)
WITH oid, s ORDER BY s.at, s.id
RETURN oid AS key, collect(s {.*}) AS items

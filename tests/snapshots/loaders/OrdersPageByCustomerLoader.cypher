// in: OrdersPageByCustomerLoader keys=['c-1', 'c-2'] arguments={'limit': 3, 'after': ('2026-03-12T00:00:00+00:00', 'x-9'), 'with_total': True, 'channel': 'WEB', 'status': None}
// params: {"afterAt": "2026-03-12T00:00:00+00:00", "afterId": "x-9", "channel": "WEB", "ids": ["c-1", "c-2"], "limit": 3, "status": null}
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})
CALL (c) {
  MATCH (c)-[:PLACED]->(o:Order)
  WHERE ($channel IS NULL OR o.channel = $channel) AND ($status IS NULL OR o.status = $status)
  RETURN count(o) AS total
}
CALL (c) {
  MATCH (c)-[:PLACED]->(o:Order)
  WHERE ($channel IS NULL OR o.channel = $channel) AND ($status IS NULL OR o.status = $status)
    AND ($afterAt IS NULL OR o.placedAt < datetime($afterAt) OR (o.placedAt = datetime($afterAt) AND o.id < $afterId))
  WITH o ORDER BY o.placedAt DESC, o.id DESC LIMIT $limit
  RETURN collect(o {.*, customerId: head([(c:Customer)-[:PLACED]->(o) | c.id]),
  storeId: head([(o)-[:AT_STORE]->(s:Store) | s.id]),
  fulfillmentStoreId: head([(o)-[:FULFILLED_AT]->(f:Store) | f.id]),
  deviceId: head([(o)-[:FROM_DEVICE]->(d:Device) | d.id])}) AS items
}
RETURN cid AS key, total, items

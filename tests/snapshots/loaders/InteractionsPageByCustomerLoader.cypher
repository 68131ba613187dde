// in: InteractionsPageByCustomerLoader keys=['c-1', 'c-2'] arguments={'limit': 3, 'after': ('2026-03-12T00:00:00+00:00', 'x-9'), 'with_total': True, 'channels': ('WEB',), 'kinds': None, 'since': '2026-03-12T00:00:00+00:00', 'until': None}
// params: {"afterAt": "2026-03-12T00:00:00+00:00", "afterId": "x-9", "channels": ["WEB"], "ids": ["c-1", "c-2"], "kinds": null, "limit": 3, "since": "2026-03-12T00:00:00+00:00", "until": null}
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})
CALL (c) {
  MATCH (c)-[:PERFORMED]->(i:Interaction)
  WHERE ($channels IS NULL OR i.channel IN $channels) AND ($kinds IS NULL OR i.kind IN $kinds)
    AND ($since IS NULL OR i.at >= datetime($since)) AND ($until IS NULL OR i.at < datetime($until))
  RETURN count(i) AS total
}
CALL (c) {
  MATCH (c)-[:PERFORMED]->(i:Interaction)
  WHERE ($channels IS NULL OR i.channel IN $channels) AND ($kinds IS NULL OR i.kind IN $kinds)
    AND ($since IS NULL OR i.at >= datetime($since)) AND ($until IS NULL OR i.at < datetime($until))
    AND ($afterAt IS NULL OR i.at < datetime($afterAt) OR (i.at = datetime($afterAt) AND i.id < $afterId))
  WITH i ORDER BY i.at DESC, i.id DESC LIMIT $limit
  RETURN collect(i {.*, storeId: head([(i)-[:AT_STORE]->(s:Store) | s.id]),
  deviceId: head([(i)-[:VIA_DEVICE]->(d:Device) | d.id])}) AS items
}
RETURN cid AS key, total, items

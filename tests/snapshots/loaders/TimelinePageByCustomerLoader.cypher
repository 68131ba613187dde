// in: TimelinePageByCustomerLoader keys=['c-1', 'c-2'] arguments={'limit': 3, 'after': ('2026-03-12T00:00:00+00:00', 'x-9'), 'with_total': True}
// params: {"afterAt": "2026-03-12T00:00:00+00:00", "afterId": "x-9", "ids": ["c-1", "c-2"], "limit": 3}
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})
CALL (c) {
  RETURN COUNT { (c)-[:PLACED]->(:Order) } + COUNT { (c)-[:PERFORMED]->(:Interaction) }
       + COUNT { (c)-[:CHANGED_CART]->(:CartChange) }
       + COUNT { (c)-[:OPENED_CASE]->(:SupportCase)-[:HAS_MESSAGE]->(:CaseMessage) }
       + COUNT { (c)-[:GAVE_CONSENT]->(:Consent) }
       + COUNT { (c)-[:EARNED_OR_SPENT]->(:LoyaltyMove) } AS total
}
CALL (c) {
  CALL (c) {
    MATCH (c)-[:PLACED]->(o:Order)
    RETURN o.placedAt AS at, o.id AS id, 'ORDER' AS kind, o.channel AS channel,
           o {.*, customerId: head([(c:Customer)-[:PLACED]->(o) | c.id]),
  storeId: head([(o)-[:AT_STORE]->(s:Store) | s.id]),
  fulfillmentStoreId: head([(o)-[:FULFILLED_AT]->(f:Store) | f.id]),
  deviceId: head([(o)-[:FROM_DEVICE]->(d:Device) | d.id])} AS data
    UNION ALL
    MATCH (c)-[:PERFORMED]->(i:Interaction)
    RETURN i.at AS at, i.id AS id, 'INTERACTION' AS kind, i.channel AS channel,
           i {.*, storeId: head([(i)-[:AT_STORE]->(s:Store) | s.id]),
  deviceId: head([(i)-[:VIA_DEVICE]->(d:Device) | d.id])} AS data
    UNION ALL
    MATCH (c)-[:CHANGED_CART]->(x:CartChange)
    RETURN x.at AS at, x.id AS id, 'CART' AS kind, x.channel AS channel, x {.*} AS data
    UNION ALL
    MATCH (c)-[:OPENED_CASE]->(s:SupportCase)-[:HAS_MESSAGE]->(m:CaseMessage)
    RETURN m.at AS at, m.id AS id, 'CASE_MESSAGE' AS kind, m.channel AS channel,
           m {.*, caseId: s.id, subject: s.subject} AS data
    UNION ALL
    MATCH (c)-[:GAVE_CONSENT]->(x:Consent)
    RETURN x.at AS at, x.id AS id, 'CONSENT' AS kind, x.eventChannel AS channel,
           x {.*} AS data
    UNION ALL
    MATCH (c)-[:EARNED_OR_SPENT]->(l:LoyaltyMove)
    RETURN l.at AS at, l.id AS id, 'LOYALTY' AS kind, l.channel AS channel, l {.*} AS data
  }
  WITH at, id, kind, channel, data
  WHERE ($afterAt IS NULL OR at < datetime($afterAt) OR (at = datetime($afterAt) AND id < $afterId))
  ORDER BY at DESC, id DESC LIMIT $limit
  RETURN collect({at: at, id: id, kind: kind, channel: channel, data: data}) AS items
}
RETURN cid AS key, total, items

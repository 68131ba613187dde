// in: JourneyPathByCustomerLoader keys=['c-1', 'c-2'] arguments={'first': 20, 'last': None}
// params: {"first": 20, "ids": ["c-1", "c-2"], "last": null}
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})
CALL (c) {
  CALL (c) {
    MATCH (c)-[:PERFORMED]->(i:Interaction)
    RETURN i.at AS at, i.id AS id, i.channel AS channel, i.kind AS kind
    UNION ALL
    MATCH (c)-[:PLACED]->(o:Order)-[:HAS_STATUS]->(s:OrderStatus)
    WHERE NOT s.status IN ['SHIPPED', 'DELIVERED', 'READY_FOR_PICKUP']
      AND (s.status <> 'PAID' OR NOT EXISTS { (o)-[:HAS_STATUS]->(:OrderStatus {status: 'PLACED'}) })
    RETURN s.at AS at, s.id AS id, s.channel AS channel, 'ORDER_' + s.status AS kind
    UNION ALL
    MATCH (c)-[:CHANGED_CART]->(x:CartChange)
    RETURN x.at AS at, x.id AS id, x.channel AS channel, 'CART_' + x.action AS kind
    UNION ALL
    MATCH (c)-[:OPENED_CASE]->(:SupportCase)-[:HAS_MESSAGE]->(m:CaseMessage)
    RETURN m.at AS at, m.id AS id, m.channel AS channel, 'CASE_' + m.action AS kind
    UNION ALL
    MATCH (c)-[:GAVE_CONSENT]->(x:Consent)
    RETURN x.at AS at, x.id AS id, x.eventChannel AS channel, 'CONSENT' AS kind
    UNION ALL
    MATCH (c)-[:EARNED_OR_SPENT]->(l:LoyaltyMove)
    RETURN l.at AS at, l.id AS id, l.channel AS channel, 'LOYALTY_' + l.action AS kind
  }
  WITH at, id, channel, kind WHERE channel IS NOT NULL
  ORDER BY at, id
  WITH collect({at: at, channel: channel, kind: kind}) AS seen
  RETURN [n IN range(0, size(seen) - 1)
          WHERE n = 0 OR seen[n].at <> seen[n - 1].at OR seen[n].channel <> seen[n - 1].channel
          | seen[n]] AS steps
}

RETURN cid AS key, CASE WHEN $last IS NULL THEN steps[..$first] ELSE steps[-$last..] END AS path

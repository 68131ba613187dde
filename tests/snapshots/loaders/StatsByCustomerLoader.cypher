// in: StatsByCustomerLoader keys=['c-1', 'c-2'] arguments={}
// params: {"ids": ["c-1", "c-2"]}
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})
CALL (c) {
  OPTIONAL MATCH (c)-[:PLACED]->(o:Order)
  WHERE NOT o.status IN ['CANCELLED', 'RETURNED']
  RETURN coalesce(sum(o.total), 0.0) AS lifetimeValue, count(o) AS orderCount,
         max(o.placedAt) AS lastOrderAt
}
CALL (c) {
  CALL (c) {
    MATCH (c)-[:PLACED]->(o:Order) RETURN o.channel AS channel, o.placedAt AS at
    UNION ALL
    MATCH (c)-[:PLACED]->(:Order)-[:HAS_STATUS]->(s:OrderStatus) RETURN s.channel AS channel, s.at AS at
    UNION ALL
    MATCH (c)-[:PERFORMED]->(i:Interaction) RETURN i.channel AS channel, i.at AS at
    UNION ALL
    MATCH (c)-[:CHANGED_CART]->(x:CartChange) RETURN x.channel AS channel, x.at AS at
    UNION ALL
    MATCH (c)-[:OPENED_CASE]->(:SupportCase)-[:HAS_MESSAGE]->(m:CaseMessage)
    RETURN m.channel AS channel, m.at AS at
    UNION ALL
    MATCH (c)-[:EARNED_OR_SPENT]->(l:LoyaltyMove) RETURN l.channel AS channel, l.at AS at
  }
  WITH channel, count(*) AS uses, max(at) AS last
  WHERE channel IS NOT NULL
  RETURN collect({channel: channel, uses: uses, last: last}) AS channels
}
RETURN cid AS key, {lifetimeValue: lifetimeValue, orderCount: orderCount, channels: channels,
       firstSeen: c.firstSeen, lastSeen: c.lastSeen, lastOrderAt: lastOrderAt} AS stats

// in: JourneyByCustomerLoader keys=['c-1', 'c-2'] arguments={}
// params: {"ids": ["c-1", "c-2"], "offline": ["STORE", "KIOSK"], "onlinePurchase": ["WEB", "MOBILE_APP", "MARKETPLACE"], "onlineResearch": ["WEB", "MOBILE_APP"], "visitWindow": 7}
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
CALL (steps) {
  UNWIND range(1, size(steps) - 1) AS n
  WITH steps[n - 1].channel AS from, steps[n].channel AS to
  WHERE from <> to
  WITH from, to, count(*) AS times
  ORDER BY times DESC, from, to
  RETURN collect({from: from, to: to, count: times}) AS transitions
}
CALL (c) {
  // a product viewed or searched for online, then bought offline
  RETURN EXISTS {
    MATCH (c)-[:PERFORMED]->(i:Interaction)
    WHERE i.channel IN $onlineResearch AND i.kind IN ['PRODUCT_VIEW', 'SEARCH']
    MATCH (c)-[:PLACED]->(o:Order)-[:CONTAINS]->(p:Product)
    WHERE o.channel IN $offline AND o.status <> 'CANCELLED' AND o.placedAt > i.at
      AND (p.sku = i.sku
           OR (i.query IS NOT NULL AND toLower(coalesce(p.name, '')) CONTAINS toLower(i.query)))
  } AS researchOnline
}
CALL (c) {
  // a store visit (soon followed) or a product seen in store, then bought online
  RETURN EXISTS {
    MATCH (c)-[:PERFORMED]->(i:Interaction)
    WHERE i.channel IN $offline AND i.kind IN ['STORE_VISIT', 'PRODUCT_VIEW']
    MATCH (c)-[:PLACED]->(o:Order)
    WHERE o.channel IN $onlinePurchase AND o.status <> 'CANCELLED' AND o.placedAt > i.at
      AND CASE WHEN i.sku IS NULL
               THEN o.placedAt <= i.at + duration({days: $visitWindow})
               ELSE EXISTS { (o)-[:CONTAINS]->(:Product {sku: i.sku}) } END
  } AS researchOffline
}
RETURN cid AS key, {touchpoints: size(steps), transitions: transitions,
       researchOnlineBuyOffline: researchOnline, researchOfflineBuyOnline: researchOffline}
       AS journey

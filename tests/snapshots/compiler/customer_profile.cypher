// in: (agent) { customer(id: "c-1") { id givenName familyName birthDate locale anonymous personalization sizes preferences address { line1 city postalCode country } loyalty { points tier ledger(first: 2) { edges { cursor node { id action points channel at reference } } pageInfo { hasNextPage endCursor } totalCount } } identifiers { type value firstSeen lastSeen } devices { id kind os model lastSeen } accounts { id kind status createdAt } stats { lifetimeValue orderCount averageOrderValue firstSeen lastSeen lastChannel preferredChannel channels recency frequency monetary rfmSegment } consents { purpose channel granted at documentVersion } notes { id text at author authorRole store { id name } } importantDates { kind date nextOccurrence } recommendations(first: 3) { product { sku name } score reason } } }
// params: {"p0_afterAt": null, "p0_afterId": null, "p0_limit": 3, "p1_bonus": 0.05, "p1_limit": 3, "p1_scan": 200, "p1_weights": {"cart": 1.0, "repeat": 0.05, "similar": 0.4, "together": 0.6, "viewed": 0.7}, "p2_id": "c-1"}
CALL () {
  OPTIONAL MATCH (v1_live:Customer {id: $p2_id}) OPTIONAL MATCH (:MergedCustomer {id: $p2_id})-[:MERGED_INTO*1..32]->(v1_survivor:Customer) WITH coalesce(v1_live, v1_survivor) AS v1 WHERE v1 IS NOT NULL WITH v1 LIMIT 1 CALL (v1) { MATCH (v1)-[:EARNED_OR_SPENT]->(v2:LoyaltyMove) WHERE ($p0_afterAt IS NULL OR v2.at < datetime($p0_afterAt) OR (v2.at = datetime($p0_afterAt) AND v2.id < $p0_afterId)) WITH v2 ORDER BY v2.at DESC, v2.id DESC LIMIT $p0_limit  RETURN collect(v2 {id: v2.id, at: v2.at, action: v2.action, points: v2.points, channel: v2.channel, reference: v2.reference}) AS v2_out } CALL (v1) { MATCH (v1)-[v3_r:HAS_IDENTIFIER]->(v3:Identifier) WITH v3, min(v3_r.firstSeen) AS v3_first, max(v3_r.lastSeen) AS v3_last  RETURN collect(v3 {type: v3.type, value: v3.value, firstSeen: v3_first, lastSeen: v3_last}) AS v3_out } CALL (v1) { MATCH (v1)-[:USES_DEVICE]->(v4:Device) WITH DISTINCT v4 ORDER BY v4.lastSeen DESC, v4.id  RETURN collect(v4 {id: v4.id, kind: v4.kind, os: v4.os, model: v4.model, lastSeen: v4.lastSeen}) AS v4_out } CALL (v1) { MATCH (v1)-[:HAS_ACCOUNT]->(v5:Account) WITH DISTINCT v5 ORDER BY v5.kind, v5.id  RETURN collect(v5 {id: v5.id, kind: v5.kind, status: v5.status, createdAt: v5.createdAt}) AS v5_out } CALL (v1) { OPTIONAL MATCH (v1)-[:PLACED]->(v6:Order) WHERE NOT v6.status IN ['CANCELLED', 'RETURNED']  RETURN {lifetimeValue: coalesce(sum(v6.total), 0.0), orderCount: count(v6), lastOrderAt: max(v6.placedAt)} AS v6_out } CALL (v1) { CALL (v1) { MATCH (v1)-[:PLACED]->(v7_e:Order) RETURN v7_e.channel AS v7_channel, v7_e.placedAt AS v7_at UNION ALL MATCH (v1)-[:PLACED]->(:Order)-[:HAS_STATUS]->(v7_e:OrderStatus) RETURN v7_e.channel AS v7_channel, v7_e.at AS v7_at UNION ALL MATCH (v1)-[:PERFORMED]->(v7_e:Interaction) RETURN v7_e.channel AS v7_channel, v7_e.at AS v7_at UNION ALL MATCH (v1)-[:CHANGED_CART]->(v7_e:CartChange) RETURN v7_e.channel AS v7_channel, v7_e.at AS v7_at UNION ALL MATCH (v1)-[:OPENED_CASE]->(:SupportCase)-[:HAS_MESSAGE]->(v7_e:CaseMessage) RETURN v7_e.channel AS v7_channel, v7_e.at AS v7_at UNION ALL MATCH (v1)-[:EARNED_OR_SPENT]->(v7_e:LoyaltyMove) RETURN v7_e.channel AS v7_channel, v7_e.at AS v7_at } WITH v7_channel, count(*) AS v7_uses, max(v7_at) AS v7_last WHERE v7_channel IS NOT NULL  RETURN collect({channel: v7_channel, uses: v7_uses, last: v7_last}) AS v7_out } CALL (v1) { MATCH (v1)-[:GAVE_CONSENT]->(v8_x:Consent) WITH v8_x ORDER BY v8_x.at DESC, v8_x.id DESC WITH v8_x.purpose AS v8_purpose, v8_x.channel AS v8_channel, collect(v8_x)[0] AS v8 ORDER BY v8_purpose, v8_channel  RETURN collect(v8 {purpose: v8.purpose, channel: v8.channel, granted: v8.granted, at: v8.at, documentVersion: v8.documentVersion}) AS v8_out } CALL (v1) { MATCH (v1)<-[:MERGED_INTO*0..32]-(v9_p)-[:HAS_NOTE]->(v9:Note) WITH DISTINCT v9 ORDER BY v9.at DESC, v9.id DESC CALL (v9) { MATCH (v10:Store {id: v9.storeId})  RETURN head(collect(v10 {id: v10.id, name: v10.name})) AS v10_out } RETURN collect(v9 {id: v9.id, text: v9.text, at: v9.at, author: v9.author, role: v9.role, store: v10_out, storeId: v9.storeId}) AS v9_out } CALL (v1) { MATCH (v1)<-[:MERGED_INTO*0..32]-(v11_p)-[:HAS_DATE]->(v11:ImportantDate) WITH DISTINCT v11 ORDER BY v11.date, v11.kind, v11.id  RETURN collect(v11 {kind: v11.kind, date: v11.date}) AS v11_out } CALL (v1) { CALL (v1) {
  OPTIONAL MATCH (v1)-[:PLACED]->(o:Order)-[:CONTAINS]->(b:Product)
  WHERE o.status <> 'CANCELLED'
  RETURN collect(DISTINCT b) AS bought
}
CALL (v1, bought) {
  MATCH (v1)-[:HAS_CART]->(cart:Cart {status: 'OPEN'})-[:CONTAINS]->(p:Product)
  WITH DISTINCT p, cart
  RETURN p, 'CART' AS source, $p1_weights.cart AS score,
         {channel: cart.lastChannel, at: cart.updatedAt} AS why
  UNION ALL
  MATCH (v1)-[:PERFORMED]->(i:Interaction {kind: 'PRODUCT_VIEW'})-[:ABOUT]->(p:Product)
  WITH p, i ORDER BY i.at DESC
  WITH p, collect(i)[0] AS last, count(i) AS views
  RETURN p, 'VIEWED' AS source,
         $p1_weights.viewed + $p1_weights.repeat * (CASE WHEN views > 4 THEN 3 ELSE views - 1 END)
           AS score,
         {channel: last.channel, at: last.at, count: views} AS why
  UNION ALL
  UNWIND bought AS b
  CALL (b) {
    MATCH (b)<-[:CONTAINS]-(o:Order)
    WITH DISTINCT o LIMIT $p1_scan
    MATCH (o)-[:CONTAINS]->(p:Product) WHERE p <> b
    RETURN p, count(DISTINCT o) AS together
  }
  WITH p, b, together ORDER BY together DESC, b.sku
  WITH p, collect({name: coalesce(b.name, b.sku), count: together})[0] AS best,
       sum(together) AS orders
  RETURN p, 'BOUGHT_TOGETHER' AS source,
         $p1_weights.together * orders / (orders + 1.0) AS score, best AS why
  UNION ALL
  UNWIND bought AS b
  CALL (v1, b) {
    MATCH (b)<-[:CONTAINS]-(o:Order)
    WITH DISTINCT o LIMIT $p1_scan
    MATCH (o)<-[:PLACED]-(other:Customer) WHERE other <> v1
    WITH DISTINCT other
    MATCH (other)-[:PLACED]->(:Order)-[:CONTAINS]->(p:Product) WHERE p <> b
    RETURN p, count(DISTINCT other) AS buyers
  }
  WITH p, b, buyers ORDER BY buyers DESC, b.sku
  WITH p, collect({name: coalesce(b.name, b.sku), count: buyers})[0] AS best,
       max(buyers) AS buyers
  RETURN p, 'SIMILAR_CUSTOMERS' AS source,
         $p1_weights.similar * buyers / (buyers + 1.0) AS score, best AS why
}
WITH p, source, score, why, bought
WHERE coalesce(p.consumable, false) OR NOT p IN bought
WITH p, source, score, why ORDER BY score DESC, source
WITH p, collect({source: source, score: score, why: why}) AS signals
WITH p, signals[0] AS best, signals[0].score + $p1_bonus * (size(signals) - 1) AS score
ORDER BY score DESC, p.sku
LIMIT $p1_limit  RETURN collect({product: p {.sku, .name, .category, .brand, .price}, score: score, source: best.source, why: best.why}) AS v12_out } RETURN head(collect(v1 {id: v1.id, givenName: v1.givenName, familyName: v1.familyName, birthDate: v1.birthDate, locale: v1.locale, anonymous: v1.anonymous, personalizationRefused: COUNT {
  MATCH (v1)-[:GAVE_CONSENT]->(v1_x:Consent {purpose: 'PERSONALIZATION'})
  WHERE NOT v1_x.granted AND NOT EXISTS {
    MATCH (v1)-[:GAVE_CONSENT]->(v1_y:Consent {purpose: 'PERSONALIZATION', channel: v1_x.channel})
    WHERE v1_y.at > v1_x.at OR (v1_y.at = v1_x.at AND v1_y.id > v1_x.id)
  }
} > 0, sizes: v1.sizesJson, preferences: v1.preferencesJson, addressLine1: v1.addressLine1, addressCity: v1.addressCity, addressPostalCode: v1.addressPostalCode, addressCountry: v1.addressCountry, loyaltyPoints: v1.loyaltyPoints, loyaltyTier: v1.loyaltyTier, ledger: v2_out, ledgerTotal: COUNT { (v1)-[:EARNED_OR_SPENT]->(:LoyaltyMove) }, identifiers: v3_out, devices: v4_out, accounts: v5_out, stats: v1 {totals: v6_out, channels: v7_out, firstSeen: v1.firstSeen, lastSeen: v1.lastSeen}, consents: v8_out, notes: v9_out, importantDates: v11_out, recommendations: v12_out})) AS r0
}
RETURN r0

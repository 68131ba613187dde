// in: RecommendationsByCustomerLoader keys=['c-1', 'c-2'] arguments={'limit': 5}
// params: {"bonus": 0.05, "ids": ["c-1", "c-2"], "limit": 5, "scan": 200, "weights": {"cart": 1.0, "repeat": 0.05, "similar": 0.4, "together": 0.6, "viewed": 0.7}}
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})
CALL (c) {
CALL (c) {
  OPTIONAL MATCH (c)-[:PLACED]->(o:Order)-[:CONTAINS]->(b:Product)
  WHERE o.status <> 'CANCELLED'
  RETURN collect(DISTINCT b) AS bought
}
CALL (c, bought) {
  MATCH (c)-[:HAS_CART]->(cart:Cart {status: 'OPEN'})-[:CONTAINS]->(p:Product)
  WITH DISTINCT p, cart
  RETURN p, 'CART' AS source, $weights.cart AS score,
         {channel: cart.lastChannel, at: cart.updatedAt} AS why
  UNION ALL
  MATCH (c)-[:PERFORMED]->(i:Interaction {kind: 'PRODUCT_VIEW'})-[:ABOUT]->(p:Product)
  WITH p, i ORDER BY i.at DESC
  WITH p, collect(i)[0] AS last, count(i) AS views
  RETURN p, 'VIEWED' AS source,
         $weights.viewed + $weights.repeat * (CASE WHEN views > 4 THEN 3 ELSE views - 1 END)
           AS score,
         {channel: last.channel, at: last.at, count: views} AS why
  UNION ALL
  UNWIND bought AS b
  CALL (b) {
    MATCH (b)<-[:CONTAINS]-(o:Order)
    WITH DISTINCT o LIMIT $scan
    MATCH (o)-[:CONTAINS]->(p:Product) WHERE p <> b
    RETURN p, count(DISTINCT o) AS together
  }
  WITH p, b, together ORDER BY together DESC, b.sku
  WITH p, collect({name: coalesce(b.name, b.sku), count: together})[0] AS best,
       sum(together) AS orders
  RETURN p, 'BOUGHT_TOGETHER' AS source,
         $weights.together * orders / (orders + 1.0) AS score, best AS why
  UNION ALL
  UNWIND bought AS b
  CALL (c, b) {
    MATCH (b)<-[:CONTAINS]-(o:Order)
    WITH DISTINCT o LIMIT $scan
    MATCH (o)<-[:PLACED]-(other:Customer) WHERE other <> c
    WITH DISTINCT other
    MATCH (other)-[:PLACED]->(:Order)-[:CONTAINS]->(p:Product) WHERE p <> b
    RETURN p, count(DISTINCT other) AS buyers
  }
  WITH p, b, buyers ORDER BY buyers DESC, b.sku
  WITH p, collect({name: coalesce(b.name, b.sku), count: buyers})[0] AS best,
       max(buyers) AS buyers
  RETURN p, 'SIMILAR_CUSTOMERS' AS source,
         $weights.similar * buyers / (buyers + 1.0) AS score, best AS why
}
WITH p, source, score, why, bought
WHERE coalesce(p.consumable, false) OR NOT p IN bought
WITH p, source, score, why ORDER BY score DESC, source
WITH p, collect({source: source, score: score, why: why}) AS signals
WITH p, signals[0] AS best, signals[0].score + $bonus * (size(signals) - 1) AS score
ORDER BY score DESC, p.sku
LIMIT $limit
  RETURN collect({product: p {.*}, score: score, source: best.source, why: best.why}) AS items
}
RETURN cid AS key, items

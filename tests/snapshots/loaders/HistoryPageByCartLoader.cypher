// in: HistoryPageByCartLoader keys=['cart-1'] arguments={'limit': 3, 'after': ('2026-03-12T00:00:00+00:00', 'x-9'), 'with_total': False}
// params: {"afterAt": "2026-03-12T00:00:00+00:00", "afterId": "x-9", "ids": ["cart-1"], "limit": 3}
UNWIND $ids AS kid
MATCH (cart:Cart {id: kid})
CALL (cart) {
  
CALL (cart) {
  MATCH (cart)-[:HAD_CHANGE]->(x:CartChange) RETURN x
  UNION
  MATCH (c:Customer)-[:HAS_CART]->(cart) WHERE cart.status <> 'MERGED'
  MATCH (c)-[:HAS_CART]->(folded:Cart {status: 'MERGED'})
  MATCH (c)-[:ABSORBED]->(m:Merge {id: folded.mergedBy})
  WHERE (cart.checkedOutAt IS NULL OR cart.checkedOutAt > m.at)
    AND NOT EXISTS {
      MATCH (c)-[:HAS_CART]->(other:Cart {status: 'CHECKED_OUT'})
      WHERE other.checkedOutAt > m.at
        AND (cart.checkedOutAt IS NULL OR other.checkedOutAt < cart.checkedOutAt)
    }
  MATCH (folded)-[:HAD_CHANGE]->(x:CartChange) RETURN x
}
  RETURN count(x) AS total
}
CALL (cart) {
  
CALL (cart) {
  MATCH (cart)-[:HAD_CHANGE]->(x:CartChange) RETURN x
  UNION
  MATCH (c:Customer)-[:HAS_CART]->(cart) WHERE cart.status <> 'MERGED'
  MATCH (c)-[:HAS_CART]->(folded:Cart {status: 'MERGED'})
  MATCH (c)-[:ABSORBED]->(m:Merge {id: folded.mergedBy})
  WHERE (cart.checkedOutAt IS NULL OR cart.checkedOutAt > m.at)
    AND NOT EXISTS {
      MATCH (c)-[:HAS_CART]->(other:Cart {status: 'CHECKED_OUT'})
      WHERE other.checkedOutAt > m.at
        AND (cart.checkedOutAt IS NULL OR other.checkedOutAt < cart.checkedOutAt)
    }
  MATCH (folded)-[:HAD_CHANGE]->(x:CartChange) RETURN x
}
  WITH x WHERE ($afterAt IS NULL OR x.at < datetime($afterAt) OR (x.at = datetime($afterAt) AND x.id < $afterId))
  WITH x ORDER BY x.at DESC, x.id DESC LIMIT $limit
  RETURN collect(x {.*}) AS items
}
RETURN kid AS key, total, items

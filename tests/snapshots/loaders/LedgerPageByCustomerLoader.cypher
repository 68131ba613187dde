// in: LedgerPageByCustomerLoader keys=['c-1', 'c-2'] arguments={'limit': 3, 'after': ('2026-03-12T00:00:00+00:00', 'x-9'), 'with_total': True}
// params: {"afterAt": "2026-03-12T00:00:00+00:00", "afterId": "x-9", "ids": ["c-1", "c-2"], "limit": 3}
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})
CALL (c) { RETURN COUNT { (c)-[:EARNED_OR_SPENT]->(:LoyaltyMove) } AS total }
CALL (c) {
  MATCH (c)-[:EARNED_OR_SPENT]->(l:LoyaltyMove)
  WHERE ($afterAt IS NULL OR l.at < datetime($afterAt) OR (l.at = datetime($afterAt) AND l.id < $afterId))
  WITH l ORDER BY l.at DESC, l.id DESC LIMIT $limit
  RETURN collect(l {.*}) AS items
}
RETURN cid AS key, total, items

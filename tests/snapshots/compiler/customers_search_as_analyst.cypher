// in: (analyst) { customers(search: "ana lima", first: 2) { totalCount edges { cursor node { id } } } }
// params: {"p0_afterId": null, "p0_afterScore": null, "p0_limit": 3, "p0_query": "(ana OR ana*) AND (lima OR lima*)"}
CALL () {
  CALL () { CALL db.index.fulltext.queryNodes('customer_search', $p0_query) YIELD node RETURN count(node) AS v1_n } CALL () { CALL db.index.fulltext.queryNodes('customer_search', $p0_query) YIELD node AS v1, score AS v1_score WHERE $p0_afterScore IS NULL OR v1_score < $p0_afterScore OR (v1_score = $p0_afterScore AND v1.id > $p0_afterId) WITH v1, v1_score ORDER BY v1_score DESC, v1.id ASC LIMIT $p0_limit  RETURN collect({node: v1 {id: v1.id}, score: v1_score}) AS v1_hits } RETURN {total: v1_n, hits: v1_hits} AS r0
}
RETURN r0

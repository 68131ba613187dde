// in: (agent) { customers(first: 3) { edges { node { id givenName } } } }
// params: {"p0_afterId": "", "p0_limit": 4}
CALL () {
  CALL () { MATCH (v1:Customer) WHERE v1.id > $p0_afterId WITH v1 ORDER BY v1.id ASC LIMIT $p0_limit  RETURN collect({node: v1 {id: v1.id, givenName: v1.givenName}, score: null}) AS v1_hits } RETURN {total: null, hits: v1_hits} AS r0
}
RETURN r0

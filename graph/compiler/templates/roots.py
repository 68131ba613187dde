"""The root fields: a subquery body per field, its rows ending at `@c`; `@calls` are the child's."""

from __future__ import annotations

_ONE = " @calls RETURN head(collect(@child)) AS @out"
_SEARCH_HITS = (
    "CALL db.index.fulltext.queryNodes('customer_search', $@query) "
    "YIELD node AS @c, score AS @c_score "
    "WHERE $@afterScore IS NULL OR @c_score < $@afterScore "
    "OR (@c_score = $@afterScore AND @c.id > $@afterId) "
    "WITH @c, @c_score ORDER BY @c_score DESC, @c.id ASC LIMIT $@limit @calls "
    "RETURN collect({node: @child, score: @c_score}) AS @c_hits"
)
_LIST_HITS = (
    "MATCH (@c:Customer) WHERE @c.id > $@afterId WITH @c ORDER BY @c.id ASC LIMIT $@limit "
    "@calls RETURN collect({node: @child, score: null}) AS @c_hits"
)
_CUSTOMER_BY_ID = (
    "OPTIONAL MATCH (@c_live:Customer {id: $@id}) "
    "OPTIONAL MATCH (:MergedCustomer {id: $@id})-[:MERGED_INTO*1..32]->(@c_survivor:Customer) "
    "WITH coalesce(@c_live, @c_survivor) AS @c WHERE @c IS NOT NULL WITH @c LIMIT 1" + _ONE
)
ROOTS: dict[str, str] = {
    "customerByIdentifier": (
        "MATCH (:Identifier {type: $@type, value: $@value})<-[:HAS_IDENTIFIER]-(@c:Customer) "
        "WITH DISTINCT @c ORDER BY @c.lastSeen DESC, @c.id LIMIT 1" + _ONE
    ),
    "customer": _CUSTOMER_BY_ID,
    "product": "MATCH (@c:Product {sku: $@sku}) WITH @c LIMIT 1" + _ONE,
    "store": "MATCH (@c:Store {id: $@id}) WITH @c LIMIT 1" + _ONE,
    "order": "MATCH (@c:Order {id: $@id}) WITH @c LIMIT 1" + _ONE,
    "me": _CUSTOMER_BY_ID,
    "customers.list": "CALL () { " + _LIST_HITS + " } RETURN {total: null, hits: @c_hits} AS @out",
    "customers.list+total": (
        "CALL () { MATCH (@c_all:Customer) RETURN count(@c_all) AS @c_n } "
        f"CALL () {{ {_LIST_HITS} }} RETURN {{total: @c_n, hits: @c_hits}} AS @out"
    ),
    "customers.search": "CALL () { "
    + _SEARCH_HITS
    + " } RETURN {total: null, hits: @c_hits} AS @out",
    "customers.search+total": (
        "CALL () { CALL db.index.fulltext.queryNodes('customer_search', $@query) YIELD node "
        "RETURN count(node) AS @c_n } "
        f"CALL () {{ {_SEARCH_HITS} }} RETURN {{total: @c_n, hits: @c_hits}} AS @out"
    ),
}

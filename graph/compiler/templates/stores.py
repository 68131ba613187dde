"""A store and its day: one of its customers, pickups ready, visits today, lapsed customers."""

from __future__ import annotations

from graph.compiler.templates.template import ID_KEYS, Sub, Template, props

TEMPLATES: dict[tuple[str, str], Template] = {
    ("Store", "id"): Template(ID_KEYS),
    **{("Store", f): props(f) for f in ("name", "city", "country", "timeZone", "locale")},
    # one customer of the store (who visited it or ordered there), as `graph/cypher/stores.py`
    ("Store", "customer"): Template(
        {
            "customer": Sub(
                "OPTIONAL MATCH (@c_live:Customer {id: $@id}) "
                "OPTIONAL MATCH (:MergedCustomer {id: $@id})-[:MERGED_INTO*1..32]->"
                "(@c_survivor:Customer) "
                "WITH coalesce(@c_live, @c_survivor) AS @c WHERE @c IS NOT NULL AND ("
                "EXISTS { (@c)-[:PERFORMED]->(:Interaction)-[:AT_STORE]->(@v) } "
                "OR EXISTS { (@c)-[:PLACED]->(:Order)-[:AT_STORE|FULFILLED_AT]->(@v) }) "
                "WITH @c LIMIT 1",
                "head(collect(@child))",
            )
        }
    ),
    # the store's lists (graph/cypher/stores.py reads the same)
    ("Store", "pickupsReady"): Template(
        {
            "pickupsReady": Sub(
                "MATCH (@v)<-[:FULFILLED_AT]-(@c:Order) WHERE @c.status = 'READY_FOR_PICKUP' "
                "WITH @c ORDER BY @c.updatedAt, @c.id"
            )
        }
    ),
    ("Pickup", "order"): Template({"order": "@child"}, same_node=True),
    ("Pickup", "customer"): Template(
        {"customer": Sub("MATCH (@c:Customer)-[:PLACED]->(@v)", "head(collect(@child))")}
    ),
    ("Store", "visitsToday"): Template(
        {
            "visitsToday": Sub(
                "MATCH (@v)<-[:AT_STORE]-(@c_i:Interaction) "
                "WHERE @c_i.at >= datetime($@from) AND @c_i.at < datetime($@to) "
                "AND @c_i.kind = 'STORE_VISIT' "
                "MATCH (@c:Customer)-[:PERFORMED]->(@c_i) "
                "WITH @c, max(@c_i.at) AS @c_visited ORDER BY @c_visited DESC, @c.id"
            )
        }
    ),
    ("Store", "lapsedCustomers"): Template(
        {
            "lapsedCustomers": Sub(
                "MATCH (@v)<-[:AT_STORE|FULFILLED_AT]-(:Order)<-[:PLACED]-(@c:Customer) "
                "WITH DISTINCT @c "
                "CALL (@c) { MATCH (@c)-[:PLACED]->(@c_o:Order) RETURN max(@c_o.placedAt) AS @c_last } "
                "WITH @c, @c_last WHERE @c_last < datetime($@cutoff) "
                "ORDER BY @c_last DESC, @c.id LIMIT $@limit"
            )
        }
    ),
}

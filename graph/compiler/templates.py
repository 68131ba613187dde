"""What each field reads, in Cypher: the compiled path's templates (see `graph/compiler/`).

Each `(type, field)` has one `TEMPLATES` entry: the raw keys it adds to its object's map, each a
Cypher expression or a `Sub` (a nested read). In a template `@v` is the object's node variable,
`@c` a fresh variable for a subquery's node, `@child` the map projection of the child
selection, and `$@name` a parameter of this field occurrence. `ROOTS` holds a subquery body per
root field.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.cypher.customers import PERSONALIZATION_REFUSED
from graph.cypher.pages import AFTER, cart_changes
from graph.cypher.recommendations import RECOMMENDATIONS_BODY


@dataclass(frozen=True)
class Sub:
    """A nested read: `CALL (@v) { <match> <child's calls> RETURN <ret> AS @c_out }`, its value
    `@c_out`. Aggregations live here: Neo4j 5.26 refuses an aggregating function nested in a
    `COLLECT {}` inside a projection, so nesting is done with CALL subqueries."""

    match: str
    ret: str = "collect(@child)"


@dataclass(frozen=True)
class Template:
    keys: dict[str, str | Sub]
    same_node: bool = False
    flatten: bool = False
    # keys added only when the planner asks for the option (a connection's `totalCount`)
    options: dict[str, dict[str, str | Sub]] = field(default_factory=dict)


def _props(*names: str) -> Template:
    return Template({name: f"@v.{name}" for name in names})


_ORDER_BY_TIME = "ORDER BY @c.{t} DESC, @c.id DESC"
_INTERACTION_FILTER = (
    "($@channels IS NULL OR @c.channel IN $@channels) AND ($@kinds IS NULL OR @c.kind IN $@kinds) "
    "AND ($@since IS NULL OR @c.at >= datetime($@since)) "
    "AND ($@until IS NULL OR @c.at < datetime($@until)) "
)
_ORDER_FILTER = (
    "($@channel IS NULL OR @c.channel = $@channel) AND ($@status IS NULL OR @c.status = $@status) "
)
_ID_KEYS: dict[str, str | Sub] = {"id": "@v.id"}
# A product can sit in a cart twice (the customer's line and one a merge brought): one item.
_CART_ITEMS = (
    "MATCH (@v)-[@c_r:CONTAINS]->(@c:Product) "
    "WITH @c, sum(@c_r.quantity) AS @c_q, max(@c_r.unitPrice) AS @c_u ORDER BY @c.sku"
)
_STATS_CHANNELS = " UNION ALL ".join(
    f"MATCH (@v){path}(@c_e:{label}) RETURN @c_e.channel AS @c_channel, @c_e.{at} AS @c_at"
    for path, label, at in (
        ("-[:PLACED]->", "Order", "placedAt"),
        ("-[:PLACED]->(:Order)-[:HAS_STATUS]->", "OrderStatus", "at"),
        ("-[:PERFORMED]->", "Interaction", "at"),
        ("-[:CHANGED_CART]->", "CartChange", "at"),
        ("-[:OPENED_CASE]->(:SupportCase)-[:HAS_MESSAGE]->", "CaseMessage", "at"),
        ("-[:EARNED_OR_SPENT]->", "LoyaltyMove", "at"),
    )
)
_RECOMMENDATIONS = (
    RECOMMENDATIONS_BODY.replace("(c)", "(@v)")
    .replace("(c, ", "(@v, ")
    .replace("other <> c", "other <> @v")
    .replace("$", "$@")
)

# The timeline: every fact of the customer as rows (node @c, time, kind, channel, case), newest
# first, as graph/cypher/pages.py's `_TIMELINE` reads them.
_TIMELINE_SOURCES = (
    ("-[:PLACED]->", "Order", "placedAt", "ORDER", "channel"),
    ("-[:PERFORMED]->", "Interaction", "at", "INTERACTION", "channel"),
    ("-[:CHANGED_CART]->", "CartChange", "at", "CART", "channel"),
    (
        "-[:OPENED_CASE]->(@c_s:SupportCase)-[:HAS_MESSAGE]->",
        "CaseMessage",
        "at",
        "CASE_MESSAGE",
        "channel",
    ),
    ("-[:GAVE_CONSENT]->", "Consent", "at", "CONSENT", "eventChannel"),
    ("-[:EARNED_OR_SPENT]->", "LoyaltyMove", "at", "LOYALTY", "channel"),
)
_TIMELINE_ROWS = (
    "CALL (@v) { "
    + " UNION ALL ".join(
        f"MATCH (@v){path}(@c_n:{label}) RETURN @c_n AS @c, @c_n.{at} AS @c_at, "
        f"'{kind}' AS @c_kind, @c_n.{channel} AS @c_channel, "
        f"{'@c_s' if kind == 'CASE_MESSAGE' else 'null'} AS @c_case"
        for path, label, at, kind, channel in _TIMELINE_SOURCES
    )
    + " } WITH @c, @c_at, @c_kind, @c_channel, @c_case "
    f"WHERE {AFTER.format(t='@c_at', i='@c.id', at='$@afterAt', id='$@afterId')} "
    "ORDER BY @c_at DESC, @c.id DESC LIMIT $@limit"
)
_TIMELINE_TOTAL = " + ".join(
    "COUNT { (@v)" + path.replace("@c_s", "") + f"(:{label}) }}"
    for path, label, *_ in _TIMELINE_SOURCES
)

# Always projected for a type, whatever is selected: what its masking, cursors and audit read.
REQUIRED: dict[str, dict[str, str | Sub]] = {
    "Customer": _ID_KEYS,
    "Order": {"id": "@v.id", "placedAt": "@v.placedAt"},
    "Interaction": {"id": "@v.id", "at": "@v.at"},
    "Product": {"sku": "@v.sku"},
    "Store": _ID_KEYS,
    "SupportCase": {"id": "@v.id", "status": "@v.status"},
    "LoyaltyMove": {"id": "@v.id", "at": "@v.at"},
    "CartChange": {"id": "@v.id", "at": "@v.at"},
    "TimelineEntry": {"id": "@v.id", "at": "@v_at", "kind": "@v_kind"},
}

TEMPLATES: dict[tuple[str, str], Template] = {
    # --- customers --------------------------------------------------------------------------
    ("Customer", "id"): Template(_ID_KEYS),
    ("Customer", "givenName"): _props("givenName"),
    ("Customer", "familyName"): _props("familyName"),
    ("Customer", "birthDate"): _props("birthDate"),
    ("Customer", "locale"): _props("locale"),
    ("Customer", "anonymous"): _props("anonymous"),
    # an address shows when any of its parts is set: all four are read whatever is selected
    ("Customer", "address"): Template(
        {f"address{p}": f"@v.address{p}" for p in ("Line1", "City", "PostalCode", "Country")},
        flatten=True,
    ),
    ("Address", "line1"): _props("addressLine1"),
    ("Address", "city"): _props("addressCity"),
    ("Address", "postalCode"): _props("addressPostalCode"),
    ("Address", "country"): _props("addressCountry"),
    ("Customer", "sizes"): Template(
        {"sizes": "@v.sizesJson", "personalizationRefused": PERSONALIZATION_REFUSED}
    ),
    ("Customer", "preferences"): Template(
        {"preferences": "@v.preferencesJson", "personalizationRefused": PERSONALIZATION_REFUSED}
    ),
    ("Customer", "personalization"): Template({"personalizationRefused": PERSONALIZATION_REFUSED}),
    ("Customer", "loyalty"): Template({}, flatten=True),
    ("Loyalty", "points"): _props("loyaltyPoints"),
    ("Loyalty", "tier"): _props("loyaltyTier"),
    ("Customer", "identifiers"): Template(
        {
            "identifiers": Sub(
                "MATCH (@v)-[@c_r:HAS_IDENTIFIER]->(@c:Identifier) "
                "WITH @c, min(@c_r.firstSeen) AS @c_first, max(@c_r.lastSeen) AS @c_last"
            )
        }
    ),
    ("Identifier", "type"): _props("type"),
    ("Identifier", "value"): _props("value"),
    ("Identifier", "firstSeen"): Template({"firstSeen": "@v_first"}),
    ("Identifier", "lastSeen"): Template({"lastSeen": "@v_last"}),
    ("Customer", "devices"): Template(
        {
            "devices": Sub(
                "MATCH (@v)-[:USES_DEVICE]->(@c:Device) WITH DISTINCT @c "
                "ORDER BY @c.lastSeen DESC, @c.id"
            )
        }
    ),
    ("Customer", "accounts"): Template(
        {
            "accounts": Sub(
                "MATCH (@v)-[:HAS_ACCOUNT]->(@c:Account) WITH DISTINCT @c ORDER BY @c.kind, @c.id"
            )
        }
    ),
    ("Customer", "orders"): Template(
        {
            "orders": Sub(
                "MATCH (@v)-[:PLACED]->(@c:Order) WHERE "
                + _ORDER_FILTER
                + f"AND {AFTER.format(t='@c.placedAt', i='@c.id', at='$@afterAt', id='$@afterId')} "
                f"WITH @c {_ORDER_BY_TIME.format(t='placedAt')} LIMIT $@limit"
            )
        },
        options={
            "total": {
                "ordersTotal": "COUNT { MATCH (@v)-[:PLACED]->(@c:Order) WHERE "
                + _ORDER_FILTER
                + "}"
            }
        },
    ),
    ("Customer", "interactions"): Template(
        {
            "interactions": Sub(
                "MATCH (@v)-[:PERFORMED]->(@c:Interaction) WHERE "
                + _INTERACTION_FILTER
                + f"AND {AFTER.format(t='@c.at', i='@c.id', at='$@afterAt', id='$@afterId')} "
                f"WITH @c {_ORDER_BY_TIME.format(t='at')} LIMIT $@limit"
            )
        },
        options={
            "total": {
                "interactionsTotal": "COUNT { MATCH (@v)-[:PERFORMED]->(@c:Interaction) WHERE "
                + _INTERACTION_FILTER
                + "}"
            }
        },
    ),
    ("Customer", "cart"): Template(
        {
            "cart": Sub(
                "MATCH (@v)-[:HAS_CART]->(@c:Cart {status: 'OPEN'}) "
                "WITH @c ORDER BY @c.updatedAt DESC LIMIT 1",
                "head(collect(@child))",
            )
        }
    ),
    ("Customer", "supportCases"): Template(
        {
            "supportCases": Sub(
                "MATCH (@v)-[:OPENED_CASE]->(@c:SupportCase) WITH @c ORDER BY @c.openedAt DESC, @c.id"
            )
        }
    ),
    ("Customer", "consents"): Template(
        {
            "consents": Sub(
                "MATCH (@v)-[:GAVE_CONSENT]->(@c_x:Consent) "
                "WITH @c_x ORDER BY @c_x.at DESC, @c_x.id DESC "
                "WITH @c_x.purpose AS @c_purpose, @c_x.channel AS @c_channel, "
                "collect(@c_x)[0] AS @c ORDER BY @c_purpose, @c_channel"
            )
        }
    ),
    ("Customer", "stats"): Template({"stats": "@child"}, same_node=True),
    ("CustomerStats", "*"): Template(
        {
            "totals": Sub(
                "OPTIONAL MATCH (@v)-[:PLACED]->(@c:Order) "
                "WHERE NOT @c.status IN ['CANCELLED', 'RETURNED']",
                "{lifetimeValue: coalesce(sum(@c.total), 0.0), orderCount: count(@c), "
                "lastOrderAt: max(@c.placedAt)}",
            ),
            "channels": Sub(
                "CALL (@v) { " + _STATS_CHANNELS + " } "
                "WITH @c_channel, count(*) AS @c_uses, max(@c_at) AS @c_last "
                "WHERE @c_channel IS NOT NULL",
                "collect({channel: @c_channel, uses: @c_uses, last: @c_last})",
            ),
            "firstSeen": "@v.firstSeen",
            "lastSeen": "@v.lastSeen",
        }
    ),
    ("Customer", "recommendations"): Template(
        {
            "personalizationRefused": PERSONALIZATION_REFUSED,
            "recommendations": Sub(
                _RECOMMENDATIONS,
                "collect({product: p {.sku, .name, .category, .brand, .price}, score: score, "
                "source: best.source, why: best.why})",
            ),
        }
    ),
    ("Recommendation", "*"): Template({}),
    ("Loyalty", "ledger"): Template(
        {
            "ledger": Sub(
                "MATCH (@v)-[:EARNED_OR_SPENT]->(@c:LoyaltyMove) "
                f"WHERE {AFTER.format(t='@c.at', i='@c.id', at='$@afterAt', id='$@afterId')} "
                f"WITH @c {_ORDER_BY_TIME.format(t='at')} LIMIT $@limit"
            )
        },
        options={"total": {"ledgerTotal": "COUNT { (@v)-[:EARNED_OR_SPENT]->(:LoyaltyMove) }"}},
    ),
    ("Customer", "timeline"): Template(
        {"timeline": Sub(_TIMELINE_ROWS)}, options={"total": {"timelineTotal": _TIMELINE_TOTAL}}
    ),
    ("TimelineEntry", "id"): Template(_ID_KEYS),
    ("TimelineEntry", "at"): Template({"at": "@v_at"}),
    ("TimelineEntry", "kind"): Template({"kind": "@v_kind"}),
    ("TimelineEntry", "channel"): Template({"channel": "@v_channel"}),
    ("TimelineEntry", "caseId"): Template({"caseId": "@v_case.id"}),
    ("TimelineEntry", "summary"): Template(
        {
            "data": "CASE WHEN @v_kind = 'CASE_MESSAGE' "
            "THEN @v {.*, caseId: @v_case.id, subject: @v_case.subject} ELSE @v {.*} END"
        }
    ),
    ("TimelineEntry", "order"): Template(
        {"order": "CASE WHEN @v_kind = 'ORDER' THEN @child END"}, same_node=True
    ),
    ("TimelineEntry", "interaction"): Template(
        {"interaction": "CASE WHEN @v_kind = 'INTERACTION' THEN @child END"}, same_node=True
    ),
    ("Customer", "notes"): Template(
        {
            "notes": Sub(
                "MATCH (@v)<-[:MERGED_INTO*0..32]-(@c_p)-[:HAS_NOTE]->(@c:Note) "
                "WITH DISTINCT @c ORDER BY @c.at DESC, @c.id DESC"
            )
        }
    ),
    ("Note", "id"): Template(_ID_KEYS),
    **{("Note", f): _props(f) for f in ("text", "at", "author")},
    ("Note", "authorRole"): _props("role"),
    ("Note", "store"): Template(
        {
            "store": Sub("MATCH (@c:Store {id: @v.storeId})", "head(collect(@child))"),
            "storeId": "@v.storeId",
        }
    ),
    ("Customer", "importantDates"): Template(
        {
            "importantDates": Sub(
                "MATCH (@v)<-[:MERGED_INTO*0..32]-(@c_p)-[:HAS_DATE]->(@c:ImportantDate) "
                "WITH DISTINCT @c ORDER BY @c.date, @c.kind, @c.id"
            ),
            "birthDate": "@v.birthDate",
        }
    ),
    **{("ImportantDate", f): _props(f) for f in ("kind", "date")},
    ("ImportantDate", "nextOccurrence"): _props("date"),
    ("LoyaltyMove", "id"): Template(_ID_KEYS),
    **{("LoyaltyMove", f): _props(f) for f in ("action", "points", "channel", "at", "reference")},
    # --- orders -----------------------------------------------------------------------------
    ("Order", "id"): Template(_ID_KEYS),
    **{("Order", f): _props(f) for f in ("channel", "status", "fulfillment", "placedAt")},
    ("Order", "currency"): _props("currency"),
    ("Order", "total"): _props("total"),
    ("Order", "lines"): Template(
        {"lines": Sub("MATCH (@v)-[@c_r:CONTAINS]->(@c:Product) WITH @c_r, @c ORDER BY @c_r.line")}
    ),
    ("OrderLine", "sku"): _props("sku"),
    ("OrderLine", "quantity"): Template({"quantity": "@v_r.quantity"}),
    ("OrderLine", "unitPrice"): Template({"unitPrice": "@v_r.unitPrice"}),
    ("OrderLine", "product"): Template({"product": "@child"}, same_node=True),
    ("Order", "statusHistory"): Template(
        {
            "statusHistory": Sub(
                "MATCH (@v)-[:HAS_STATUS]->(@c:OrderStatus) WITH @c ORDER BY @c.at, @c.id"
            )
        }
    ),
    ("Order", "journey"): Template(
        {
            "journeySteps": Sub(
                "MATCH (@v)-[:HAS_STATUS]->(@c:OrderStatus) WITH @c ORDER BY @c.at, @c.id",
                "collect(@c {.status, .channel, .storeId})",
            ),
            "fulfillmentStoreId": "head([(@v)-[:FULFILLED_AT]->(@v_f:Store) | @v_f.id])",
        }
    ),
    ("OrderStatusStep", "status"): _props("status"),
    ("OrderStatusStep", "channel"): _props("channel"),
    ("OrderStatusStep", "at"): _props("at"),
    ("OrderStatusStep", "store"): Template(
        {"store": Sub("MATCH (@c:Store {id: @v.storeId})", "head(collect(@child))")}
    ),
    ("Order", "store"): Template(
        {"store": Sub("MATCH (@v)-[:AT_STORE]->(@c:Store)", "head(collect(@child))")}
    ),
    ("Order", "fulfillmentStore"): Template(
        {"fulfillmentStore": Sub("MATCH (@v)-[:FULFILLED_AT]->(@c:Store)", "head(collect(@child))")}
    ),
    # --- catalogue --------------------------------------------------------------------------
    ("Product", "id"): _props("sku"),
    **{("Product", f): _props(f) for f in ("sku", "name", "category", "brand", "price")},
    ("Store", "id"): Template(_ID_KEYS),
    **{("Store", f): _props(f) for f in ("name", "city", "country", "timeZone", "locale")},
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
    ("Device", "id"): Template(_ID_KEYS),
    **{("Device", f): _props(f) for f in ("kind", "os", "model", "lastSeen")},
    ("Account", "id"): Template(_ID_KEYS),
    **{("Account", f): _props(f) for f in ("kind", "status", "createdAt")},
    # --- activity ---------------------------------------------------------------------------
    ("Interaction", "id"): Template(_ID_KEYS),
    **{("Interaction", f): _props(f) for f in ("kind", "channel", "at", "sku", "query", "url")},
    **{("Interaction", f): _props(f) for f in ("text", "rating", "durationSeconds")},
    ("Cart", "id"): Template(_ID_KEYS),
    **{("Cart", f): _props(f) for f in ("status", "updatedAt", "lastChannel", "checkedOutAt")},
    ("Cart", "lastDeviceId"): _props("lastDeviceId"),
    ("Cart", "items"): Template({"items": Sub(_CART_ITEMS)}),
    ("Cart", "subtotal"): Template(
        {
            "subtotal": Sub(_CART_ITEMS, "collect([@c_q, @c_u])"),
            "lastDeviceId": "@v.lastDeviceId",
        }
    ),
    ("Cart", "history"): Template(
        {
            "history": Sub(
                cart_changes("@v", "@c")
                + f" WITH @c WHERE {AFTER.format(t='@c.at', i='@c.id', at='$@afterAt', id='$@afterId')} "
                f"WITH @c {_ORDER_BY_TIME.format(t='at')} LIMIT $@limit"
            )
        },
        options={"total": {"historyTotal": Sub(cart_changes("@v", "@c"), "count(@c)")}},
    ),
    ("CartChange", "id"): Template(_ID_KEYS),
    **{
        ("CartChange", f): _props(f)
        for f in ("action", "sku", "quantity", "unitPrice", "channel", "at")
    },
    ("CartItem", "sku"): _props("sku"),
    ("CartItem", "quantity"): Template({"quantity": "@v_q"}),
    ("CartItem", "unitPrice"): Template({"unitPrice": "@v_u"}),
    ("CartItem", "product"): Template({"product": "@child"}, same_node=True),
    ("SupportCase", "id"): Template(_ID_KEYS),
    **{("SupportCase", f): _props(f) for f in ("status", "subject", "openedAt", "updatedAt")},
    ("SupportCase", "messages"): Template(
        {
            "messages": Sub(
                "MATCH (@v)-[:HAS_MESSAGE]->(@c:CaseMessage) WITH @c ORDER BY @c.at, @c.id"
            )
        }
    ),
    ("SupportCase", "channels"): Template(
        {
            "messageChannels": Sub(
                "MATCH (@v)-[:HAS_MESSAGE]->(@c:CaseMessage) WITH @c ORDER BY @c.at, @c.id",
                "collect(@c.channel)",
            )
        }
    ),
    ("SupportCase", "order"): Template(
        {"order": Sub("MATCH (@v)-[:CONCERNS]->(@c:Order)", "head(collect(@child))")}
    ),
    ("Interaction", "product"): Template(
        {"product": Sub("MATCH (@c:Product {sku: @v.sku})", "head(collect(@child))")}
    ),
    ("Interaction", "store"): Template(
        {"store": Sub("MATCH (@v)-[:AT_STORE]->(@c:Store)", "head(collect(@child))")}
    ),
    **{("CaseMessage", f): _props(f) for f in ("channel", "at", "text", "action")},
    **{("Consent", f): _props(f) for f in ("purpose", "channel", "granted", "at")},
    ("Consent", "documentVersion"): _props("documentVersion"),
}
TEMPLATES[("Customer", "openCases")] = TEMPLATES[("Customer", "supportCases")]

# Root fields: a subquery body per field, its rows ending at `@c`; `@calls` are the child's.
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

"""The customer's own fields, and the links from a customer to what she did."""

from __future__ import annotations

from graph.compiler.templates.template import ID_KEYS, ORDER_BY_TIME, Sub, Template, props
from graph.cypher.customers import PERSONALIZATION_REFUSED
from graph.cypher.pages import AFTER
from graph.cypher.recommendations import RECOMMENDATIONS_BODY

_INTERACTION_FILTER = (
    "($@channels IS NULL OR @c.channel IN $@channels) AND ($@kinds IS NULL OR @c.kind IN $@kinds) "
    "AND ($@since IS NULL OR @c.at >= datetime($@since)) "
    "AND ($@until IS NULL OR @c.at < datetime($@until)) "
)
_ORDER_FILTER = (
    "($@channel IS NULL OR @c.channel = $@channel) AND ($@status IS NULL OR @c.status = $@status) "
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

TEMPLATES: dict[tuple[str, str], Template] = {
    ("Customer", "id"): Template(ID_KEYS),
    ("Customer", "givenName"): props("givenName"),
    ("Customer", "familyName"): props("familyName"),
    ("Customer", "birthDate"): props("birthDate"),
    ("Customer", "locale"): props("locale"),
    ("Customer", "anonymous"): props("anonymous"),
    # an address shows when any of its parts is set: all four are read whatever is selected
    ("Customer", "address"): Template(
        {f"address{p}": f"@v.address{p}" for p in ("Line1", "City", "PostalCode", "Country")},
        flatten=True,
    ),
    ("Address", "line1"): props("addressLine1"),
    ("Address", "city"): props("addressCity"),
    ("Address", "postalCode"): props("addressPostalCode"),
    ("Address", "country"): props("addressCountry"),
    ("Customer", "sizes"): Template(
        {"sizes": "@v.sizesJson", "personalizationRefused": PERSONALIZATION_REFUSED}
    ),
    ("Customer", "preferences"): Template(
        {"preferences": "@v.preferencesJson", "personalizationRefused": PERSONALIZATION_REFUSED}
    ),
    ("Customer", "personalization"): Template({"personalizationRefused": PERSONALIZATION_REFUSED}),
    ("Customer", "identifiers"): Template(
        {
            "identifiers": Sub(
                "MATCH (@v)-[@c_r:HAS_IDENTIFIER]->(@c:Identifier) "
                "WITH @c, min(@c_r.firstSeen) AS @c_first, max(@c_r.lastSeen) AS @c_last"
            )
        }
    ),
    ("Identifier", "type"): props("type"),
    ("Identifier", "value"): props("value"),
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
                f"WITH @c {ORDER_BY_TIME.format(t='placedAt')} LIMIT $@limit"
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
                f"WITH @c {ORDER_BY_TIME.format(t='at')} LIMIT $@limit"
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
    **{("Consent", f): props(f) for f in ("purpose", "channel", "granted", "at")},
    ("Consent", "documentVersion"): props("documentVersion"),
}
TEMPLATES[("Customer", "openCases")] = TEMPLATES[("Customer", "supportCases")]

"""The customer's own fields: profile, identifiers, stats, recommendations, consents, and the
links to her orders, interactions, cart and cases."""

from __future__ import annotations

from graph.cypher.customers import decode_map
from graph.driver import Row
from resolvers import access
from resolvers.compiled.fields.spec import Spec, datetime_prop, prop, same
from resolvers.customers import IDENTIFIER_ORDER, Stats, stats_of
from resolvers.loaders.customers import IdentifierRow, StatsRow
from resolvers.principal import Principal
from resolvers.recommendations import Suggestion, suggestions
from resolvers.support import still_open

_RANK = {kind: index for index, kind in enumerate(IDENTIFIER_ORDER)}


def _identifiers(r: Row, viewer: Principal) -> list[IdentifierRow]:
    rows = access.identifiers_view(viewer.role, r["identifiers"])
    return sorted(rows, key=lambda i: (_RANK.get(i["type"], 99), i["value"]))


def _address(r: Row, _: Principal) -> Row | None:
    parts = ("addressLine1", "addressCity", "addressPostalCode", "addressCountry")
    return r if any(r.get(part) for part in parts) else None


def _open_cases(r: Row, viewer: Principal) -> list[Row]:
    return still_open(access.support_cases_view(viewer.role, r["supportCases"]))


def _recommendations(r: Row, _: Principal) -> list[Suggestion]:
    return suggestions(r["recommendations"], bool(r.get("personalizationRefused")))


def _stats(r: Row, _: Principal) -> Stats:
    totals = r["totals"]
    raw: StatsRow = {
        "lifetimeValue": totals["lifetimeValue"], "orderCount": totals["orderCount"],
        "lastOrderAt": totals["lastOrderAt"], "channels": r["channels"],
        "firstSeen": r.get("firstSeen"), "lastSeen": r.get("lastSeen"),
    }  # fmt: skip
    return stats_of(raw)


FIELDS: dict[tuple[str, str], Spec] = {
    ("Customer", "id"): prop("id"),
    ("Customer", "givenName"): prop("givenName"),
    ("Customer", "familyName"): prop("familyName"),
    ("Customer", "birthDate"): datetime_prop("birthDate"),
    ("Customer", "locale"): prop("locale"),
    ("Customer", "anonymous"): Spec(lambda r, _: bool(r.get("anonymous", False))),
    ("Customer", "personalization"): Spec(lambda r, _: not r.get("personalizationRefused", False)),
    # the stored JSON text, under the name customer_view masks (graph/cypher/customers.py)
    ("Customer", "sizes"): Spec(lambda r, _: decode_map(r.get("sizes"))),
    ("Customer", "preferences"): Spec(lambda r, _: decode_map(r.get("preferences"))),
    ("Customer", "address"): Spec(_address),
    ("Address", "line1"): prop("addressLine1"),
    ("Address", "city"): prop("addressCity"),
    ("Address", "postalCode"): prop("addressPostalCode"),
    ("Address", "country"): prop("addressCountry"),
    ("Customer", "identifiers"): Spec(_identifiers),
    ("Identifier", "type"): prop("type"),
    ("Identifier", "value"): prop("value"),
    ("Identifier", "firstSeen"): datetime_prop("firstSeen"),
    ("Identifier", "lastSeen"): datetime_prop("lastSeen"),
    ("Customer", "devices"): Spec(lambda r, _: r["devices"], door="devices"),
    ("Customer", "accounts"): Spec(lambda r, _: r["accounts"], door="accounts"),
    ("Customer", "orders"): Spec(same, args="orders"),
    ("Customer", "interactions"): Spec(same, door="interactions", args="interactions"),
    ("Customer", "cart"): Spec(lambda r, viewer: access.cart_view(viewer.role, r["cart"])),
    ("Customer", "supportCases"): Spec(
        lambda r, viewer: access.support_cases_view(viewer.role, r["supportCases"]),
        door="supportCases",
    ),
    ("Customer", "openCases"): Spec(_open_cases, door="supportCases"),
    ("Customer", "consents"): Spec(lambda r, _: r["consents"]),
    ("Customer", "stats"): Spec(lambda r, viewer: _stats(r["stats"], viewer)),
    ("Customer", "recommendations"): Spec(
        _recommendations, door="recommendations", args="recommendations"
    ),
    ("CustomerStats", "lifetimeValue"): prop("lifetime_value"),
    ("CustomerStats", "orderCount"): prop("order_count"),
    ("CustomerStats", "averageOrderValue"): prop("average_order_value"),
    ("CustomerStats", "firstSeen"): datetime_prop("first_seen"),
    ("CustomerStats", "lastSeen"): datetime_prop("last_seen"),
    ("CustomerStats", "lastChannel"): prop("last_channel"),
    ("CustomerStats", "preferredChannel"): prop("preferred_channel"),
    ("CustomerStats", "channels"): prop("channels"),
    ("CustomerStats", "recency"): Spec(lambda r, _: r["rfm"]["recency"]),
    ("CustomerStats", "frequency"): Spec(lambda r, _: r["rfm"]["frequency"]),
    ("CustomerStats", "monetary"): Spec(lambda r, _: r["rfm"]["monetary"]),
    ("CustomerStats", "rfmSegment"): Spec(lambda r, _: r["rfm"]["segment"]),
    ("Recommendation", "product"): Spec(lambda r, _: r["product"]),
    ("Recommendation", "score"): prop("score"),
    ("Recommendation", "reason"): prop("reason"),
    ("Consent", "purpose"): prop("purpose"),
    ("Consent", "channel"): prop("channel"),
    ("Consent", "granted"): Spec(lambda r, _: bool(r["granted"])),
    ("Consent", "at"): datetime_prop("at"),
    ("Consent", "documentVersion"): prop("documentVersion"),
}

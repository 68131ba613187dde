"""What each field the compiled path serves means: its value from the raw record its Cypher
(`graph/compiler/templates/` `TEMPLATES`) reads, the door a role needs to follow it, and the masking its
value goes through. Each entry mirrors the field's resolver in `schema/` and uses the same
helpers (the `resolvers.access` views, `resolvers.customers.stats_of`, `resolvers.orders`...);
`tests/integration/test_compiled_reads.py` proves both paths answer byte for byte the same.

A field missing here is served by the interpreted path (`resolvers/compiled/plan.py` falls
back for the whole request).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from graph.cypher.customers import decode_map
from graph.driver import Row
from resolvers import access
from resolvers.access import Forbidden
from resolvers.cart import subtotal
from resolvers.clienteling import BIRTHDAY, next_occurrence
from resolvers.customers import IDENTIFIER_ORDER, stats_of
from resolvers.orders import order_journey
from resolvers.principal import Principal, Role
from resolvers.recommendations import suggestions
from resolvers.support import still_open
from resolvers.timeline import timeline_summary

# `get(raw, principal)`: the field's value; for an object or a list of objects, the raw
# record(s) its child selection is built from (None for null).
Getter = Callable[[Row, Principal], Any]


@dataclass(frozen=True)
class Spec:
    get: Getter
    door: str | None = None  # `resolvers.access.DOORS` entry a role needs
    args: str | None = None  # how its arguments bind: a `resolvers/compiled/arguments.py` name
    # a customer shown to the viewer: masked as `access.customer_view` masks it, and audited
    shows_customer: bool = False
    key: str | None = None  # set when the value is the raw record's `key` as it is
    time: bool = False  # ... or, with `time`, that key's datetime


def _prop(key: str) -> Spec:
    return Spec(lambda r, _: r.get(key), key=key)


def _time(key: str) -> Spec:
    def get(r: Row, _: Principal) -> datetime | None:
        value: Any = r.get(key)
        return value.to_native() if hasattr(value, "to_native") else value  # type: ignore[no-any-return]

    return Spec(get, key=key, time=True)


def _same(r: Row, _: Principal) -> Row:
    return r


_RANK = {kind: index for index, kind in enumerate(IDENTIFIER_ORDER)}


def _identifiers(r: Row, viewer: Principal) -> list[Row]:
    rows = access.identifiers_view(viewer.role, r["identifiers"])
    return sorted(rows, key=lambda i: (_RANK.get(i["type"], 99), i["value"]))


def _address(r: Row, _: Principal) -> Row | None:
    parts = ("addressLine1", "addressCity", "addressPostalCode", "addressCountry")
    return r if any(r.get(part) for part in parts) else None


def _open_cases(r: Row, viewer: Principal) -> list[Row]:
    return still_open(access.support_cases_view(viewer.role, r["supportCases"]))


def _recommendations(r: Row, _: Principal) -> list[Row]:
    return suggestions(r["recommendations"], bool(r.get("personalizationRefused")))


def _stats(r: Row, _: Principal) -> dict[str, Any]:
    totals = r["totals"]
    raw = {**totals, "channels": r["channels"], "firstSeen": r.get("firstSeen"),
           "lastSeen": r.get("lastSeen")}  # fmt: skip
    return stats_of(raw)


def _subtotal(r: Row, _: Principal) -> float:
    return subtotal(r["subtotal"])


def _timeline_interaction(r: Row, viewer: Principal) -> Row | None:
    """Masked as the timeline masks an entry's record (its free text, for some roles)."""
    found = r["interaction"]
    if found is None:
        return None
    page = access.timeline_view(viewer.role, {"total": None, "items": [{"data": found}]})
    masked: Row = page["items"][0]["data"]
    return masked


def _date(value: Any) -> date:
    found: date = value.to_native() if hasattr(value, "to_native") else value
    return found


def _note_store(r: Row, _: Principal) -> Row | None:
    # a store id a token named but the catalogue does not have yet: still named
    if r["store"] is None and r.get("storeId") is not None:
        return {"id": r["storeId"]}
    found: Row | None = r["store"]
    return found


def _important_dates(r: Row, _: Principal) -> list[Row]:
    """The birthday (when the role sees the birth date), then the dates staff recorded."""
    born = r.get("birthDate")
    birthday = [{"kind": BIRTHDAY, "date": _date(born)}] if born is not None else []
    dates: list[Row] = r["importantDates"]
    return birthday + dates


def _own_store(r: Row, viewer: Principal) -> None:
    # an associate opens the customers of their own store only (`require_store`)
    if viewer.role is Role.ASSOCIATE and viewer.store_id != r["id"]:
        raise Forbidden("another store's customers: the interpreted path says so")


def _store_customer(r: Row, viewer: Principal) -> Row | None:
    _own_store(r, viewer)
    found: Row | None = r["customer"]
    return found


def _store_list(key: str) -> Getter:
    def get(r: Row, viewer: Principal) -> list[Row]:
        _own_store(r, viewer)
        found: list[Row] = r[key]
        return found

    return get


def _case_channels(r: Row, _: Principal) -> list[str]:
    return list(dict.fromkeys(c for c in r["messageChannels"] if c is not None))


FIELDS: dict[tuple[str, str], Spec] = {
    ("Customer", "id"): _prop("id"),
    ("Customer", "givenName"): _prop("givenName"),
    ("Customer", "familyName"): _prop("familyName"),
    ("Customer", "birthDate"): _time("birthDate"),
    ("Customer", "locale"): _prop("locale"),
    ("Customer", "anonymous"): Spec(lambda r, _: bool(r.get("anonymous", False))),
    ("Customer", "personalization"): Spec(lambda r, _: not r.get("personalizationRefused", False)),
    # the stored JSON text, under the name customer_view masks (graph/cypher/customers.py)
    ("Customer", "sizes"): Spec(lambda r, _: decode_map(r.get("sizes"))),
    ("Customer", "preferences"): Spec(lambda r, _: decode_map(r.get("preferences"))),
    ("Customer", "address"): Spec(_address),
    ("Address", "line1"): _prop("addressLine1"),
    ("Address", "city"): _prop("addressCity"),
    ("Address", "postalCode"): _prop("addressPostalCode"),
    ("Address", "country"): _prop("addressCountry"),
    ("Customer", "loyalty"): Spec(_same),
    ("Loyalty", "points"): Spec(lambda r, _: int(r.get("loyaltyPoints") or 0)),
    ("Loyalty", "tier"): _prop("loyaltyTier"),
    ("Customer", "identifiers"): Spec(_identifiers),
    ("Identifier", "type"): _prop("type"),
    ("Identifier", "value"): _prop("value"),
    ("Identifier", "firstSeen"): _time("firstSeen"),
    ("Identifier", "lastSeen"): _time("lastSeen"),
    ("Customer", "devices"): Spec(lambda r, _: r["devices"], door="devices"),
    ("Customer", "accounts"): Spec(lambda r, _: r["accounts"], door="accounts"),
    ("Customer", "orders"): Spec(_same, args="orders"),
    ("Customer", "interactions"): Spec(_same, door="interactions", args="interactions"),
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
    ("CustomerStats", "lifetimeValue"): _prop("lifetime_value"),
    ("CustomerStats", "orderCount"): _prop("order_count"),
    ("CustomerStats", "averageOrderValue"): _prop("average_order_value"),
    ("CustomerStats", "firstSeen"): _time("first_seen"),
    ("CustomerStats", "lastSeen"): _time("last_seen"),
    ("CustomerStats", "lastChannel"): _prop("last_channel"),
    ("CustomerStats", "preferredChannel"): _prop("preferred_channel"),
    ("CustomerStats", "channels"): _prop("channels"),
    ("CustomerStats", "recency"): Spec(lambda r, _: r["rfm"]["recency"]),
    ("CustomerStats", "frequency"): Spec(lambda r, _: r["rfm"]["frequency"]),
    ("CustomerStats", "monetary"): Spec(lambda r, _: r["rfm"]["monetary"]),
    ("CustomerStats", "rfmSegment"): Spec(lambda r, _: r["rfm"]["segment"]),
    ("Recommendation", "product"): Spec(lambda r, _: r["product"]),
    ("Recommendation", "score"): _prop("score"),
    ("Recommendation", "reason"): _prop("reason"),
    ("Customer", "timeline"): Spec(_same, door="timeline", args="timeline"),
    ("TimelineEntry", "id"): _prop("id"),
    ("TimelineEntry", "at"): _time("at"),
    ("TimelineEntry", "kind"): _prop("kind"),
    ("TimelineEntry", "channel"): _prop("channel"),
    ("TimelineEntry", "caseId"): _prop("caseId"),
    ("TimelineEntry", "summary"): Spec(lambda r, _: timeline_summary(r["kind"], r["data"])),
    ("TimelineEntry", "order"): Spec(lambda r, _: r["order"]),
    ("TimelineEntry", "interaction"): Spec(_timeline_interaction),
    ("Customer", "notes"): Spec(lambda r, _: r["notes"], door="notes"),
    ("Note", "id"): _prop("id"),
    ("Note", "text"): Spec(lambda r, _: r.get("text") or ""),
    ("Note", "at"): _time("at"),
    ("Note", "author"): Spec(lambda r, _: r.get("author") or ""),
    ("Note", "authorRole"): _prop("role"),
    ("Note", "store"): Spec(_note_store),
    ("Customer", "importantDates"): Spec(_important_dates, door="importantDates"),
    ("ImportantDate", "kind"): _prop("kind"),
    ("ImportantDate", "date"): _time("date"),
    ("ImportantDate", "nextOccurrence"): Spec(
        lambda r, _: next_occurrence(_date(r["date"]), date.today())
    ),
    ("Loyalty", "ledger"): Spec(_same, args="ledger"),
    ("LoyaltyMove", "id"): _prop("id"),
    ("LoyaltyMove", "action"): _prop("action"),
    ("LoyaltyMove", "points"): Spec(lambda r, _: int(r.get("points") or 0)),
    ("LoyaltyMove", "channel"): _prop("channel"),
    ("LoyaltyMove", "at"): _time("at"),
    ("LoyaltyMove", "reference"): _prop("reference"),
    # --- orders ---
    ("Order", "id"): _prop("id"),
    ("Order", "channel"): _prop("channel"),
    ("Order", "status"): _prop("status"),
    ("Order", "fulfillment"): _prop("fulfillment"),
    ("Order", "placedAt"): _time("placedAt"),
    ("Order", "currency"): _prop("currency"),
    ("Order", "total"): _prop("total"),
    ("Order", "lines"): Spec(lambda r, _: r["lines"]),
    ("Order", "statusHistory"): Spec(lambda r, _: r["statusHistory"]),
    ("Order", "journey"): Spec(
        lambda r, _: order_journey(r["journeySteps"], r.get("fulfillmentStoreId"))
    ),
    ("Order", "store"): Spec(lambda r, _: r["store"]),
    ("Order", "fulfillmentStore"): Spec(lambda r, _: r["fulfillmentStore"]),
    ("OrderLine", "sku"): _prop("sku"),
    ("OrderLine", "quantity"): _prop("quantity"),
    ("OrderLine", "unitPrice"): _prop("unitPrice"),
    ("OrderLine", "product"): Spec(lambda r, _: r["product"]),
    ("OrderStatusStep", "status"): _prop("status"),
    ("OrderStatusStep", "channel"): _prop("channel"),
    ("OrderStatusStep", "at"): _time("at"),
    ("OrderStatusStep", "store"): Spec(lambda r, _: r["store"]),
    # --- catalogue ---
    ("Product", "id"): _prop("sku"),
    ("Product", "sku"): _prop("sku"),
    ("Product", "name"): _prop("name"),
    ("Product", "category"): _prop("category"),
    ("Product", "brand"): _prop("brand"),
    ("Product", "price"): _prop("price"),
    ("Store", "id"): _prop("id"),
    ("Store", "name"): _prop("name"),
    ("Store", "city"): _prop("city"),
    ("Store", "country"): _prop("country"),
    ("Store", "timeZone"): _prop("timeZone"),
    ("Store", "locale"): _prop("locale"),
    ("Store", "customer"): Spec(
        _store_customer,
        door="storeCustomers",
        args="store_customer",
        shows_customer=True,
    ),
    ("Store", "pickupsReady"): Spec(_store_list("pickupsReady"), door="storeCustomers"),
    ("Pickup", "order"): Spec(lambda r, _: r["order"]),
    ("Pickup", "customer"): Spec(lambda r, _: r["customer"], shows_customer=True),
    ("Store", "visitsToday"): Spec(
        _store_list("visitsToday"),
        door="storeCustomers",
        args="visits",
        shows_customer=True,
    ),
    ("Store", "lapsedCustomers"): Spec(
        _store_list("lapsedCustomers"),
        door="storeCustomers",
        args="lapsed",
        shows_customer=True,  # each of the list, as `_customers` masks them
    ),
    ("Device", "id"): _prop("id"),
    ("Device", "kind"): _prop("kind"),
    ("Device", "os"): _prop("os"),
    ("Device", "model"): _prop("model"),
    ("Device", "lastSeen"): _time("lastSeen"),
    ("Account", "id"): _prop("id"),
    ("Account", "kind"): _prop("kind"),
    ("Account", "status"): _prop("status"),
    ("Account", "createdAt"): _time("createdAt"),
    # --- activity ---
    ("Interaction", "id"): _prop("id"),
    ("Interaction", "kind"): _prop("kind"),
    ("Interaction", "channel"): _prop("channel"),
    ("Interaction", "at"): _time("at"),
    ("Interaction", "sku"): _prop("sku"),
    ("Interaction", "query"): _prop("query"),
    ("Interaction", "url"): _prop("url"),
    ("Interaction", "text"): _prop("text"),
    ("Interaction", "rating"): _prop("rating"),
    ("Interaction", "durationSeconds"): _prop("durationSeconds"),
    ("Cart", "id"): _prop("id"),
    ("Cart", "status"): _prop("status"),
    ("Cart", "updatedAt"): _time("updatedAt"),
    ("Cart", "lastChannel"): _prop("lastChannel"),
    ("Cart", "lastDeviceId"): _prop("lastDeviceId"),
    ("Cart", "checkedOutAt"): _time("checkedOutAt"),
    ("Cart", "items"): Spec(lambda r, _: r["items"]),
    ("Cart", "subtotal"): Spec(_subtotal),
    ("Cart", "history"): Spec(_same, args="cart_history"),
    ("CartChange", "id"): _prop("id"),
    ("CartChange", "action"): _prop("action"),
    ("CartChange", "sku"): _prop("sku"),
    ("CartChange", "quantity"): _prop("quantity"),
    ("CartChange", "unitPrice"): _prop("unitPrice"),
    ("CartChange", "channel"): _prop("channel"),
    ("CartChange", "at"): _time("at"),
    ("CartItem", "sku"): _prop("sku"),
    ("CartItem", "quantity"): _prop("quantity"),
    ("CartItem", "unitPrice"): _prop("unitPrice"),
    ("CartItem", "product"): Spec(lambda r, _: r["product"]),
    ("SupportCase", "id"): _prop("id"),
    ("SupportCase", "status"): _prop("status"),
    ("SupportCase", "subject"): _prop("subject"),
    ("SupportCase", "openedAt"): _time("openedAt"),
    ("SupportCase", "updatedAt"): _time("updatedAt"),
    ("SupportCase", "messages"): Spec(lambda r, _: r["messages"]),
    ("SupportCase", "channels"): Spec(_case_channels),
    ("SupportCase", "order"): Spec(lambda r, _: r["order"]),
    ("Interaction", "product"): Spec(lambda r, _: r["product"]),
    ("Interaction", "store"): Spec(lambda r, _: r["store"]),
    ("CaseMessage", "channel"): _prop("channel"),
    ("CaseMessage", "at"): _time("at"),
    ("CaseMessage", "text"): _prop("text"),
    ("CaseMessage", "action"): _prop("action"),
    ("Consent", "purpose"): _prop("purpose"),
    ("Consent", "channel"): _prop("channel"),
    ("Consent", "granted"): Spec(lambda r, _: bool(r["granted"])),
    ("Consent", "at"): _time("at"),
    ("Consent", "documentVersion"): _prop("documentVersion"),
}

"""An interaction and what it points at."""

from __future__ import annotations

from resolvers.compiled.fields.spec import Spec, datetime_prop, prop

FIELDS: dict[tuple[str, str], Spec] = {
    ("Interaction", "id"): prop("id"),
    ("Interaction", "kind"): prop("kind"),
    ("Interaction", "channel"): prop("channel"),
    ("Interaction", "at"): datetime_prop("at"),
    ("Interaction", "sku"): prop("sku"),
    ("Interaction", "query"): prop("query"),
    ("Interaction", "url"): prop("url"),
    ("Interaction", "text"): prop("text"),
    ("Interaction", "rating"): prop("rating"),
    ("Interaction", "durationSeconds"): prop("durationSeconds"),
    ("Interaction", "product"): Spec(lambda r, _: r["product"]),
    ("Interaction", "store"): Spec(lambda r, _: r["store"]),
}

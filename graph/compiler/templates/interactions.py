"""An interaction (a page view, a visit, a call...) and what it points at."""

from __future__ import annotations

from graph.compiler.templates.template import ID_KEYS, Sub, Template, props

TEMPLATES: dict[tuple[str, str], Template] = {
    ("Interaction", "id"): Template(ID_KEYS),
    **{("Interaction", f): props(f) for f in ("kind", "channel", "at", "sku", "query", "url")},
    **{("Interaction", f): props(f) for f in ("text", "rating", "durationSeconds")},
    ("Interaction", "product"): Template(
        {"product": Sub("MATCH (@c:Product {sku: @v.sku})", "head(collect(@child))")}
    ),
    ("Interaction", "store"): Template(
        {"store": Sub("MATCH (@v)-[:AT_STORE]->(@c:Store)", "head(collect(@child))")}
    ),
}

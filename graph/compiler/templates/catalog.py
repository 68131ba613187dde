"""The catalogue and what a customer uses: products, devices, accounts."""

from __future__ import annotations

from graph.compiler.templates.template import ID_KEYS, Template, props

TEMPLATES: dict[tuple[str, str], Template] = {
    ("Product", "id"): props("sku"),
    **{("Product", f): props(f) for f in ("sku", "name", "category", "brand", "price")},
    ("Device", "id"): Template(ID_KEYS),
    **{("Device", f): props(f) for f in ("kind", "os", "model", "lastSeen")},
    ("Account", "id"): Template(ID_KEYS),
    **{("Account", f): props(f) for f in ("kind", "status", "createdAt")},
}

"""The catalogue and what a customer uses: products, devices, accounts."""

from __future__ import annotations

from resolvers.compiled.fields.spec import Spec, datetime_prop, prop

FIELDS: dict[tuple[str, str], Spec] = {
    ("Product", "id"): prop("sku"),
    ("Product", "sku"): prop("sku"),
    ("Product", "name"): prop("name"),
    ("Product", "category"): prop("category"),
    ("Product", "brand"): prop("brand"),
    ("Product", "price"): prop("price"),
    ("Device", "id"): prop("id"),
    ("Device", "kind"): prop("kind"),
    ("Device", "os"): prop("os"),
    ("Device", "model"): prop("model"),
    ("Device", "lastSeen"): datetime_prop("lastSeen"),
    ("Account", "id"): prop("id"),
    ("Account", "kind"): prop("kind"),
    ("Account", "status"): prop("status"),
    ("Account", "createdAt"): datetime_prop("createdAt"),
}

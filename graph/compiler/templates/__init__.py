"""What each field reads, in Cypher: the compiled path's templates (see `graph/compiler/`).

Each `(type, field)` has one `TEMPLATES` entry: the raw keys it adds to its object's map, each a
Cypher expression or a `Sub` (a nested read); `template.py` says how a template is written.
The entries live with their concept, one module each (`customers.py`, `orders.py`,
`timeline.py`, `cart.py`, `support.py`, `loyalty.py`, `clienteling.py`, `stores.py`,
`catalog.py`, `interactions.py`); `ROOTS` (`roots.py`) holds a subquery body per root field.
"""

from __future__ import annotations

from graph.compiler.templates import (
    cart,
    catalog,
    clienteling,
    customers,
    interactions,
    loyalty,
    orders,
    stores,
    support,
    timeline,
)
from graph.compiler.templates.roots import ROOTS
from graph.compiler.templates.template import ID_KEYS, Sub, Template

__all__ = ["CONCEPTS", "REQUIRED", "ROOTS", "TEMPLATES", "Sub", "Template"]

CONCEPTS = (customers, loyalty, timeline, clienteling, orders, stores, catalog, interactions,
            cart, support)  # fmt: skip
TEMPLATES: dict[tuple[str, str], Template] = {
    key: template for concept in CONCEPTS for key, template in concept.TEMPLATES.items()
}

# Always projected for a type, whatever is selected: what its masking, cursors and audit read.
REQUIRED: dict[str, dict[str, str | Sub]] = {
    "Customer": ID_KEYS,
    "Order": {"id": "@v.id", "placedAt": "@v.placedAt"},
    "Interaction": {"id": "@v.id", "at": "@v.at"},
    "Product": {"sku": "@v.sku"},
    "Store": ID_KEYS,
    "SupportCase": {"id": "@v.id", "status": "@v.status"},
    "LoyaltyMove": {"id": "@v.id", "at": "@v.at"},
    "CartChange": {"id": "@v.id", "at": "@v.at"},
    "TimelineEntry": {"id": "@v.id", "at": "@v_at", "kind": "@v_kind"},
}

"""What each field the compiled path serves means: its value from the raw record its Cypher
(`graph/compiler/templates/` `TEMPLATES`) reads, the door a role needs to follow it, and the
masking its value goes through; one module per concept, named as its Cypher's module is
(`spec.py` says what an entry is). Each entry mirrors the field's resolver in `schema/` and
uses the same helpers (the `resolvers.access` views, `resolvers.customers.stats_of`,
`resolvers.orders`...); `tests/integration/test_compiled_reads.py` proves both paths answer
byte for byte the same.

A field missing here is served by the interpreted path (`resolvers/compiled/plan.py` falls
back for the whole request).
"""

from __future__ import annotations

from resolvers.compiled.fields import (
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
from resolvers.compiled.fields.spec import Getter, Spec

__all__ = ["CONCEPTS", "FIELDS", "Getter", "Spec"]

CONCEPTS = (customers, loyalty, timeline, clienteling, orders, stores, catalog, interactions,
            cart, support)  # fmt: skip
FIELDS: dict[tuple[str, str], Spec] = {
    key: spec for concept in CONCEPTS for key, spec in concept.FIELDS.items()
}

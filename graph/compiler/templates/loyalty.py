"""A customer's loyalty: points, tier and the ledger of moves."""

from __future__ import annotations

from graph.compiler.templates.template import ID_KEYS, ORDER_BY_TIME, Sub, Template, props
from graph.cypher.pages import AFTER

TEMPLATES: dict[tuple[str, str], Template] = {
    ("Customer", "loyalty"): Template({}, flatten=True),
    ("Loyalty", "points"): props("loyaltyPoints"),
    ("Loyalty", "tier"): props("loyaltyTier"),
    ("Loyalty", "ledger"): Template(
        {
            "ledger": Sub(
                "MATCH (@v)-[:EARNED_OR_SPENT]->(@c:LoyaltyMove) "
                f"WHERE {AFTER.format(t='@c.at', i='@c.id', at='$@afterAt', id='$@afterId')} "
                f"WITH @c {ORDER_BY_TIME.format(t='at')} LIMIT $@limit"
            )
        },
        options={"total": {"ledgerTotal": "COUNT { (@v)-[:EARNED_OR_SPENT]->(:LoyaltyMove) }"}},
    ),
    ("LoyaltyMove", "id"): Template(ID_KEYS),
    **{("LoyaltyMove", f): props(f) for f in ("action", "points", "channel", "at", "reference")},
}

"""A customer's loyalty: points, tier and the ledger of moves."""

from __future__ import annotations

from resolvers.compiled.fields.spec import Spec, datetime_prop, prop, same

FIELDS: dict[tuple[str, str], Spec] = {
    ("Customer", "loyalty"): Spec(same),
    ("Loyalty", "points"): Spec(lambda r, _: int(r.get("loyaltyPoints") or 0)),
    ("Loyalty", "tier"): prop("loyaltyTier"),
    ("Loyalty", "ledger"): Spec(same, args="ledger"),
    ("LoyaltyMove", "id"): prop("id"),
    ("LoyaltyMove", "action"): prop("action"),
    ("LoyaltyMove", "points"): Spec(lambda r, _: int(r.get("points") or 0)),
    ("LoyaltyMove", "channel"): prop("channel"),
    ("LoyaltyMove", "at"): datetime_prop("at"),
    ("LoyaltyMove", "reference"): prop("reference"),
}

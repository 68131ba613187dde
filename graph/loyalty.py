"""Loyalty rules: the tier a points balance gives."""

from __future__ import annotations

# Lowest balance of each tier, highest first.
TIERS = (("PLATINUM", 5000), ("GOLD", 2000), ("SILVER", 500), ("BASIC", 0))


def tier_for(points: int) -> str:
    """The tier a balance earns.

    >>> tier_for(20), tier_for(500), tier_for(4999), tier_for(5000)
    ('BASIC', 'SILVER', 'GOLD', 'PLATINUM')
    """
    return next(tier for tier, lowest in TIERS if points >= lowest)

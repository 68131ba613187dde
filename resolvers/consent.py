"""Consent, read at query time: what marketing may do with a contact detail.

>>> in_force = [{"purpose": "MARKETING", "channel": "SMS", "granted": False},
...             {"purpose": "MARKETING", "channel": "ALL", "granted": True}]
>>> marketing_allowed(in_force, ("EMAIL",)), marketing_allowed(in_force, ("SMS", "PHONE"))
(True, True)
>>> marketing_allowed(in_force[:1], ("SMS",)), marketing_allowed([], ("EMAIL",))
(False, False)
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.cypher.rows import ConsentRow

# Which consent channels cover a contact identifier.
MARKETING_CHANNELS: dict[str, tuple[str, ...]] = {
    "EMAIL": ("EMAIL",),
    "PHONE": ("SMS", "PHONE"),
}


def marketing_allowed(consents: Sequence[ConsentRow], channels: Sequence[str]) -> bool:
    """True when any of `channels` may be used; no consent at all means no (opt-in)."""
    granted = {c["channel"]: bool(c["granted"]) for c in consents if c["purpose"] == "MARKETING"}
    return any(granted.get(channel, granted.get("ALL", False)) for channel in channels)

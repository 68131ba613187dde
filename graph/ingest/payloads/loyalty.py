"""The `loyalty` object: points earned, redeemed or adjusted by hand."""

from __future__ import annotations

from typing import Any

from graph.ingest import check, limits
from graph.ingest import events as e
from graph.ingest.events import Rejected


def loyalty(raw: dict[str, Any], where: str) -> dict[str, Any]:
    check.only(raw, where, {"action", "points", "reference"})
    action = check.enum(raw, "action", e.LOYALTY_ACTIONS, required=True, where=where)
    points = check.integer(
        raw, "points", where=where, low=-limits.MAX_POINTS, high=limits.MAX_POINTS, required=True
    )
    assert points is not None
    if action in ("EARN", "REDEEM") and points <= 0:
        raise Rejected("INVALID_FIELD", f"{where}.points", f"{action} takes a positive number")
    if action == "ADJUST" and points == 0:
        raise Rejected("INVALID_FIELD", f"{where}.points", "an adjustment of 0 changes nothing")
    return {
        "action": action,
        "points": points,
        "reference": check.string(raw, "reference", limit=check.MAX_SHORT, where=where),
    }

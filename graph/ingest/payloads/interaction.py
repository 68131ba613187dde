"""The `interaction` object: a view, search, visit, message or review, with what it was about."""

from __future__ import annotations

from typing import Any

from graph.ingest import check, limits
from graph.ingest import events as e


def interaction(raw: dict[str, Any], where: str) -> dict[str, Any]:
    check.only(raw, where, {"kind", "sku", "query", "url", "text", "rating", "durationSeconds"})
    return {
        "kind": check.enum(raw, "kind", e.INTERACTION_KINDS, required=True, where=where),
        "sku": check.string(raw, "sku", limit=check.MAX_ID, where=where),
        "query": check.string(raw, "query", limit=check.MAX_SHORT, where=where),
        "url": check.string(raw, "url", limit=2000, where=where),
        "text": check.string(raw, "text", limit=check.MAX_TEXT, where=where),
        "rating": check.integer(raw, "rating", where=where, low=1, high=5),
        "durationSeconds": check.integer(
            raw, "durationSeconds", where=where, low=0, high=limits.MAX_DURATION
        ),
    }

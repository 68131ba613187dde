"""The `consent` object: a purpose granted or withdrawn, on a channel."""

from __future__ import annotations

from typing import Any

from graph.ingest import check
from graph.ingest import events as e
from graph.ingest.events import Rejected


def consent(raw: dict[str, Any], where: str) -> dict[str, Any]:
    check.only(raw, where, {"purpose", "channel", "granted", "documentVersion"})
    granted = raw.get("granted")
    if not isinstance(granted, bool):
        code = "MISSING_FIELD" if granted is None else "INVALID_FIELD"
        raise Rejected(code, f"{where}.granted", "`granted` is true or false")
    return {
        "purpose": check.enum(raw, "purpose", e.CONSENT_PURPOSES, required=True, where=where),
        "channel": check.enum(raw, "channel", e.CONSENT_CHANNELS, required=True, where=where),
        "granted": granted,
        "documentVersion": check.string(raw, "documentVersion", limit=check.MAX_ID, where=where),
    }

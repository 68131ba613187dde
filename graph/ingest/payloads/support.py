"""The `support` object: a step of a support case."""

from __future__ import annotations

from typing import Any

from graph.ingest import check
from graph.ingest import events as e


def support(raw: dict[str, Any], where: str) -> dict[str, Any]:
    check.only(raw, where, {"caseId", "action", "subject", "text", "orderId"})
    return {
        "caseId": check.string(raw, "caseId", required=True, limit=check.MAX_ID, where=where),
        "action": check.enum(raw, "action", e.CASE_ACTIONS, required=True, where=where),
        "subject": check.string(raw, "subject", limit=check.MAX_SHORT, where=where),
        "text": check.string(raw, "text", limit=check.MAX_TEXT, where=where),
        "orderId": check.string(raw, "orderId", limit=check.MAX_ID, where=where),
    }

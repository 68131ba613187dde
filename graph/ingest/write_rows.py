"""The row of `cypher.APPLY_EVENTS` one planned event becomes: who it goes to, the merges and
the conflict it records, its identifiers and device, its payload and the ledger moves it writes.
The keys are the names `APPLY_EVENTS` reads (`e.customerId`, `e.refs`...).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TypedDict

from graph.ingest.events import Event, IdentifierRef, Rejection, derived_id
from graph.ingest.ledger import moves_of
from graph.ingest.limits import MAX_QUANTITY
from graph.ingest.resolve import Decision


class PayloadPart(TypedDict):
    """What the payload adds to the row, and whether the customer's derived fields change."""

    moves: list[dict[str, Any]]  # the ledger moves written (`ledger.moves_of`)
    refreshes: bool
    orderExists: bool
    total: float | None
    traits: list[dict[str, str]]  # {name, value as JSON}


def payload_part(event: Event, orders: set[str]) -> tuple[Rejection | None, PayloadPart]:
    """The payload's part of the row, or why the event cannot be applied (`orders`: the ids of
    the orders known so far)."""
    p = event.payload
    out = PayloadPart(moves=[], refreshes=event.type == "identify", orderExists=False,
                      total=None, traits=[])  # fmt: skip
    if event.type == "identify":
        out["traits"] = [{"name": k, "value": json.dumps(v)} for k, v in p.items()]
    elif event.type == "order":
        exists = p["orderId"] in orders
        if not exists and (p["currency"] is None or p["total"] is None):
            name = "order.currency" if p["currency"] is None else "order.total"
            return Rejection("MISSING_FIELD", name,
                             f"order {p['orderId']} is new: its first event needs it"), out  # fmt: skip
        out["orderExists"] = exists
        out["total"] = p["total"] if exists else None
    elif event.type == "loyalty":
        out["refreshes"] = True
    out["moves"] = moves_of(event)
    out["refreshes"] = out["refreshes"] or bool(out["moves"])
    return None, out


def event_row(
    event: Event,
    refs: list[IdentifierRef],
    customer_id: str,
    new: bool,
    decision: Decision,
    payload: PayloadPart,
    held: set[str],
) -> dict[str, Any]:
    """Everything `APPLY_EVENTS` needs for one event (see the parameter list there); `held`:
    the identifier keys the customer holds once the event is applied."""
    links = {r.key: merge_id(event.event_id, m.merged_id)
             for m in decision.merges for r in m.linked_by}  # fmt: skip
    conflict = decision.conflict
    device = event.device
    return {
        "eventId": event.event_id,
        "type": event.type,
        "at": event.at.isoformat(),
        "channel": event.channel,
        "source": event.source,
        "storeId": event.store_id,
        "customerId": customer_id,
        "create": new,
        "merges": [
            {
                "survivorId": customer_id,
                "mergedId": m.merged_id,
                "mergeId": merge_id(event.event_id, m.merged_id),
                "linkedBy": [r.key for r in m.linked_by],
            }
            for m in decision.merges
        ],
        "conflict": None
        if conflict is None
        else {
            "id": f"conflict-{event.event_id}",
            "reason": conflict.reason,
            "customerIds": list(conflict.customer_ids),
            "identifiers": [r.key for r in conflict.identifiers],
        },
        "refs": [
            {
                "type": r.type,
                "value": r.value,
                "held": r.key in held,
                "link": links.get(r.key),
            }
            for r in refs
        ],
        "accounts": _accounts(r for r in refs if r.key in held),
        "device": None
        if device is None
        else {
            "id": device.id,
            "kind": device.kind,
            "os": device.os,
            "model": device.model,
            "appVersion": device.app_version,
            "terminal": device.terminal,
        },
        "deviceId": device.id if device else None,
        "p": event.payload if event.type != "order" else None,
        "o": event.payload if event.type == "order" else None,
        "orderExists": payload["orderExists"],
        "total": payload["total"],
        "traits": payload["traits"],
        "moves": payload["moves"],
        "lineMax": MAX_QUANTITY,
    }


def merge_id(event_id: str, merged_id: str) -> str:
    return derived_id("merge", f"{event_id}/{merged_id}")


def _accounts(refs: Iterable[IdentifierRef]) -> list[dict[str, str]]:
    kinds = {"LOYALTY_ID": ("loyalty", "LOYALTY"), "CUSTOMER_ID": ("online", "ONLINE")}
    return [
        {"id": f"{kinds[r.type][0]}-{r.value}", "kind": kinds[r.type][1]}
        for r in refs
        if r.type in kinds
    ]

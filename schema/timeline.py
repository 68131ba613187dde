"""The customer's cross-channel timeline: orders, interactions, cart changes, case messages,
consent changes and loyalty moves in one stream."""

from __future__ import annotations

from datetime import datetime

import strawberry

from resolvers.loaders.pages import TimelineItemRow
from resolvers.timeline import timeline_summary
from schema.connections import Connection
from schema.convert import to_enum
from schema.enums import Channel, TimelineKind
from schema.interaction import Interaction
from schema.order import Order


@strawberry.type(description="One entry of the customer's cross-channel timeline.")
class TimelineEntry:
    id: strawberry.ID
    at: datetime
    kind: TimelineKind
    channel: Channel | None
    summary: str = strawberry.field(description="A line a person can read.")
    order: Order | None = None
    interaction: Interaction | None = None
    case_id: strawberry.ID | None = None

    @classmethod
    def from_record(cls, r: TimelineItemRow) -> TimelineEntry:
        kind = TimelineKind(r["kind"])
        data = r["data"]  # its row type is the one `kind` names
        entry = cls(
            id=strawberry.ID(r["id"]),
            at=r["at"].to_native(),
            kind=kind,
            channel=to_enum(Channel, r["channel"]),
            summary=timeline_summary(kind.value, data),
        )
        if kind is TimelineKind.ORDER:
            entry.order = Order.from_record(data)
        elif kind is TimelineKind.INTERACTION:
            entry.interaction = Interaction.from_record(data)
        elif kind is TimelineKind.CASE_MESSAGE:
            entry.case_id = strawberry.ID(data["caseId"])
        return entry


@strawberry.type(name="TimelineConnection")
class TimelineConnection(Connection[TimelineEntry]):
    """The customer's cross-channel timeline, one page at a time."""

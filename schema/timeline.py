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
        entry = cls(
            id=strawberry.ID(r["id"]),
            at=r["at"].to_native(),
            kind=TimelineKind(r["kind"]),
            channel=to_enum(Channel, r["channel"]),
            summary=timeline_summary(r),
        )
        # `data` is the row of the type `kind` names
        if r["kind"] == "ORDER":
            entry.order = Order.from_record(r["data"])
        elif r["kind"] == "INTERACTION":
            entry.interaction = Interaction.from_record(r["data"])
        elif r["kind"] == "CASE_MESSAGE":
            entry.case_id = strawberry.ID(r["data"]["caseId"])
        return entry


@strawberry.type(name="TimelineConnection")
class TimelineConnection(Connection[TimelineEntry]):
    """The customer's cross-channel timeline, one page at a time."""

"""Support cases and their messages from every channel."""

from __future__ import annotations

from datetime import datetime

import strawberry

from resolvers.context import Info
from resolvers.loaders.customers import SupportCaseRow
from resolvers.loaders.orders import OrderByIdLoader
from schema.convert import to_datetime, to_enum
from schema.enums import CaseAction, CaseStatus, Channel
from schema.node import Node
from schema.order import Order


@strawberry.type
class CaseMessage:
    channel: Channel | None
    at: datetime | None
    text: str | None
    action: CaseAction | None


@strawberry.type(description="A support case with its messages from every channel, in time order.")
class SupportCase(Node):
    status: CaseStatus | None
    subject: str | None
    opened_at: datetime | None
    updated_at: datetime | None
    messages: list[CaseMessage]
    order_id: strawberry.Private[str | None]

    @strawberry.field(description="The channels the case moved through, in order of first use.")
    def channels(self) -> list[Channel]:
        seen = dict.fromkeys(m.channel for m in self.messages if m.channel is not None)
        return list(seen)

    @strawberry.field(description="The order the case is about, if any.")
    async def order(self, info: Info) -> Order | None:
        return await OrderByIdLoader(info).load_as(self.order_id, Order.from_record)

    @classmethod
    def from_record(cls, r: SupportCaseRow) -> SupportCase:
        return cls(
            id=strawberry.ID(r["id"]),
            status=to_enum(CaseStatus, r.get("status")),
            subject=r.get("subject"),
            opened_at=to_datetime(r.get("openedAt")),
            updated_at=to_datetime(r.get("updatedAt")),
            messages=[
                CaseMessage(
                    channel=to_enum(Channel, m.get("channel")),
                    at=to_datetime(m.get("at")),
                    text=m.get("text"),
                    action=to_enum(CaseAction, m.get("action")),
                )
                for m in r["messages"]
            ],
            order_id=r.get("orderId"),
        )

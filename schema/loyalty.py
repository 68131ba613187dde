"""Loyalty: the points balance, its tier, and the ledger of moves on every channel."""

from __future__ import annotations

from datetime import datetime

import strawberry

from resolvers.context import Info
from resolvers.loaders.pages import LoyaltyMoveRow
from resolvers.loyalty import ledger
from schema.connections import Connection
from schema.convert import to_datetime, to_enum
from schema.enums import Channel, LoyaltyAction, LoyaltyTier


@strawberry.type(
    description="Points earned, redeemed or adjusted, on the channel where it happened."
)
class LoyaltyMove:
    id: strawberry.ID
    action: LoyaltyAction | None
    points: int = strawberry.field(description="Signed: negative for a redemption.")
    channel: Channel | None
    at: datetime | None
    reference: str | None = strawberry.field(description="The order, coupon or case it is for.")

    @classmethod
    def from_record(cls, r: LoyaltyMoveRow) -> LoyaltyMove:
        return cls(
            id=strawberry.ID(r["id"]),
            action=to_enum(LoyaltyAction, r.get("action")),
            points=int(r.get("points") or 0),
            channel=to_enum(Channel, r.get("channel")),
            at=to_datetime(r.get("at")),
            reference=r.get("reference"),
        )


@strawberry.type(name="LoyaltyMoveConnection")
class LoyaltyMoveConnection(Connection[LoyaltyMove]):
    """The loyalty ledger, newest first, one page at a time."""


@strawberry.type
class Loyalty:
    points: int
    tier: LoyaltyTier | None
    customer_id: strawberry.Private[str]

    @strawberry.field(description="Every move, newest first: the balance is their sum.")
    async def ledger(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> LoyaltyMoveConnection:
        page = await ledger(info, self.customer_id, first, after)
        return LoyaltyMoveConnection.from_page(page, LoyaltyMove.from_record, after is not None)

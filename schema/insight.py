"""What the graph says about a customer: their path across channels, and what to suggest."""

from __future__ import annotations

from datetime import datetime

import strawberry

from resolvers import customer_journey as resolve
from resolvers.context import Info
from resolvers.loaders.customers import JourneyRow
from resolvers.recommendations import Suggestion
from schema.catalog import Product
from schema.enums import Channel


@strawberry.type(description="One touchpoint of the customer's path.")
class JourneyStep:
    channel: Channel
    at: datetime
    kind: str = strawberry.field(
        description="What happened: an interaction kind (PRODUCT_VIEW, STORE_VISIT...), "
        "ORDER_<status> (ORDER_PLACED, ORDER_PICKED_UP...), CART_<action>, CASE_<action>, "
        "CONSENT or LOYALTY_<action>."
    )


@strawberry.type(description="How often the customer went from one channel to another.")
class ChannelTransition:
    from_: Channel = strawberry.field(name="from")
    to: Channel
    count: int


@strawberry.type(
    description="The customer's touchpoints across channels: interactions, cart changes, case "
    "messages, consents, loyalty moves and the order steps they took (placing, paying at the "
    "till, picking up, cancelling, returning). One moment on one channel is one touchpoint."
)
class CustomerJourney:
    customer_id: strawberry.Private[str]

    async def _journey(self, info: Info) -> JourneyRow:
        return await resolve.journey(info, self.customer_id)

    @strawberry.field(
        description="Touchpoints in time order: the first `first` (20 when neither is given), "
        "or the last `last`; at most 100."
    )
    async def path(
        self, info: Info, first: int | None = None, last: int | None = None
    ) -> list[JourneyStep]:
        steps = await resolve.path(info, self.customer_id, first, last)
        return [
            JourneyStep(channel=Channel(s["channel"]), at=s["at"].to_native(), kind=s["kind"])
            for s in steps
        ]

    @strawberry.field(description="How many touchpoints there are in all.")
    async def touchpoints(self, info: Info) -> int:
        return (await self._journey(info))["touchpoints"]

    @strawberry.field(
        description="Changes of channel between consecutive touchpoints, most frequent first."
    )
    async def channel_transitions(self, info: Info) -> list[ChannelTransition]:
        return [
            ChannelTransition(from_=Channel(t["from"]), to=Channel(t["to"]), count=t["count"])
            for t in (await self._journey(info))["transitions"]
        ]

    @strawberry.field(
        description="Viewed or searched for a product online (WEB, MOBILE_APP), then bought it "
        "offline (STORE, KIOSK)."
    )
    async def research_online_buy_offline(self, info: Info) -> bool:
        return (await self._journey(info))["researchOnlineBuyOffline"]

    @strawberry.field(
        description="Viewed a product in a store and bought it online later, or visited a store "
        "and ordered online (WEB, MOBILE_APP, MARKETPLACE) within 7 days."
    )
    async def research_offline_buy_online(self, info: Info) -> bool:
        return (await self._journey(info))["researchOfflineBuyOnline"]


@strawberry.type(description="A product to suggest, with why.")
class Recommendation:
    product: Product
    score: float = strawberry.field(description="0..1.1: higher is a stronger suggestion.")
    reason: str = strawberry.field(
        description='A sentence: "in your cart", "viewed in the app on 12 Mar", "bought '
        'together with Rain jacket", "customers who bought Wool scarf also bought it".'
    )

    @classmethod
    def from_record(cls, r: Suggestion) -> Recommendation:
        return cls(product=Product.from_record(r["product"]), score=r["score"], reason=r["reason"])

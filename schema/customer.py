"""The customer-360 view: one person and everything they did, on every channel."""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

import strawberry
from strawberry.scalars import JSON

from resolvers import clienteling, identity, recommendations, support, timeline
from resolvers import customers as resolve
from resolvers.consent import MARKETING_CHANNELS, marketing_allowed
from resolvers.context import Info
from resolvers.loaders import CustomerRow
from resolvers.loaders.customers import (
    ConsentsByCustomerLoader,
    OpenCartByCustomerLoader,
)
from schema.cart import Cart
from schema.catalog import Account, Device
from schema.clienteling import ImportantDate, Note
from schema.connections import Connection
from schema.consent import Consent
from schema.convert import to_date, to_datetime, to_enum
from schema.enums import (
    Channel,
    IdentifierType,
    InteractionKind,
    LoyaltyTier,
    OrderStatus,
    RfmSegment,
)
from schema.identity import Identity
from schema.insight import CustomerJourney, Recommendation
from schema.interaction import Interaction
from schema.loyalty import Loyalty
from schema.node import Node
from schema.order import Order
from schema.support import SupportCase
from schema.timeline import TimelineConnection, TimelineEntry


@strawberry.type
class Identifier:
    type: IdentifierType
    value: str
    first_seen: datetime | None
    last_seen: datetime | None
    customer_id: strawberry.Private[str]

    @strawberry.field(
        description="For EMAIL and PHONE: whether marketing may use it (a MARKETING consent in "
        "force on EMAIL, or on SMS or PHONE; ALL when none is specific). Null for other types."
    )
    async def marketing_allowed(self, info: Info) -> bool | None:
        channels = MARKETING_CHANNELS.get(self.type.value)
        if channels is None:
            return None
        return marketing_allowed(
            await ConsentsByCustomerLoader(info).load(self.customer_id), channels
        )


@strawberry.type
class Address:
    line1: str | None
    city: str | None
    postal_code: str | None
    country: str | None


@strawberry.type(description="Aggregates over everything the customer did.")
class CustomerStats:
    lifetime_value: float = strawberry.field(description="Sum of orders not cancelled or returned.")
    order_count: int
    average_order_value: float | None
    first_seen: datetime | None
    last_seen: datetime | None
    last_channel: Channel | None
    preferred_channel: Channel | None = strawberry.field(description="The most used channel.")
    channels: list[Channel] = strawberry.field(description="Every channel the customer used.")
    recency: int | None = strawberry.field(
        description="1-5: days since the last order (5: within 30, 4: 90, 3: 180, 2: 365, "
        "1: longer). Null when the customer never ordered."
    )
    frequency: int | None = strawberry.field(
        description="1-5: orders (1: one, 2: two, 3: 3-4, 4: 5-7, 5: 8 or more)."
    )
    monetary: int | None = strawberry.field(
        description="1-5: lifetime value (1: under 100, 2: 100, 3: 250, 4: 500, 5: 1,000 or more)."
    )
    rfm_segment: RfmSegment


@strawberry.type(description="One person, recognised across every channel.")
class Customer(Node):
    given_name: str | None
    family_name: str | None
    birth_date: date | None
    locale: str | None
    address: Address | None
    sizes: JSON = strawberry.field(description='Sizes by garment, e.g. {"jacket": "M"}.')
    preferences: JSON
    anonymous: bool = strawberry.field(description="True while no person identifier is known.")
    personalization: bool = strawberry.field(
        description="False when the customer refused PERSONALIZATION: `sizes` and `preferences` "
        "are then withheld from everyone but the customer."
    )
    loyalty: Loyalty

    @classmethod
    def from_record(cls, r: CustomerRow) -> Customer:
        address_fields = ("addressLine1", "addressCity", "addressPostalCode", "addressCountry")
        has_address = any(r.get(f) for f in address_fields)
        return cls(
            id=strawberry.ID(r["id"]),
            given_name=r.get("givenName"),
            family_name=r.get("familyName"),
            birth_date=to_date(r.get("birthDate")),
            locale=r.get("locale"),
            address=Address(
                line1=r.get("addressLine1"),
                city=r.get("addressCity"),
                postal_code=r.get("addressPostalCode"),
                country=r.get("addressCountry"),
            )
            if has_address
            else None,
            sizes=cast(JSON, r.get("sizes") or {}),
            preferences=cast(JSON, r.get("preferences") or {}),
            anonymous=bool(r.get("anonymous", False)),
            personalization=not r.get("personalizationRefused", False),
            loyalty=Loyalty(
                points=int(r.get("loyaltyPoints") or 0),
                tier=to_enum(LoyaltyTier, r.get("loyaltyTier")),
                customer_id=r["id"],
            ),
        )

    @strawberry.field
    async def identifiers(self, info: Info) -> list[Identifier]:
        return [
            Identifier(
                type=IdentifierType(i["type"]),
                value=i["value"],
                first_seen=to_datetime(i.get("firstSeen")),
                last_seen=to_datetime(i.get("lastSeen")),
                customer_id=str(self.id),
            )
            for i in await resolve.identifiers(info, str(self.id))
        ]

    @strawberry.field
    async def devices(self, info: Info) -> list[Device]:
        return [Device.from_record(r) for r in await resolve.devices(info, str(self.id))]

    @strawberry.field
    async def accounts(self, info: Info) -> list[Account]:
        return [Account.from_record(r) for r in await resolve.accounts(info, str(self.id))]

    @strawberry.field(description="Orders on every channel, newest first.")
    async def orders(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        channel: Channel | None = None,
        status: OrderStatus | None = None,
    ) -> Connection[Order]:
        page = await resolve.orders(
            info,
            str(self.id),
            first,
            after,
            channel.value if channel else None,
            status.value if status else None,
        )
        return Connection.from_page(page, Order.from_record, after is not None)

    @strawberry.field(description="Interactions on every channel, newest first.")
    async def interactions(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        channels: list[Channel] | None = None,
        kinds: list[InteractionKind] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> Connection[Interaction]:
        page = await resolve.interactions(
            info,
            str(self.id),
            first,
            after,
            [c.value for c in channels] if channels is not None else None,
            [k.value for k in kinds] if kinds is not None else None,
            since,
            until,
        )
        return Connection.from_page(page, Interaction.from_record, after is not None)

    @strawberry.field(
        description="Orders, interactions, cart changes, case messages, consent changes and "
        "loyalty moves in one stream, newest first, each with its channel."
    )
    async def timeline(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> TimelineConnection:
        page = await timeline.timeline(info, str(self.id), first, after)
        return TimelineConnection.from_page(page, TimelineEntry.from_record, after is not None)

    @strawberry.field(description="The open cart, or null when the customer has none.")
    async def cart(self, info: Info) -> Cart | None:
        return await OpenCartByCustomerLoader(info).load_as(str(self.id), Cart.from_record)

    @strawberry.field(description="Support cases, most recently opened first.")
    async def support_cases(self, info: Info) -> list[SupportCase]:
        return [SupportCase.from_record(r) for r in await support.support_cases(info, str(self.id))]

    @strawberry.field(description="Support cases still open, most recently opened first.")
    async def open_cases(self, info: Info) -> list[SupportCase]:
        return [SupportCase.from_record(r) for r in await support.open_cases(info, str(self.id))]

    @strawberry.field(description="Consents in force, one per purpose and channel.")
    async def consents(self, info: Info) -> list[Consent]:
        return [Consent.from_record(r) for r in await resolve.consents(info, str(self.id))]

    @strawberry.field(description="Why this is one person: identifiers, merges, conflicts.")
    def identity(self, info: Info) -> Identity:
        return Identity(customer_id=identity.identity(info, str(self.id)))

    @strawberry.field(description="How the customer moves between channels.")
    def journey(self) -> CustomerJourney:
        return CustomerJourney(customer_id=str(self.id))

    @strawberry.field(
        description="Products to suggest, best first, each with a reason; never one already "
        "bought unless consumable. Empty when the customer refused PERSONALIZATION."
    )
    async def recommendations(self, info: Info, first: int | None = 5) -> list[Recommendation]:
        refused = not self.personalization
        rows = await recommendations.recommendations(info, str(self.id), first, refused)
        return [Recommendation.from_record(r) for r in rows]

    @strawberry.field(description="Notes staff wrote about the customer, newest first.")
    async def notes(self, info: Info) -> list[Note]:
        return [Note.from_record(r) for r in await clienteling.notes(info, str(self.id))]

    @strawberry.field(
        description="The birthday (for roles that see the birth date) and the dates staff "
        "recorded, in date order."
    )
    async def important_dates(self, info: Info) -> list[ImportantDate]:
        rows = await clienteling.important_dates(info, str(self.id), self.birth_date)
        return [ImportantDate.from_record(r) for r in rows]

    @strawberry.field
    async def stats(self, info: Info) -> CustomerStats:
        s = await resolve.stats(info, str(self.id))
        rfm = s["rfm"]
        return CustomerStats(
            lifetime_value=s["lifetime_value"],
            order_count=s["order_count"],
            average_order_value=s["average_order_value"],
            first_seen=to_datetime(s["first_seen"]),
            last_seen=to_datetime(s["last_seen"]),
            last_channel=to_enum(Channel, s["last_channel"]),
            preferred_channel=to_enum(Channel, s["preferred_channel"]),
            channels=[Channel(c) for c in s["channels"]],
            recency=rfm["recency"],
            frequency=rfm["frequency"],
            monetary=rfm["monetary"],
            rfm_segment=RfmSegment(rfm["segment"]),
        )

"""The root `Subscription`: live activity of a customer or a store, over `graphql-transport-ws`.

    subscription { storeActivity(storeId: "store-lisbon-1") { kind summary customer { givenName } } }

Every event ingestion applies (through any gateway process, when they share `REDIS_URL`) is
delivered the moment its transaction commits. Who may follow what:
`resolvers/live/subscriptions.py`.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from enum import Enum

import strawberry

from resolvers.context import Info
from resolvers.live import subscriptions as live
from resolvers.live.bus import Activity as Message
from schema.customer import Customer
from schema.enums import Channel


@strawberry.enum(description="What happened, in the words of a store or a contact centre.")
class ActivityKind(Enum):
    CHECK_IN = "CHECK_IN"
    APPOINTMENT = "APPOINTMENT"
    INTERACTION = "INTERACTION"
    CART_CHANGED = "CART_CHANGED"
    ORDER_PLACED = "ORDER_PLACED"
    PICKUP_READY = "PICKUP_READY"
    ORDER_UPDATED = "ORDER_UPDATED"
    CASE_OPENED = "CASE_OPENED"
    CASE_MESSAGE = "CASE_MESSAGE"
    CASE_RESOLVED = "CASE_RESOLVED"
    CASE_REOPENED = "CASE_REOPENED"
    CONSENT_CHANGED = "CONSENT_CHANGED"
    LOYALTY_CHANGED = "LOYALTY_CHANGED"
    PROFILE_UPDATED = "PROFILE_UPDATED"


@strawberry.type(description="One applied event, as a live feed tells it.")
class Activity:
    event_id: str
    kind: ActivityKind
    channel: Channel
    at: datetime
    summary: str = strawberry.field(description="One line, never quoting a customer's own text.")
    customer_id: strawberry.ID | None = strawberry.field(
        description="The profile the event went to (the survivor of any merge it caused)."
    )
    store_id: strawberry.ID | None

    @strawberry.field(description="The customer, as your role may see them (read afresh).")
    async def customer(self, info: Info) -> Customer | None:
        record = await live.activity_customer(info, self.customer_id)
        return Customer.from_record(record) if record else None

    @classmethod
    def from_message(cls, m: Message) -> Activity:
        return cls(
            event_id=m["eventId"],
            kind=ActivityKind(m["kind"]),
            channel=Channel(m["channel"]),
            at=datetime.fromisoformat(m["at"]),
            summary=m["summary"],
            customer_id=strawberry.ID(m["customerId"]) if m.get("customerId") else None,
            store_id=strawberry.ID(m["storeId"]) if m.get("storeId") else None,
        )


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="What happens to one customer, live: a merged-away id follows its survivor. "
        "Customers follow only themselves; analysts and ingestion keys may not subscribe."
    )
    async def customer_activity(
        self, info: Info, customer_id: strawberry.ID
    ) -> AsyncGenerator[Activity, None]:
        async for message in live.customer_activity(info, str(customer_id)):
            yield Activity.from_message(message)

    @strawberry.subscription(
        description="What happens in one store, live: check-ins, carts, pickups ready, cases. "
        "Associates follow only the store of their token."
    )
    async def store_activity(
        self, info: Info, store_id: strawberry.ID
    ) -> AsyncGenerator[Activity, None]:
        async for message in live.store_activity(info, str(store_id)):
            yield Activity.from_message(message)

"""What a customer does: interactions, the cart, support cases, consents, the timeline."""

from __future__ import annotations

from datetime import datetime

import strawberry

from graph.driver import Record
from resolvers.cart import cart_history
from resolvers.context import Info, require
from resolvers.loaders.catalog import DeviceByIdLoader, ProductBySkuLoader, StoreByIdLoader
from resolvers.loaders.orders import OrderByIdLoader
from resolvers.timeline import timeline_summary
from schema.catalog import Device, Product, Store
from schema.connections import Connection
from schema.convert import to_datetime, to_enum
from schema.enums import (
    CartAction,
    CartStatus,
    CaseAction,
    CaseStatus,
    Channel,
    ConsentChannel,
    ConsentPurpose,
    InteractionKind,
    TimelineKind,
)
from schema.node import Node
from schema.order import Order


@strawberry.type
class Interaction(Node):
    kind: InteractionKind | None
    channel: Channel | None
    at: datetime | None
    sku: str | None
    query: str | None
    url: str | None
    text: str | None
    rating: int | None
    duration_seconds: int | None
    store_id: strawberry.Private[str | None]
    device_id: strawberry.Private[str | None]

    @classmethod
    def from_record(cls, r: Record) -> Interaction:
        return cls(
            id=strawberry.ID(r["id"]),
            kind=to_enum(InteractionKind, r.get("kind")),
            channel=to_enum(Channel, r.get("channel")),
            at=to_datetime(r.get("at")),
            sku=r.get("sku"),
            query=r.get("query"),
            url=r.get("url"),
            text=r.get("text"),
            rating=r.get("rating"),
            duration_seconds=r.get("durationSeconds"),
            store_id=r.get("storeId"),
            device_id=r.get("deviceId"),
        )

    @strawberry.field
    async def product(self, info: Info) -> Product | None:
        return await ProductBySkuLoader(info).load_as(self.sku, Product.from_record)

    @strawberry.field
    async def store(self, info: Info) -> Store | None:
        return await StoreByIdLoader(info).load_as(self.store_id, Store.from_record)

    @strawberry.field
    async def device(self, info: Info) -> Device | None:
        require(info, "devices")
        return await DeviceByIdLoader(info).load_as(self.device_id, Device.from_record)


@strawberry.type
class CartItem:
    sku: str
    quantity: int
    unit_price: float | None
    product: Product | None


@strawberry.type(description="One change to a cart, on the channel where it happened.")
class CartChange:
    id: strawberry.ID
    action: CartAction | None
    sku: str | None
    quantity: int | None
    unit_price: float | None
    channel: Channel | None
    at: datetime | None

    @classmethod
    def from_record(cls, r: Record) -> CartChange:
        return cls(
            id=strawberry.ID(r["id"]),
            action=to_enum(CartAction, r.get("action")),
            sku=r.get("sku"),
            quantity=r.get("quantity"),
            unit_price=r.get("unitPrice"),
            channel=to_enum(Channel, r.get("channel")),
            at=to_datetime(r.get("at")),
        )


@strawberry.type(name="CartChangeConnection")
class CartChangeConnection(Connection[CartChange]):
    """A cart's changes, newest first, one page at a time."""


@strawberry.type(
    description="A cart, shared by every channel and device: the customer's open one, or the "
    "one an order was checked out from."
)
class Cart:
    id: strawberry.ID
    status: CartStatus | None
    items: list[CartItem]
    updated_at: datetime | None
    last_channel: Channel | None
    last_device_id: str | None
    checked_out_at: datetime | None

    @strawberry.field(description="Sum of quantity x unit price over the items.")
    def subtotal(self) -> float:
        return round(sum(i.quantity * (i.unit_price or 0.0) for i in self.items), 2)

    @strawberry.field(
        description="The device of the last change (null for roles that see no devices)."
    )
    async def last_device(self, info: Info) -> Device | None:
        return await DeviceByIdLoader(info).load_as(self.last_device_id, Device.from_record)

    @strawberry.field(
        description="Every change, newest first, on every channel: those made before a login "
        "(an anonymous cart merged into this one) included."
    )
    async def history(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> CartChangeConnection:
        page = await cart_history(info, str(self.id), first, after)
        return CartChangeConnection.from_page(page, CartChange.from_record, after is not None)

    @classmethod
    def from_record(cls, r: Record) -> Cart:
        return cls(
            id=strawberry.ID(r["id"]),
            status=to_enum(CartStatus, r.get("status")),
            checked_out_at=to_datetime(r.get("checkedOutAt")),
            items=[
                CartItem(
                    sku=i["sku"],
                    quantity=i["quantity"],
                    unit_price=i.get("unitPrice"),
                    product=Product.from_record(i["product"]) if i.get("product") else None,
                )
                for i in r["items"]
            ],
            updated_at=to_datetime(r.get("updatedAt")),
            last_channel=to_enum(Channel, r.get("lastChannel")),
            last_device_id=r.get("lastDeviceId"),
        )


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
    def from_record(cls, r: Record) -> SupportCase:
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
                for m in r.get("messages", [])
            ],
            order_id=r.get("orderId"),
        )


@strawberry.type(description="A consent in force: the latest change per purpose and channel.")
class Consent:
    purpose: ConsentPurpose
    channel: ConsentChannel
    granted: bool
    at: datetime | None
    document_version: str | None

    @classmethod
    def from_record(cls, r: Record) -> Consent:
        return cls(
            purpose=ConsentPurpose(r["purpose"]),
            channel=ConsentChannel(r["channel"]),
            granted=bool(r["granted"]),
            at=to_datetime(r.get("at")),
            document_version=r.get("documentVersion"),
        )


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
    def from_record(cls, r: Record) -> TimelineEntry:
        kind = TimelineKind(r["kind"])
        data: Record = r["data"]
        entry = cls(
            id=strawberry.ID(r["id"]),
            at=to_datetime(r["at"]),  # type: ignore[arg-type]
            kind=kind,
            channel=to_enum(Channel, r.get("channel")),
            summary=timeline_summary(kind.value, data),
        )
        if kind is TimelineKind.ORDER:
            entry.order = Order.from_record(data)
        elif kind is TimelineKind.INTERACTION:
            entry.interaction = Interaction.from_record(data)
        elif kind is TimelineKind.CASE_MESSAGE:
            entry.case_id = strawberry.ID(data["caseId"])
        return entry

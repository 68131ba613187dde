"""The cart shared by every channel and device, and its history of changes."""

from __future__ import annotations

from datetime import datetime

import strawberry

from resolvers.cart import cart_history, subtotal
from resolvers.context import Info
from resolvers.loaders.catalog import DeviceByIdLoader
from resolvers.loaders.customers import CartRow
from resolvers.loaders.pages import CartChangeRow
from schema.catalog import Device, Product
from schema.connections import Connection
from schema.convert import to_datetime, to_enum
from schema.enums import CartAction, CartStatus, Channel


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
    def from_record(cls, r: CartChangeRow) -> CartChange:
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
        return subtotal((i.quantity, i.unit_price) for i in self.items)

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
    def from_record(cls, r: CartRow) -> Cart:
        return cls(
            id=strawberry.ID(r["id"]),
            status=to_enum(CartStatus, r.get("status")),
            checked_out_at=to_datetime(r.get("checkedOutAt")),
            items=[
                CartItem(
                    sku=i["sku"],
                    quantity=i["quantity"],
                    unit_price=i.get("unitPrice"),
                    product=Product.from_record(i["product"]),
                )
                for i in r["items"]
            ],
            updated_at=to_datetime(r.get("updatedAt")),
            last_channel=to_enum(Channel, r.get("lastChannel")),
            last_device_id=r.get("lastDeviceId"),
        )

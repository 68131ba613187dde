"""Orders: where they were placed, their lines, their status steps across channels."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from resolvers.context import Info
from resolvers.loaders.customers import CustomerByIdLoader
from resolvers.loaders.orders import (
    CartByOrderLoader,
    OrderLineRow,
    OrderLinesByOrderLoader,
    StatusHistoryByOrderLoader,
)
from resolvers.loaders.pages import OrderRow
from resolvers.orders import order_journey
from schema.catalog import Device, Product, Store, device_by_id, store_by_id
from schema.convert import to_datetime, to_enum
from schema.enums import Channel, Fulfillment, OrderStatus
from schema.node import Node

if TYPE_CHECKING:
    from schema.cart import Cart
    from schema.customer import Customer


@strawberry.type
class OrderLine:
    sku: str
    quantity: int
    unit_price: float
    product: Product | None

    @classmethod
    def from_record(cls, r: OrderLineRow) -> OrderLine:
        product = r["product"]
        return cls(
            sku=r["sku"],
            quantity=r["quantity"],
            unit_price=r["unitPrice"],
            product=Product.from_record(product) if product else None,
        )


@strawberry.type(description="One step of an order's life, on the channel where it happened.")
class OrderStatusStep:
    status: OrderStatus
    channel: Channel | None
    at: datetime
    store_id: strawberry.Private[str | None]

    @strawberry.field
    async def store(self, info: Info) -> Store | None:
        return await store_by_id(info, self.store_id)


@strawberry.type
class Order(Node):
    channel: Channel | None
    status: OrderStatus | None
    fulfillment: Fulfillment | None
    placed_at: datetime | None
    currency: str | None
    total: float | None
    customer_id: strawberry.Private[str | None]
    store_id: strawberry.Private[str | None]
    fulfillment_store_id: strawberry.Private[str | None]
    device_id: strawberry.Private[str | None]

    @classmethod
    def from_record(cls, r: OrderRow) -> Order:
        return cls(
            id=strawberry.ID(r["id"]),
            channel=to_enum(Channel, r.get("channel")),
            status=to_enum(OrderStatus, r.get("status")),
            fulfillment=to_enum(Fulfillment, r.get("fulfillment")),
            placed_at=to_datetime(r.get("placedAt")),
            currency=r.get("currency"),
            total=r.get("total"),
            customer_id=r.get("customerId"),
            store_id=r.get("storeId"),
            fulfillment_store_id=r.get("fulfillmentStoreId"),
            device_id=r.get("deviceId"),
        )

    @strawberry.field
    async def customer(
        self, info: Info
    ) -> Annotated[Customer, strawberry.lazy("schema.customer")] | None:
        from schema.customer import Customer

        return await CustomerByIdLoader(info).load_as(self.customer_id, Customer.from_record)

    @strawberry.field(description="Every status step, oldest first; the latest is `status`.")
    async def status_history(self, info: Info) -> list[OrderStatusStep]:
        steps = await StatusHistoryByOrderLoader(info).load(str(self.id))
        return [
            OrderStatusStep(
                status=OrderStatus(s["status"]),
                channel=to_enum(Channel, s.get("channel")),
                at=s["at"].to_native(),
                store_id=s.get("storeId"),
            )
            for s in steps
        ]

    @strawberry.field(
        description='The order across channels in words, e.g. "placed and paid on WEB, ready in '
        'store-lisbon-1, picked up in STORE".'
    )
    async def journey(self, info: Info) -> str:
        steps = await StatusHistoryByOrderLoader(info).load(str(self.id))
        return order_journey(steps, self.fulfillment_store_id)

    @strawberry.field(
        description="The cart it was checked out from (`cartCheckout`), with that cart's history."
    )
    async def cart(self, info: Info) -> Annotated[Cart, strawberry.lazy("schema.cart")] | None:
        from schema.cart import Cart

        return await CartByOrderLoader(info).load_as(str(self.id), Cart.from_record)

    @strawberry.field
    async def lines(self, info: Info) -> list[OrderLine]:
        lines = await OrderLinesByOrderLoader(info).load(str(self.id))
        return [OrderLine.from_record(line) for line in lines]

    @strawberry.field(description="The store where it was placed (store and kiosk orders).")
    async def store(self, info: Info) -> Store | None:
        return await store_by_id(info, self.store_id)

    @strawberry.field(description="The store where it is picked up (pickup and curbside).")
    async def fulfillment_store(self, info: Info) -> Store | None:
        return await store_by_id(info, self.fulfillment_store_id)

    @strawberry.field(description="The device it was placed from: the customer's, or a POS.")
    async def device(self, info: Info) -> Device | None:
        return await device_by_id(info, self.device_id)


@strawberry.type(description="An order waiting in a store for its customer to pick it up.")
class Pickup:
    order: Order

    @strawberry.field
    async def customer(
        self, info: Info
    ) -> Annotated[Customer, strawberry.lazy("schema.customer")] | None:
        from schema.customer import Customer

        return await CustomerByIdLoader(info).load_as(self.order.customer_id, Customer.from_record)

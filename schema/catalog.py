"""Products, stores, devices and accounts."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from resolvers import clienteling, customers
from resolvers.context import Info
from resolvers.loaders.catalog import DeviceRow, ProductRow, StoreByIdLoader, StoreRow
from resolvers.loaders.customers import AccountRow
from schema.convert import to_datetime, to_enum
from schema.enums import AccountKind, AccountStatus, DeviceKind
from schema.node import Node

if TYPE_CHECKING:
    from schema.customer import Customer
    from schema.order import Pickup


@strawberry.type
class Product(Node):
    sku: str
    name: str | None
    category: str | None
    brand: str | None
    price: float | None

    @classmethod
    def from_record(cls, r: ProductRow) -> Product:
        return cls(
            id=strawberry.ID(r["sku"]),
            sku=r["sku"],
            name=r.get("name"),
            category=r.get("category"),
            brand=r.get("brand"),
            price=r.get("price"),
        )


@strawberry.type
class Store(Node):
    name: str | None
    city: str | None
    country: str | None
    time_zone: str | None = strawberry.field(
        default=None, description="Its clocks' IANA time zone, e.g. Europe/Lisbon."
    )
    locale: str | None = strawberry.field(
        default=None, description="The language and region its staff read, e.g. pt-PT (BCP 47)."
    )

    @strawberry.field(
        description="Orders to be picked up here that are READY_FOR_PICKUP, waiting longest "
        "first. Staff (associates: their own store)."
    )
    async def pickups_ready(
        self, info: Info
    ) -> list[Annotated[Pickup, strawberry.lazy("schema.order")]]:
        from schema.order import Order, Pickup

        rows = await clienteling.pickups_ready(info, str(self.id))
        return [Pickup(order=Order.from_record(r)) for r in rows]

    @strawberry.field(
        description="One customer of this store by id (a merged-away id gives the survivor): "
        "someone who visited it or ordered here (placed, or to pick up); null for anyone else. "
        "How staff open a customer from the store's lists. Staff (associates: their own store)."
    )
    async def customer(
        self, info: Info, id: strawberry.ID
    ) -> Annotated[Customer, strawberry.lazy("schema.customer")] | None:
        from schema.customer import Customer

        found = await clienteling.store_customer(info, str(self.id), str(id))
        return Customer.from_record(found) if found else None

    @strawberry.field(
        description="Customers with a STORE_VISIT here on the day of `at` (today when absent), "
        "latest visit first. Staff (associates: their own store)."
    )
    async def visits_today(
        self, info: Info, at: datetime | None = None
    ) -> list[Annotated[Customer, strawberry.lazy("schema.customer")]]:
        from schema.customer import Customer

        return [Customer.from_record(r) for r in await clienteling.visits(info, str(self.id), at)]

    @strawberry.field(
        description="Customers who ordered here (placed or picked up) and have not ordered "
        "anywhere for `days` days, the most recently lapsed first. Staff (associates: their "
        "own store)."
    )
    async def lapsed_customers(
        self, info: Info, first: int | None = 20, days: int = clienteling.LAPSED_AFTER_DAYS
    ) -> list[Annotated[Customer, strawberry.lazy("schema.customer")]]:
        from schema.customer import Customer

        rows = await clienteling.lapsed_customers(info, str(self.id), first, days)
        return [Customer.from_record(r) for r in rows]

    @classmethod
    def from_record(cls, r: StoreRow) -> Store:
        return cls(
            id=strawberry.ID(r["id"]),
            name=r.get("name"),
            city=r.get("city"),
            country=r.get("country"),
            time_zone=r.get("timeZone"),
            locale=r.get("locale"),
        )


@strawberry.type
class Device(Node):
    kind: DeviceKind | None
    os: str | None
    model: str | None
    last_seen: datetime | None

    @classmethod
    def from_record(cls, r: DeviceRow) -> Device:
        return cls(
            id=strawberry.ID(r["id"]),
            kind=to_enum(DeviceKind, r.get("kind")),
            os=r.get("os"),
            model=r.get("model"),
            last_seen=to_datetime(r.get("lastSeen")),
        )


@strawberry.type
class Account(Node):
    kind: AccountKind | None
    status: AccountStatus | None
    created_at: datetime | None

    @classmethod
    def from_record(cls, r: AccountRow) -> Account:
        return cls(
            id=strawberry.ID(r["id"]),
            kind=to_enum(AccountKind, r.get("kind")),
            status=to_enum(AccountStatus, r.get("status")),
            created_at=to_datetime(r.get("createdAt")),
        )


async def store_by_id(info: Info, store_id: str | None) -> Store | None:
    """The store an order, interaction or note names (None: it names none)."""
    return await StoreByIdLoader(info).load_as(store_id, Store.from_record)


async def device_by_id(info: Info, device_id: str | None) -> Device | None:
    """The device an order or interaction came from, as the role may see it."""
    found = await customers.device(info, device_id)
    return Device.from_record(found) if found else None

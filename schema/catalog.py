"""Products, stores, devices and accounts."""

from __future__ import annotations

from datetime import datetime

import strawberry

from graph.driver import Record
from schema.convert import to_datetime, to_enum
from schema.enums import AccountKind, AccountStatus, DeviceKind
from schema.node import Node


@strawberry.type
class Product(Node):
    sku: str
    name: str | None
    category: str | None
    brand: str | None
    price: float | None

    @classmethod
    def from_record(cls, r: Record) -> Product:
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

    @classmethod
    def from_record(cls, r: Record) -> Store:
        return cls(
            id=strawberry.ID(r["id"]),
            name=r.get("name"),
            city=r.get("city"),
            country=r.get("country"),
        )


@strawberry.type
class Device(Node):
    kind: DeviceKind | None
    os: str | None
    model: str | None
    last_seen: datetime | None

    @classmethod
    def from_record(cls, r: Record) -> Device:
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
    def from_record(cls, r: Record) -> Account:
        return cls(
            id=strawberry.ID(r["id"]),
            kind=to_enum(AccountKind, r.get("kind")),
            status=to_enum(AccountStatus, r.get("status")),
            created_at=to_datetime(r.get("createdAt")),
        )

"""Interactions: what a customer did on a channel (a view, a search, a visit, a review...)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from resolvers.context import Info
from resolvers.loaders.catalog import ProductBySkuLoader
from resolvers.loaders.pages import InteractionRow
from schema.catalog import Device, Product, Store, device_by_id, store_by_id
from schema.convert import to_datetime, to_enum
from schema.enums import Channel, InteractionKind
from schema.node import Node


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
    def from_record(cls, r: InteractionRow) -> Interaction:
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
        return await store_by_id(info, self.store_id)

    @strawberry.field
    async def device(self, info: Info) -> Device | None:
        return await device_by_id(info, self.device_id)

"""Request-time work for the catalogue: a product by sku, a store by id."""

from __future__ import annotations

from resolvers.context import Info, require
from resolvers.loaders.catalog import ProductBySkuLoader, ProductRow, StoreByIdLoader, StoreRow


async def product(info: Info, sku: str) -> ProductRow | None:
    require(info, "product")
    return await ProductBySkuLoader(info).load(sku)


async def store(info: Info, store_id: str) -> StoreRow | None:
    require(info, "store")
    return await StoreByIdLoader(info).load(store_id)

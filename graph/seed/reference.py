"""The stores and products every demo graph starts from (`catalogue`), written idempotently."""

from __future__ import annotations

from neo4j import AsyncDriver

from graph.seed.catalogue import product_catalogue, store_rows

_STORES = """
UNWIND $rows AS row
MERGE (s:Store {id: row.id})
SET s.name = row.name, s.city = row.city, s.country = row.country, s.timeZone = row.timeZone,
    s.locale = row.locale
"""

_PRODUCTS = """
UNWIND $rows AS row
MERGE (p:Product {sku: row.sku})
SET p.name = row.name, p.category = row.category, p.price = row.price, p.brand = row.brand,
    p.consumable = row.consumable
"""


async def load_reference_data(driver: AsyncDriver, database: str) -> int:
    """Write the stores and the product catalogue; returns how many records."""
    stores, products = store_rows(), product_catalogue()
    await driver.execute_query(_STORES, rows=stores, database_=database)
    await driver.execute_query(_PRODUCTS, rows=products, database_=database)
    return len(stores) + len(products)

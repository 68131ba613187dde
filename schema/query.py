"""The root `Query`: entry points into the customer graph."""

from __future__ import annotations

import strawberry

from graph.driver import Record
from resolvers import customers as resolve
from resolvers.context import Info, load, load_related
from schema.activity import Interaction, SupportCase
from schema.catalog import Account, Device, Product, Store
from schema.connections import Connection
from schema.customer import Customer
from schema.enums import IdentifierType
from schema.node import Node
from schema.order import Order

_NODE_TYPES = {
    "Customer": Customer.from_record,
    "Order": Order.from_record,
    "Product": Product.from_record,
    "Store": Store.from_record,
    "Device": Device.from_record,
    "Account": Account.from_record,
    "Interaction": Interaction.from_record,
    "SupportCase": SupportCase.from_record,
}


def _customer(record: Record | None) -> Customer | None:
    return Customer.from_record(record) if record else None


@strawberry.type
class Query:
    @strawberry.field(description="A customer by id; null when there is none.")
    async def customer(self, info: Info, id: strawberry.ID) -> Customer | None:
        return _customer(await resolve.customer(info, str(id)))

    @strawberry.field(
        description="The customer owning an identifier. `value` is normalised as ingestion "
        'normalises it: " Ana.Lima@Example.com " finds ana.lima@example.com, and '
        '"+351 912 345 678" finds +351912345678.'
    )
    async def customer_by_identifier(
        self, info: Info, type: IdentifierType, value: str
    ) -> Customer | None:
        return _customer(await resolve.customer_by_identifier(info, type.value, value))

    @strawberry.field(
        description="Customers by full-text search over names, emails, phones and loyalty ids "
        "(most relevant first), or all customers by id when `search` is absent."
    )
    async def customers(
        self,
        info: Info,
        search: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Customer]:
        page = await resolve.search(info, search, first, after)
        return Connection.from_page(page, Customer.from_record, after is not None)

    @strawberry.field(description="Any object with an id.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        found = await load(info, "node", str(id))
        if not found:
            return None
        make = _NODE_TYPES[found["type"]]
        node: Node = make(found["item"])
        return node

    @strawberry.field
    async def order(self, info: Info, id: strawberry.ID) -> Order | None:
        return await load_related(info, "order", str(id), Order.from_record)

    @strawberry.field
    async def product(self, info: Info, sku: str) -> Product | None:
        return await load_related(info, "product", sku, Product.from_record)

    @strawberry.field
    async def store(self, info: Info, id: strawberry.ID) -> Store | None:
        return await load_related(info, "store", str(id), Store.from_record)

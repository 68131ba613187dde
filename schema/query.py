"""The root `Query`: entry points into the customer graph."""

from __future__ import annotations

from typing import cast

import strawberry
from strawberry.scalars import JSON

from resolvers import catalog, nodes, orders, privacy
from resolvers import customers as resolve
from resolvers.context import Info
from resolvers.loaders import CustomerRow
from resolvers.loaders.catalog import NodeRow
from schema.catalog import Account, Device, Product, Store
from schema.connections import Connection
from schema.customer import Customer
from schema.enums import IdentifierType
from schema.interaction import Interaction
from schema.node import Node
from schema.order import Order
from schema.privacy import AuditAction, AuditRecord
from schema.support import SupportCase


def _node(found: NodeRow) -> Node:
    """`node(id)` is the one read whose row type depends on a value: the node's `type` names it."""
    if found["type"] == "Customer":
        return Customer.from_record(found["item"])
    if found["type"] == "Order":
        return Order.from_record(found["item"])
    if found["type"] == "Product":
        return Product.from_record(found["item"])
    if found["type"] == "Store":
        return Store.from_record(found["item"])
    if found["type"] == "Device":
        return Device.from_record(found["item"])
    if found["type"] == "Account":
        return Account.from_record(found["item"])
    if found["type"] == "Interaction":
        return Interaction.from_record(found["item"])
    return SupportCase.from_record(found["item"])


def _customer(record: CustomerRow | None) -> Customer | None:
    return Customer.from_record(record) if record else None


@strawberry.type
class Query:
    @strawberry.field(
        description="The signed-in customer's own profile (role `customer`); null for staff."
    )
    async def me(self, info: Info) -> Customer | None:
        return _customer(await resolve.me(info))

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
        found = await nodes.node(info, str(id))
        if found is None:
            return None
        return _node(found)

    @strawberry.field
    async def order(self, info: Info, id: strawberry.ID) -> Order | None:
        found = await orders.order(info, str(id))
        return Order.from_record(found) if found else None

    @strawberry.field(
        description="Admin: everything held about a person (merged profiles and who looked at "
        "them included) as one JSON document; null for an unknown id. Audited."
    )
    async def export_customer(self, info: Info, id: strawberry.ID) -> JSON | None:
        document = await privacy.export_customer(info, str(id))
        return cast(JSON | None, document)

    @strawberry.field(
        description="Admin: the audit trail, newest first: staff reads, unmerges, exports and "
        "erasures, of one person (merged profiles included) or of everyone. `first` <= 100."
    )
    async def audit_records(
        self,
        info: Info,
        customer_id: strawberry.ID | None = None,
        action: AuditAction | None = None,
        first: int | None = None,
    ) -> list[AuditRecord]:
        rows = await privacy.audit_records(
            info,
            str(customer_id) if customer_id is not None else None,
            action.value if action else None,
            first,
        )
        return [AuditRecord.from_record(r) for r in rows]

    @strawberry.field
    async def product(self, info: Info, sku: str) -> Product | None:
        found = await catalog.product(info, sku)
        return Product.from_record(found) if found else None

    @strawberry.field
    async def store(self, info: Info, id: strawberry.ID) -> Store | None:
        found = await catalog.store(info, str(id))
        return Store.from_record(found) if found else None

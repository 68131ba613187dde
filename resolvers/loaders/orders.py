"""Loaders of an order and of what hangs off one order id (one `graph/cypher` read each)."""

from __future__ import annotations

from collections.abc import Sequence

from graph.cypher import customers, orders
from graph.cypher.orders import OrderLineRow as OrderLineRow  # what the loaders hand `schema/`
from graph.cypher.orders import StatusStepRow as StatusStepRow
from graph.cypher.rows import CartRow, OrderRow
from graph.driver import GraphReader
from resolvers import access
from resolvers.loaders import ManyOf, OneOf
from resolvers.principal import Role


class OrderByIdLoader(OneOf[str, OrderRow]):
    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, OrderRow]:
        return await orders.orders_by_id(reader, keys)


class OrderLinesByOrderLoader(ManyOf[str, OrderLineRow]):
    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, list[OrderLineRow]]:
        return await orders.order_lines(reader, keys)


class StatusHistoryByOrderLoader(ManyOf[str, StatusStepRow]):
    """Every status step of the order, oldest first."""

    async def read(
        self, reader: GraphReader, keys: Sequence[str]
    ) -> dict[str, list[StatusStepRow]]:
        return await orders.status_history(reader, keys)


class CartByOrderLoader(OneOf[str, CartRow]):
    """The cart an order was checked out from."""

    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, CartRow]:
        return await customers.order_carts(reader, keys)

    def view(self, role: Role, value: CartRow | None) -> CartRow | None:
        return access.cart_view(role, value)

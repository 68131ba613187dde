"""Loaders of catalogue things by their key, and of any node by its id."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from graph.cypher import catalog
from graph.cypher.catalog import NodeRow as NodeRow
from graph.cypher.rows import DeviceRow as DeviceRow  # what the loaders hand `schema/`
from graph.cypher.rows import ProductRow as ProductRow
from graph.cypher.rows import StoreRow as StoreRow
from graph.driver import GraphReader
from resolvers import access
from resolvers.loaders import OneOf
from resolvers.principal import Role


class ProductBySkuLoader(OneOf[str, ProductRow]):
    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, ProductRow]:
        return await catalog.products(reader, keys)


class StoreByIdLoader(OneOf[str, StoreRow]):
    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, StoreRow]:
        return await catalog.stores(reader, keys)


class DeviceByIdLoader(OneOf[str, DeviceRow]):
    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, DeviceRow]:
        return await catalog.devices(reader, keys)


class NodeByIdLoader(OneOf[str, NodeRow]):
    """`{"type": <GraphQL type name>, "item": row}` of the node an id names."""

    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, NodeRow]:
        return await catalog.nodes(reader, keys)

    def view(self, role: Role, value: NodeRow | None) -> NodeRow | None:
        return access.node_view(role, value)

    def shown(self, value: NodeRow | None) -> Iterable[str]:
        return [value["item"]["id"]] if value and value["type"] == "Customer" else []

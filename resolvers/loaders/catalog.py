"""Loaders of catalogue things by their key, and of any node by its id."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from graph.cypher import catalog
from graph.driver import GraphReader, Row
from resolvers import access
from resolvers.loaders import One
from resolvers.principal import Role


class ProductBySkuLoader(One[str]):
    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, Row]:
        return await catalog.products(reader, keys)


class StoreByIdLoader(One[str]):
    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, Row]:
        return await catalog.stores(reader, keys)


class DeviceByIdLoader(One[str]):
    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, Row]:
        return await catalog.devices(reader, keys)


class NodeByIdLoader(One[str]):
    """`{"type": <GraphQL type name>, "item": record}` of the node an id names."""

    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, Row]:
        return await catalog.nodes(reader, keys)

    def view(self, role: Role, value: Row | None) -> Row | None:
        return access.node_view(role, value)

    def shown(self, value: Row | None) -> Iterable[str]:
        return [value["item"]["id"]] if value and value["type"] == "Customer" else []

"""Walk one object's selection, or one connection's, into its part of the plan: the
`compiler.Projection` it reads (graph/compiler/) and the builder that turns that part of the
statement's row into the answer, in the selection's key order.

The walk uses graphql-core's own field collection (fragments, inline fragments, `@skip`/`@include`,
merged fields), so what it plans is exactly what the interpreted path would execute. A field
missing from `resolvers/compiled/fields/`, an abstract type or a door the role may not open
raises `NotCompiled`. The root fields are `resolvers/compiled/plan.py`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    OperationDefinitionNode,
)
from graphql.execution.collect_fields import FieldDetails, FragmentDetails, collect_subfields
from graphql.execution.values import VariableValues

from graph import compiler
from resolvers.access import DOORS
from resolvers.compiled.builders import (
    Build,
    PageBuild,
    constant,
    customer_root,
    leaf,
    nested,
    page_builder,
    renamed,
    with_site,
)
from resolvers.compiled.codegen import Leaf, object_builder
from resolvers.compiled.fields import FIELDS
from resolvers.compiled.pages import PageRead, time_page
from resolvers.principal import Principal


class NotCompiled(Exception):
    """The document (or this request's values) is for the interpreted path."""


@dataclass
class ArgumentSite:
    occurrence: int
    binder: str
    field_def: GraphQLField
    node: FieldNode


class SelectionPlanner:
    """Plans the selections of one operation for one principal; collects its argument sites."""

    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        operation: OperationDefinitionNode,
        variables: VariableValues,
        principal: Principal,
    ) -> None:
        self.schema = schema
        self.operation = operation
        self.variables = variables
        self.principal = principal
        self.fragments = {
            d.name.value: FragmentDetails(d)
            for d in document.definitions
            if isinstance(d, FragmentDefinitionNode)
        }
        self.sites: list[ArgumentSite] = []

    def site(self, binder: str, field_def: GraphQLField, node: FieldNode) -> ArgumentSite:
        site = ArgumentSite(len(self.sites), binder, field_def, node)
        self.sites.append(site)
        return site

    def door(self, door: str | None) -> None:
        if door is not None and self.principal.role not in DOORS[door]:
            raise NotCompiled(f"the role may not use {door}: the interpreted path says so")

    def _subfields(
        self, gtype: GraphQLObjectType, details: list[FieldDetails]
    ) -> dict[str, list[FieldDetails]]:
        return collect_subfields(
            self.schema, self.fragments, self.variables, self.operation, gtype, details
        ).grouped_field_set

    def plan_object(
        self, gtype: GraphQLObjectType, details: list[FieldDetails]
    ) -> tuple[compiler.Projection, Build]:
        """The projection of one object's selection and its builder (raw record -> dict)."""
        fields: list[compiler.Field] = []
        getters: list[tuple[str, Leaf | Build]] = []
        read: set[str] = set()  # nested raw keys of the fields so far (see `compiler.Field.slot`)
        for key, sub in self._subfields(gtype, details).items():
            node = sub[0].node
            name = node.name.value
            if name == "__typename":
                getters.append((key, constant(gtype.name)))
                continue
            spec = FIELDS.get((gtype.name, name))
            if spec is None:
                raise NotCompiled(f"{gtype.name}.{name}")
            self.door(spec.door)
            field_def = gtype.fields[name]
            site = self.site(spec.args, field_def, node) if spec.args else None
            occurrence = site.occurrence if site else None
            named = named_type(field_def.type)
            get = spec.get
            if isinstance(named, GraphQLObjectType) and named.name.endswith("Connection"):
                projection, page, total = self.plan_connection(named, sub, time_page(name))
                options = frozenset({"total"}) if total else frozenset()
                slot, rename = _slot(gtype.name, name, options, read, len(fields), True)
                fields.append(
                    compiler.Field(gtype.name, name, projection, occurrence, options, slot)
                )
                getters.append((key, renamed(with_site(page, site_occurrence(site)), rename, slot)))
                continue
            own = occurrence is not None or isinstance(named, GraphQLObjectType)
            slot, rename = _slot(gtype.name, name, frozenset(), read, len(fields), own)
            if isinstance(named, GraphQLObjectType):
                projection, child = self.plan_object(named, sub)
                if spec.shows_customer:
                    child = customer_root(child)
                fields.append(compiler.Field(gtype.name, name, projection, occurrence, slot=slot))
                build = nested(get, child, field_def.type)
            else:
                fields.append(compiler.Field(gtype.name, name, None, occurrence, slot=slot))
                if not slot:
                    getters.append((key, Leaf(spec, field_def.type)))
                    continue
                build = leaf(get, field_def.type)
            getters.append((key, renamed(build, rename, slot)))
        projection = compiler.Projection(gtype.name, tuple(fields))
        return projection, object_builder(gtype.name, getters)

    def plan_connection(
        self,
        gtype: GraphQLObjectType,
        details: list[FieldDetails],
        page: PageRead,
    ) -> tuple[compiler.Projection, PageBuild, bool]:
        """A connection's node projection and its builder (raw list, bound args -> dict)."""
        node_projection: compiler.Projection | None = None
        parts: list[tuple[str, str, Any]] = []
        total = False
        for key, sub in self._subfields(gtype, details).items():
            name = sub[0].node.name.value
            if name == "__typename":
                parts.append((key, "typename", gtype.name))
            elif name == "totalCount":
                total = True
                parts.append((key, "total", None))
            elif name == "pageInfo":
                info_type = object_type(gtype.fields[name].type)
                keys = [
                    (k, s[0].node.name.value) for k, s in self._subfields(info_type, sub).items()
                ]
                parts.append((key, "pageInfo", keys))
            elif name == "edges":
                edge_type = object_type(gtype.fields[name].type)
                edge_parts: list[tuple[str, str, Build | None]] = []
                for edge_key, edge_sub in self._subfields(edge_type, sub).items():
                    edge_name = edge_sub[0].node.name.value
                    node_build: Build | None = None
                    if edge_name == "node":
                        node_type = object_type(edge_type.fields["node"].type)
                        projection, node_build = self.plan_object(node_type, edge_sub)
                        node_projection = _merge(node_projection, projection)
                    elif edge_name not in ("cursor", "__typename"):
                        raise NotCompiled(f"{edge_type.name}.{edge_name}")
                    edge_parts.append((edge_key, edge_name, node_build))
                parts.append((key, "edges", (edge_parts, edge_type.name)))
            else:
                raise NotCompiled(f"{gtype.name}.{name}")
        cursors = any(
            (kind == "edges" and any(n == "cursor" for _, n, _ in detail[0]))
            or (kind == "pageInfo" and any(n in ("startCursor", "endCursor") for _, n in detail))
            for _, kind, detail in parts
        )
        if node_projection is None:
            node_type = object_type(object_type(gtype.fields["edges"].type).fields["node"].type)
            node_projection = compiler.Projection(node_type.name, ())

        return node_projection, page_builder(page, parts, cursors), total


def _slot(
    type_name: str, name: str, options: frozenset[str], read: set[str], index: int, own: bool
) -> tuple[str, set[str]]:
    """A slot of the field's own when an earlier field reads the same nested keys and this
    one's value depends on its own arguments or child selection (`own`); fields that only
    compute from the same read (the stats' figures) share it."""
    nested = compiler.nested_keys(type_name, name, options)
    slot = str(index) if own and nested & read else ""
    read |= nested
    return slot, nested if slot else set()


def _merge(first: compiler.Projection | None, second: compiler.Projection) -> compiler.Projection:
    if first is None:
        return second
    return compiler.Projection(first.type_name, first.fields + second.fields)


def site_occurrence(site: ArgumentSite | None) -> int:
    assert site is not None
    return site.occurrence


def named_type(gtype: Any) -> Any:
    while isinstance(gtype, (GraphQLNonNull, GraphQLList)):
        gtype = gtype.of_type
    return gtype


def object_type(gtype: Any) -> GraphQLObjectType:
    named = named_type(gtype)
    if not isinstance(named, GraphQLObjectType):
        raise NotCompiled(f"{named} is not an object type")
    return named

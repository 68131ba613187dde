"""Compile a validated query into a `Plan`: one Cypher statement (graph/compiler/) and the
builder that turns its one row into the response's `data`, in the selection's key order.

This module plans the root fields (`customer`, `customers`, `product`...); each one's selection
is walked by `resolvers/compiled/selections.py`. Whatever the planner does not cover (a field
missing from `resolvers/compiled/fields/`, an abstract type, a door the role may not open) raises
`NotCompiled`, and the request runs on the interpreted path instead: never a different answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphql import (
    DocumentNode,
    GraphQLObjectType,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
)
from graphql.execution.collect_fields import FieldDetails, collect_fields
from graphql.execution.values import VariableValues

from graph import compiler
from resolvers.compiled.builders import Build, customer_root, nullable, with_site
from resolvers.compiled.pages import search_page
from resolvers.compiled.selections import (
    ArgumentSite,
    NotCompiled,
    SelectionPlanner,
    object_type,
    site_occurrence,
)
from resolvers.principal import Principal


@dataclass
class RootPlan:
    key: str
    name: str
    site: ArgumentSite | None
    projection: compiler.Projection | None  # None: answered without Cypher (`me` of staff)
    build: Build
    total: bool = False
    column: str = ""


@dataclass
class Plan:
    roots: list[RootPlan]
    sites: list[ArgumentSite]
    _statements: dict[tuple[str, ...], compiler.Statement] = field(default_factory=dict)

    def statement(self, variants: tuple[str, ...]) -> compiler.Statement:
        """The statement for this request's root variants (`customers`: search or list)."""
        built = self._statements.get(variants)
        if built is None:
            roots = []
            for root, variant in zip(self.queried(), variants, strict=True):
                template = root.name if not variant else f"{root.name}.{variant}"
                if root.total:
                    template += "+total"
                assert root.projection is not None and root.site is not None
                roots.append(
                    compiler.Root(template, root.column, root.site.occurrence, root.projection)
                )
            built = self._statements[variants] = compiler.statement(roots)
        return built

    def queried(self) -> list[RootPlan]:
        return [root for root in self.roots if root.projection is not None]


class _Planner(SelectionPlanner):
    def plan(self) -> Plan:
        if self.operation.operation is not OperationType.QUERY:
            raise NotCompiled("only queries are compiled")
        query_type = self.schema.query_type
        assert query_type is not None
        grouped = collect_fields(
            self.schema, self.fragments, self.variables, query_type, self.operation
        ).grouped_field_set
        roots = []
        for index, (key, details) in enumerate(grouped.items()):
            root = self._root(key, query_type, details)
            root.column = f"r{index}"
            roots.append(root)
        return Plan(roots, self.sites)

    def _root(
        self, key: str, query_type: GraphQLObjectType, details: list[FieldDetails]
    ) -> RootPlan:
        node = details[0].node
        name = node.name.value
        if name == "__typename":
            return RootPlan(key, name, None, None, lambda _, __: "Query")
        field_def = query_type.fields.get(name)
        if field_def is None:  # __schema, __type: introspection is graphql-core's
            raise NotCompiled(f"root field {name}")
        if name in ("customerByIdentifier", "customer", "me"):
            self.door(name)
            customer_type = object_type(field_def.type)
            projection, build = self.plan_object(customer_type, details)
            site = self.site(name, field_def, node)
            if name == "me" and (
                self.principal.role.value != "customer" or self.principal.customer_id is None
            ):
                return RootPlan(key, name, site, None, lambda _, __: None)
            return RootPlan(key, name, site, projection, customer_root(build))
        if name in ("product", "store", "order"):
            self.door(name)
            projection, build = self.plan_object(object_type(field_def.type), details)
            site = self.site(name, field_def, node)
            return RootPlan(key, name, site, projection, nullable(build))
        if name == "customers":
            self.door(name)
            site = self.site(name, field_def, node)
            connection = object_type(field_def.type)
            projection, page, total = self.plan_connection(connection, details, search_page)
            return RootPlan(
                key, name, site, projection, with_site(page, site_occurrence(site)), total
            )
        raise NotCompiled(f"root field {name}")


def plan(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: VariableValues,
    principal: Principal,
) -> Plan:
    """The plan of `operation` for `principal`'s role; raises `NotCompiled`."""
    return _Planner(schema, document, operation, variables, principal).plan()

"""The answer's builders: each turns its part of the statement's one row into the response's
`data`, masked, serialized and audited as the interpreted path does it. `plan.py` composes
them while it walks the selection.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from graphql import GraphQLList, GraphQLNonNull, GraphQLOutputType

from graph.cypher.customers import CustomerRow
from graph.driver import Row
from resolvers.access import customer_view
from resolvers.compiled.arguments import Bound
from resolvers.compiled.codegen import NullInNonNull, serializer
from resolvers.compiled.pages import PageRead, page_info
from resolvers.principal import Principal


@dataclass
class Request:
    """What building one answer needs: who asks, and each field occurrence's bound arguments."""

    principal: Principal
    bound: dict[int, Bound]
    customers_read: set[str] = field(default_factory=set)


Build = Callable[[Any, Request], Any]
PageBuild = Callable[[Any, Request, Bound], Any]


def renamed(build: Build, keys: set[str], slot: str) -> Build:
    """`build` reading a slot's keys under their plain names."""
    if not slot:
        return build

    def renamed(raw: Row, request: Request) -> Any:
        view = {**raw, **{k: raw[f"{k}__{slot}"] for k in keys if f"{k}__{slot}" in raw}}
        return build(view, request)

    return renamed


def constant(value: str) -> Build:
    return lambda _, __: value


def with_site(build: PageBuild, occurrence: int) -> Build:
    """A connection's builder given the arguments bound at its occurrence."""

    def with_bound(raw: Any, request: Request) -> Any:
        return build(raw, request, request.bound[occurrence])

    return with_bound


def nullable(build: Build) -> Build:
    def root(raw: Row | None, request: Request) -> Any:
        return None if raw is None else build(raw, request)

    return root


def customer_root(build: Build) -> Build:
    """A customer shown to the viewer: masked (`access.customer_view`) and audited."""

    def root(raw: Row | None, request: Request) -> Any:
        if raw is None:
            return None
        # the projection holds the keys the selection asked for, of those a CustomerRow has
        record = customer_view(request.principal.role, cast(CustomerRow, raw))
        request.customers_read.add(record["id"])
        return build(record, request)

    return root


def nested(
    get: Callable[[Row, Principal], Any],
    child: Build,
    gtype: GraphQLOutputType,
) -> Build:
    non_null = isinstance(gtype, GraphQLNonNull)
    inner = gtype.of_type if isinstance(gtype, GraphQLNonNull) else gtype
    is_list = isinstance(inner, GraphQLList)

    def nested(raw: Row, request: Request) -> Any:
        value = get(raw, request.principal)
        if value is None:
            if non_null:
                raise NullInNonNull
            return None
        if is_list:
            return [child(item, request) for item in value]
        return child(value, request)

    return nested


def leaf(get: Callable[[Row, Principal], Any], gtype: GraphQLOutputType) -> Build:
    serialize = serializer(gtype)

    def leaf(raw: Row, request: Request) -> Any:
        return serialize(get(raw, request.principal))

    return leaf


def page_builder(page: PageRead, parts: list[tuple[str, str, Any]], cursors: bool) -> PageBuild:
    """A connection's builder: its page read, then each selected part (`typename`, `total`,
    `pageInfo`, `edges` with their node builders) in the selection's key order."""

    def build_page(raw: Any, request: Request, bound: Bound) -> dict[str, Any]:
        items, has_next, count = page(raw, request, bound, cursors)
        out: dict[str, Any] = {}
        for key, kind, detail in parts:
            if kind == "typename":
                out[key] = detail
            elif kind == "total":
                out[key] = count if count is not None else -1
            elif kind == "pageInfo":
                out[key] = page_info(detail, items, has_next, bound.paged)
            else:
                edge_parts, edge_type_name = detail
                out[key] = [
                    {
                        k: cursor
                        if n == "cursor"
                        else edge_type_name
                        if n == "__typename"
                        else node_build(record, request)
                        for k, n, node_build in edge_parts
                    }
                    for cursor, record in items
                ]
        return out

    return build_page

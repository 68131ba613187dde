"""`QUERY_TOO_COMPLEX`: depth, aliases, root fields and a GitHub-style cost, checked before
any resolver runs (the token limit is graphql-core's parser, see `schema/__init__.py`). Both
paths measure a document here: the schema's `QueryLimits` (`schema/limits.py`) and the compiled
path (`resolvers/compiled/execute.py`).

The cost counts the objects a query may return through connections: each connection asks for
`first` items (20 when absent) for every item of the connections around it, so
`customers(first: 50) { edges { node { orders(first: 10) ... } } }` costs 50 + 50 x 10 = 550.
`first` itself must stay within 0..100; the connection's resolver reports a value outside that
as `BAD_USER_INPUT` on `first`, and the cost counts it as 100.

    error = measure(document.definitions, variables)  # the first limit broken, or None
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)

MAX_DEPTH = 15
MAX_ALIASES = 30
MAX_ROOT_FIELDS = 10
MAX_TOKENS = 5000
MAX_NODES = 10_000
DEFAULT_PAGE = 20
MAX_PAGE = 100
TOO_MANY_TOKENS = "Document contains more than"  # graphql-core's parser message


@dataclass
class _Measure:
    depth: int = 0
    aliases: int = 0
    nodes: int = 0


class QueryTooComplex(GraphQLError):
    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": "QUERY_TOO_COMPLEX"})


def measure(definitions: Any, variables: Mapping[str, Any]) -> QueryTooComplex | None:
    """The first limit the operations in `definitions` break, or None."""
    fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
    for operation in definitions:
        if not isinstance(operation, OperationDefinitionNode):
            continue
        roots = list(_fields(operation.selection_set, fragments))
        if len(roots) > MAX_ROOT_FIELDS:
            return QueryTooComplex(
                f"The operation asks for {len(roots)} root fields; the limit is {MAX_ROOT_FIELDS}"
            )
        seen = _Measure()
        _walk(operation.selection_set, fragments, variables, 1, 1, seen)
        if seen.depth > MAX_DEPTH:
            return QueryTooComplex(
                f"The query is nested {seen.depth} deep; the limit is {MAX_DEPTH}"
            )
        if seen.aliases > MAX_ALIASES:
            return QueryTooComplex(
                f"The query uses {seen.aliases} aliases; the limit is {MAX_ALIASES}"
            )
        if seen.nodes > MAX_NODES:
            return QueryTooComplex(
                f"The query may return {seen.nodes} objects through its connections; the limit "
                f"is {MAX_NODES}: ask for smaller pages (`first`) or fewer nested connections"
            )
    return None


def _walk(
    selections: SelectionSetNode | None,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
    depth: int,
    multiplier: int,
    seen: _Measure,
) -> None:
    for field in _fields(selections, fragments):
        seen.depth = max(seen.depth, depth)
        if field.alias is not None:
            seen.aliases += 1
        inner = multiplier
        if _is_connection(field):
            inner = multiplier * _page_size(field, variables)
            seen.nodes += inner
        if seen.depth <= MAX_DEPTH and seen.nodes <= MAX_NODES:  # stop once over any limit
            _walk(field.selection_set, fragments, variables, depth + 1, inner, seen)


def _fields(
    selections: SelectionSetNode | None,
    fragments: Mapping[str, FragmentDefinitionNode],
    visited: frozenset[str] = frozenset(),
) -> Iterator[FieldNode]:
    """The fields of a selection set, with fragments spread in place."""
    for selection in selections.selections if selections else ():
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from _fields(selection.selection_set, fragments, visited)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in fragments and name not in visited:
                yield from _fields(fragments[name].selection_set, fragments, visited | {name})


# Connections of the schema (schema/connections.py) and lists with a default size, counted even
# without `first`; any other field taking `first` counts too.
CONNECTIONS = frozenset(
    {"customers", "orders", "interactions", "timeline", "history", "ledger", "path",
     "recommendations", "lapsedCustomers"}
)  # fmt: skip


def _is_connection(field: FieldNode) -> bool:
    return field.name.value in CONNECTIONS or any(
        argument.name.value == "first" for argument in field.arguments or ()
    )


def _page_size(field: FieldNode, variables: Mapping[str, Any]) -> int:
    for argument in field.arguments or ():
        if argument.name.value != "first":
            continue
        value: Any = None
        if isinstance(argument.value, IntValueNode):
            value = int(argument.value.value)
        elif isinstance(argument.value, VariableNode):
            value = variables.get(argument.value.name.value)
        if value is None:
            return DEFAULT_PAGE
        if not isinstance(value, int) or not 0 <= value <= MAX_PAGE:
            return MAX_PAGE
        return value
    return DEFAULT_PAGE

"""The compiled read path's Cypher: one statement per GraphQL query, shaped like its answer.

`resolvers/compiled/` walks a query's selection set and hands this module a tree of
`Projection`s: a GraphQL type and the fields selected on it. `statement` turns the tree into one
parameterised Cypher statement whose single row holds, per root field, the raw records the
answer is built from: map projections of exactly the properties the selection needs, every
nested list (orders, their lines, a case's messages...) read by a `CALL (parent) { ... RETURN
collect(...) }` subquery run where its parent is bound. Neo4j builds the whole tree; Python only
masks, formats and orders keys.

Each `(type, field)` has one `TEMPLATES` entry: the raw keys it adds to its object's map, each a
Cypher expression or a `Sub` (a nested read). In a template

- `@v` is the object's node variable, `@c` a fresh variable for a subquery's node, and `@child`
  the map projection of `@c` with the child selection's own keys;
- `$@name` is a parameter of this field occurrence (bound per request from its arguments:
  `$@first` of the third field with arguments becomes `$p3_first`). No value is ever formatted
  into the text.

A template whose child is the same node (an order line's `product` is the line's product node)
says `same_node`; a template that only groups fields of the parent's own node (a customer's
`address`, `loyalty`) says `flatten`: its child's keys go into the parent's map.

    >>> tree = Projection("Product", (Field("Product", "name"),))
    >>> print(statement([Root("product", "r0", 0, tree)]).cypher)
    CALL () {
      MATCH (v1:Product {sku: $p0_sku}) WITH v1 LIMIT 1  RETURN head(collect(v1 {sku: v1.sku, name: v1.name})) AS r0
    }
    RETURN r0
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from graph.compiler.templates import REQUIRED, ROOTS, TEMPLATES, Sub

__all__ = [
    "FIRST_RUN_TIMEOUT",
    "Field",
    "Projection",
    "Root",
    "Statement",
    "nested_keys",
    "statement",
]


@dataclass(frozen=True)
class Field:
    """One selected field of a type; `child` is the selection on its value's type."""

    type_name: str
    name: str
    child: Projection | None = None
    params: int | None = None  # the occurrence number of a field with parameters
    options: frozenset[str] = frozenset()
    # set when an earlier field of the object reads the same nested keys (an alias with other
    # arguments, `openCases` beside `supportCases`): its nested keys are suffixed `__<slot>`
    slot: str = ""


@dataclass(frozen=True)
class Projection:
    type_name: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Root:
    template: str  # a ROOTS key
    out: str  # the result column
    params: int
    child: Projection


@dataclass
class Statement:
    cypher: str
    # (occurrence number, parameter name) -> the statement's parameter name
    params: dict[tuple[int, str], str] = field(default_factory=dict)
    # Neo4j plans a statement on its first run (seconds for a deep one, then cached by its
    # text): until one run succeeded, the reader allows `FIRST_RUN_TIMEOUT` for it
    planned: bool = False


FIRST_RUN_TIMEOUT = 120.0


_PARAM = re.compile(r"\$@(\w+)")


def statement(roots: Sequence[Root]) -> Statement:
    """The one Cypher statement answering `roots`: a column per root field."""
    built = Statement("")
    counter = [0]
    bodies = []
    for root in roots:
        var = _fresh(counter)
        calls, child = _map(root.child, var, counter, built)
        body = _bind(ROOTS[root.template], root.params, built).replace("@out", root.out)
        body = body.replace("@calls", " ".join(calls)).replace("@child", child)
        bodies.append(f"CALL () {{\n  {body.replace('@c', var)}\n}}")
    columns = ", ".join(root.out for root in roots)
    built.cypher = "\n".join(bodies) + f"\nRETURN {columns}" if roots else "RETURN 1 AS none"
    return built


def _fresh(counter: list[int]) -> str:
    counter[0] += 1
    return f"v{counter[0]}"


def _bind(text: str, occurrence: int | None, built: Statement) -> str:
    def name(match: re.Match[str]) -> str:
        assert occurrence is not None, f"a template with parameters needs them bound: {text}"
        param = f"p{occurrence}_{match.group(1)}"
        built.params[(occurrence, match.group(1))] = param
        return "$" + param

    return _PARAM.sub(name, text)


def nested_keys(type_name: str, name: str, options: frozenset[str] = frozenset()) -> set[str]:
    """The raw keys a field reads through a subquery or a child selection: two fields of one
    object that share one need a `slot` of their own."""
    template = TEMPLATES.get((type_name, name)) or TEMPLATES[(type_name, "*")]
    keys = dict(template.keys)
    for option in options:
        keys.update(template.options[option])
    return {k for k, v in keys.items() if isinstance(v, Sub) or "@child" in v or "@c" in v}


def _map(
    projection: Projection, var: str, counter: list[int], built: Statement
) -> tuple[list[str], str]:
    """The CALL clauses that must run where `var` is bound, and the map projection of `var`."""
    calls: list[str] = []
    entries: dict[str, str] = {}

    def add(key: str, value: str | Sub, selected: Field | None, same_node: bool) -> None:
        if key in entries:
            return
        if isinstance(value, Sub):
            child_var = _fresh(counter)
            match = _bind(value.match, selected.params if selected else None, built)
            ret = _bind(value.ret, selected.params if selected else None, built)
            inner: list[str] = []
            if "@child" in ret:
                assert selected is not None and selected.child is not None
                inner, child = _map(selected.child, child_var, counter, built)
                ret = ret.replace("@child", child)
            text = f"CALL ({var}) {{ {match} {' '.join(inner)} RETURN {ret} AS @c_out }}"
            calls.append(text.replace("@c", child_var).replace("@v", var))
            entries[key] = f"{child_var}_out"
            return
        text = _bind(value, selected.params if selected else None, built)
        if "@child" in text:
            assert selected is not None and selected.child is not None
            inner, child = _map(selected.child, var, counter, built)
            calls.extend(inner)
            text = text.replace("@child", child)
        if "@c" in text:
            text = text.replace("@c", _fresh(counter))
        entries[key] = text.replace("@v", var)

    for key, value in REQUIRED.get(projection.type_name, {}).items():
        add(key, value, None, False)
    for selected in projection.fields:
        template = (
            TEMPLATES.get((projection.type_name, selected.name))
            or TEMPLATES[(projection.type_name, "*")]
        )
        keys = dict(template.keys)
        for option in selected.options:
            keys.update(template.options[option])
        nested = nested_keys(projection.type_name, selected.name, selected.options)
        for key, value in keys.items():
            if selected.slot and key in nested:
                key = f"{key}__{selected.slot}"
            add(key, value, selected, template.same_node)
        if template.flatten:
            assert selected.child is not None
            inner, child = _map(selected.child, var, counter, built)
            calls.extend(inner)
            for entry in _split_map(child, var):
                key, _, expr = entry.partition(": ")
                entries.setdefault(key, expr)
    return calls, f"{var} {{{', '.join(f'{k}: {v}' for k, v in entries.items())}}}"


def _split_map(text: str, var: str) -> list[str]:
    """The `key: expr` entries of a map projection `_map` built (flattened into a parent)."""
    body = text[len(var) + 2 : -1]
    entries, depth, start = [], 0, 0
    for index, char in enumerate(body):
        if char in "({[":
            depth += 1
        elif char in ")}]":
            depth -= 1
        elif char == "," and depth == 0:
            entries.append(body[start:index].strip())
            start = index + 1
    if body.strip():
        entries.append(body[start:].strip())
    return entries

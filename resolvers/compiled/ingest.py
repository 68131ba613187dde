"""The compiled door of `ingestEvents`: the mutation's events checked by code made for their
input type, and its answer built straight from the pipeline's results.

On the interpreted path a call of 100 events spends more of the gateway's CPU in graphql-core
than in planning the batch: `coerce_input_value` walks every value of every event generically
(~50 us an event), then the results are completed field by field. Here the document is looked at
once (one `ingestEvents(events: $var)` field, plain fields below it: `IngestShape`), the events
are coerced by closures built once from `EventInput` (`input_coercer`) and the answer is the
results' JSON, projected on the selection.

The door changes no answer. The coercer follows graphql-core's `coerce_input_value` rule for
rule and returns what `schema/ingest.py`'s `_stripper` makes of graphql-core's result; when
graphql-core would refuse the events (a missing field, an unknown one, a wrong type), the
interpreted path runs the request and words the error. A refused caller (`FORBIDDEN`) goes there
too, before anything is written. When the pipeline fails (Neo4j out of reach, too many events),
the interpreted path reports that same failure: `failed_ingestion` hands it to the resolver, so
nothing runs twice. `tests/unit/test_compiled_ingest.py` compares the coercer with graphql-core
on random inputs; `tests/integration/test_compiled_ingest.py` compares both paths' answers, byte
for byte.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Iterable
from enum import Enum
from typing import Any

from graphql import (
    FieldNode,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    GraphQLSchema,
    ListTypeNode,
    NamedTypeNode,
    NonNullTypeNode,
    OperationDefinitionNode,
    SelectionSetNode,
    Undefined,
    VariableNode,
    get_operation_ast,
)
from graphql.pyutils import is_iterable
from graphql.type import GraphQLFloat, GraphQLInt, GraphQLString, is_required_input_field

from resolvers import access
from resolvers.compiled.documents import Documents
from resolvers.context import RequestContext

FIELD = "ingestEvents"
MAX_SHAPES = 1000

Coercer = Callable[[Any], Any]  # a value -> its coerced value, or `Undefined` when refused


class NotCovered(Exception):
    """A document (or an input type) this door does not serve."""


def input_coercer(type_: GraphQLInputType, _built: dict[str, Coercer] | None = None) -> Coercer:
    """graphql-core's `coerce_input_value` for `type_`, then `_stripper`: input objects as dicts
    in the type's field order without null fields, enum values as their Python values.
    `Undefined` wherever graphql-core returns it. `NotCovered` for a type it cannot follow."""
    built = {} if _built is None else _built
    if isinstance(type_, GraphQLNonNull):
        inner = input_coercer(type_.of_type, built)
        return lambda value: Undefined if value is None or value is Undefined else inner(value)
    if isinstance(type_, GraphQLList):
        return _list_coercer(input_coercer(type_.of_type, built))
    if isinstance(type_, GraphQLInputObjectType):
        if type_.name not in built:  # an input type may contain itself
            fields: list[tuple[str, Coercer, bool]] = []
            built[type_.name] = _object_coercer(type_, fields)
            fields.extend(_field_coercers(type_, built))
        return built[type_.name]
    if isinstance(type_, GraphQLEnumType):
        return _enum_coercer(type_)
    if isinstance(type_, GraphQLScalarType):
        return _scalar_coercer(type_)
    raise NotCovered(f"input type {type_}")


def _list_coercer(item: Coercer) -> Coercer:
    def coerce_list(value: Any) -> Any:
        if value is None or value is Undefined:
            return None
        if not is_iterable(value):  # GraphQL's input coercion: one value is a list of one
            coerced = item(value)
            return Undefined if coerced is Undefined else [coerced]
        items = []
        for each in value:
            coerced = item(each)
            if coerced is Undefined:
                return Undefined
            items.append(coerced)
        return items

    return coerce_list


def _object_coercer(
    type_: GraphQLInputObjectType, fields: list[tuple[str, Coercer, bool]]
) -> Coercer:
    if type_.is_one_of or type_.out_type is not GraphQLInputObjectType.out_type:
        raise NotCovered(f"input {type_.name} is @oneOf or turned into objects")
    names = frozenset(type_.fields)

    def coerce_object(value: Any) -> Any:
        if value is None or value is Undefined:
            return None
        if not isinstance(value, dict):
            return Undefined
        if not value.keys() <= names and any(
            k not in names and v is not Undefined for k, v in value.items()
        ):
            return Undefined  # a field the type does not have
        coerced = {}
        for name, coerce, required in fields:
            given = value.get(name, Undefined)
            if given is Undefined:
                if required:
                    return Undefined
                continue  # its default is null (`_field_coercers` checks): stripped
            result = coerce(given)
            if result is Undefined:
                return Undefined
            if result is not None:
                coerced[name] = result
        return coerced

    return coerce_object


def _field_coercers(
    type_: GraphQLInputObjectType, built: dict[str, Coercer]
) -> Iterable[tuple[str, Coercer, bool]]:
    for name, field in type_.fields.items():
        if field.out_name not in (None, name):
            raise NotCovered(f"{type_.name}.{name} is renamed")
        if field.default is not None or field.default_value not in (Undefined, None):
            raise NotCovered(f"{type_.name}.{name} has a default other than null")
        yield name, input_coercer(field.type, built), is_required_input_field(field)


def _enum_coercer(type_: GraphQLEnumType) -> Coercer:
    known = {
        name: value.value.value if isinstance(value.value, Enum) else value.value
        for name, value in type_.values.items()
    }
    missing = object()

    def coerce_enum(value: Any) -> Any:
        if value is None or value is Undefined:
            return None
        found = known.get(value, missing) if type(value) is str else missing
        return Undefined if found is missing else found

    return coerce_enum


def _scalar_coercer(type_: GraphQLScalarType) -> Coercer:
    if type_ is GraphQLString:

        def coerce_string(value: Any) -> Any:
            if type(value) is str or value is None:
                return value
            return _by_graphql(type_, value)

        return coerce_string
    if type_ is GraphQLInt:

        def coerce_int(value: Any) -> Any:
            if type(value) is int and -(2**31) <= value < 2**31:
                return value
            return _by_graphql(type_, value)

        return coerce_int
    if type_ is GraphQLFloat:

        def coerce_float(value: Any) -> Any:
            if type(value) is float and math.isfinite(value):
                return value
            return _by_graphql(type_, value)

        return coerce_float
    return lambda value: _by_graphql(type_, value)


def _by_graphql(type_: GraphQLScalarType, value: Any) -> Any:
    """The uncommon case (an int for a Float, a custom scalar): graphql-core's own coercion."""
    if value is None or value is Undefined:
        return None
    try:
        return type_.coerce_input_value(value)
    except Exception:  # as graphql-core: any failure refuses the value
        return Undefined


# The answer: `IngestResult` and `IngestError` fields, as the pipeline's JSON names them.
_RESULT_FIELDS = frozenset(
    ("eventId", "status", "customerId", "mergedCustomerIds", "warnings", "error", "reason")
)
_PROBLEM_FIELDS = frozenset(("code", "field", "message"))
_OBJECTS = {"error", "reason"}

Projection = tuple[tuple[str, str, "Projection | None"], ...]  # (response key, field, below)


class IngestShape:
    """What a covered document asks: the variable holding the events, where the answer goes,
    and which fields of each result."""

    __slots__ = ("key", "projection", "variable")

    def __init__(self, variable: str, key: str, projection: Projection) -> None:
        self.variable = variable
        self.key = key
        self.projection = projection

    def answer(self, results: list[dict[str, Any]]) -> dict[str, Any]:
        return {self.key: [_project(result, self.projection) for result in results]}


def _project(value: dict[str, Any], projection: Projection) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, name, below in projection:
        if below is None:
            out[key] = _typename(value) if name == "__typename" else value[name]
        else:
            inner = value[name]
            out[key] = None if inner is None else _project(inner, below)
    return out


def _typename(value: dict[str, Any]) -> str:
    return "IngestResult" if "status" in value else "IngestError"


def shape_of(operation: OperationDefinitionNode) -> IngestShape:
    """The shape of a covered operation; `NotCovered` says why another is not."""
    if operation.operation.value != "mutation" or operation.directives:
        raise NotCovered("not a mutation, or one with directives")
    selections = operation.selection_set.selections
    if len(selections) != 1 or not isinstance(selections[0], FieldNode):
        raise NotCovered("not one field")
    root = selections[0]
    arguments = root.arguments or ()
    if root.name.value != FIELD or root.directives or len(arguments) != 1:
        raise NotCovered(f"not {FIELD}(events: $var) alone")
    argument = arguments[0]
    if not isinstance(argument.value, VariableNode):
        raise NotCovered("events written in the document")
    variable = argument.value.name.value
    definitions = operation.variable_definitions or ()
    if len(definitions) != 1 or definitions[0].variable.name.value != variable:
        raise NotCovered("other variables")
    definition = definitions[0]
    if definition.default_value is not None or definition.directives:
        raise NotCovered("a default or a directive on the variable")
    if not _is_event_list(definition.type):
        raise NotCovered("the variable is not [EventInput!]!")
    key = root.alias.value if root.alias else FIELD
    return IngestShape(variable, key, _projection(root.selection_set, _RESULT_FIELDS))


def _is_event_list(node: Any) -> bool:
    """`[EventInput!]!`, the argument's own type: graphql-core coerces the value against it."""
    if not isinstance(node, NonNullTypeNode) or not isinstance(node.type, ListTypeNode):
        return False
    item = node.type.type
    return (
        isinstance(item, NonNullTypeNode)
        and isinstance(item.type, NamedTypeNode)
        and item.type.name.value == "EventInput"
    )


def _projection(selection_set: SelectionSetNode | None, allowed: frozenset[str]) -> Projection:
    if selection_set is None:
        raise NotCovered("no selection")
    out: list[tuple[str, str, Projection | None]] = []
    keys = set()
    for selection in selection_set.selections:
        if not isinstance(selection, FieldNode) or selection.directives or selection.arguments:
            raise NotCovered("fragments, directives or arguments in the selection")
        name = selection.name.value
        key = selection.alias.value if selection.alias else name
        if key in keys:
            raise NotCovered("a response key asked twice")  # graphql-core merges them
        keys.add(key)
        if name == "__typename":
            out.append((key, name, None))
        elif name not in allowed:
            raise NotCovered(f"field {name}")
        elif name in _OBJECTS and allowed is _RESULT_FIELDS:
            out.append((key, name, _projection(selection.selection_set, _PROBLEM_FIELDS)))
        else:
            out.append((key, name, None))
    return tuple(out)


class CompiledIngest:
    """One per served schema: the shapes of the documents seen, and the events' coercer."""

    def __init__(self, schema: GraphQLSchema, documents: Documents) -> None:
        mutation = schema.mutation_type
        assert mutation is not None
        try:
            self._coerce: Coercer | None = input_coercer(mutation.fields[FIELD].args["events"].type)
        except NotCovered:  # an `EventInput` this door cannot follow: the interpreted path serves
            self._coerce = None
        self._documents = documents
        self._shapes: OrderedDict[tuple[str, str | None], IngestShape | None] = OrderedDict()

    def prepare(
        self, query: str | None, variable_values: dict[str, Any] | None, operation_name: str | None
    ) -> tuple[IngestShape, list[Any]] | None:
        """The shape and the coerced events, or None: the interpreted path serves the request
        (another document, or events graphql-core refuses: it says why)."""
        if not query or self._coerce is None:
            return None
        shape = self._shape(query, operation_name)
        if shape is None:
            return None
        events = self._coerce((variable_values or {}).get(shape.variable, Undefined))
        return None if events is Undefined else (shape, events)

    def _shape(self, query: str, operation_name: str | None) -> IngestShape | None:
        key = (query, operation_name)
        if key in self._shapes:
            self._shapes.move_to_end(key)
            return self._shapes[key]
        found = None
        parsed = self._documents.get(query)  # parsed and validated, like any other document
        operation = None if parsed is None else get_operation_ast(parsed.document, operation_name)
        if operation is not None and parsed is not None and parsed.measured({}):
            try:
                found = shape_of(operation)
            except NotCovered:
                found = None
        self._shapes[key] = found
        if len(self._shapes) > MAX_SHAPES:
            self._shapes.popitem(last=False)
        return found

    async def execute(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None,
        context: Any,
        operation_name: str | None,
    ) -> dict[str, Any] | None:
        """The answer's `data`, or None: the interpreted path serves the request."""
        if not isinstance(context, RequestContext) or context.trace:
            return None  # the trace extension is the interpreted path's
        prepared = self.prepare(query, variable_values, operation_name)
        if prepared is None:
            return None
        try:
            access.require(context.principal, FIELD)
        except Exception:  # the interpreted path refuses, coded
            return None
        from resolvers.ingest import ingest_for  # the resolvers import the schema's types

        shape, events = prepared
        try:
            results = await ingest_for(context, events)
        except Exception as error:  # the interpreted path reports it
            context.failed_ingestion = error
            return None
        return shape.answer([result.as_json() for result in results])

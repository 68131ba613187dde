"""The documents the compiled path has seen: parsed and validated once each (at most
`MAX_DOCUMENTS`, least recently used dropped first), with what about a document does not change
from request to request: the variables its shape depends on, and whether it is within the
schema's limits for the values of its `first` variables (resolvers/limits.py).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from graphql import (
    DirectiveNode,
    DocumentNode,
    FieldNode,
    GraphQLError,
    GraphQLSchema,
    VariableNode,
    parse,
    visit,
)
from graphql.language import Visitor
from graphql.validation import specified_rules
from strawberry.schema.schema import validate_document

from resolvers.limits import MAX_TOKENS, measure

MAX_DOCUMENTS = 1000


class ParsedDocument:
    """A parsed, valid document, and what about it does not change from request to request."""

    __slots__ = ("directive_variables", "document", "first_variables", "within_limits")

    def __init__(self, document: DocumentNode) -> None:
        self.document = document
        self.directive_variables = _variables_of(document, directives=True)
        # the limits (resolvers/limits.py) read no variable but the `first` of a connection
        self.first_variables = _variables_of(document, directives=False)
        self.within_limits: dict[tuple[Any, ...], bool] = {}

    def measured(self, inputs: dict[str, Any]) -> bool:
        """Whether the document is within the schema's limits with these variables."""
        key = tuple(repr(inputs.get(name)) for name in self.first_variables)
        found = self.within_limits.get(key)
        if found is None:
            found = measure(self.document.definitions, inputs) is None
            if len(self.within_limits) < 64:
                self.within_limits[key] = found
        return found


_INVALID = object()


class Documents:
    """The parsed documents of one served schema; an invalid one is remembered as such."""

    def __init__(self, schema: GraphQLSchema) -> None:
        self.schema = schema
        self.rules = tuple(specified_rules)
        self._documents: OrderedDict[str, Any] = OrderedDict()

    def get(self, query: str) -> ParsedDocument | None:
        """The parsed document, or None when it does not parse or is not valid."""
        found = self._documents.get(query)
        if found is not None:
            self._documents.move_to_end(query)
            return None if found is _INVALID else found
        try:
            document = parse(query, max_tokens=MAX_TOKENS)
            errors = validate_document(self.schema, document, self.rules)
        except GraphQLError:
            errors = [GraphQLError("unparsable")]
        parsed: Any = _INVALID
        if not errors:
            parsed = ParsedDocument(document)
        self._documents[query] = parsed
        if len(self._documents) > MAX_DOCUMENTS:
            self._documents.popitem(last=False)
        return None if parsed is _INVALID else parsed


def _variables_of(document: DocumentNode, *, directives: bool) -> tuple[str, ...]:
    """The variables `@skip`/`@include` read (`directives`), or those given as `first`."""
    names: set[str] = set()

    class Variables(Visitor):
        def enter_directive(self, node: DirectiveNode, *_: Any) -> None:
            if directives:
                names.update(_variables(node.arguments))

        def enter_field(self, node: FieldNode, *_: Any) -> None:
            if not directives:
                names.update(_variables(a for a in node.arguments or () if a.name.value == "first"))

    visit(document, Variables())
    return tuple(sorted(names))


def _variables(arguments: Any) -> list[str]:
    return [a.value.name.value for a in arguments or () if isinstance(a.value, VariableNode)]

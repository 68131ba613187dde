"""The `QUERY_TOO_COMPLEX` check as a schema extension; the limits are `resolvers/limits.py`.

schema = strawberry.Schema(Query, extensions=[ValidationCache, QueryLimits])
"""

from __future__ import annotations

from collections.abc import Iterator

from strawberry.extensions import SchemaExtension

from resolvers.limits import measure


class QueryLimits(SchemaExtension):
    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        # Only a valid document is measured (ValidationCache validated it just before).
        if document is not None and not context.pre_execution_errors:
            error = measure(document.definitions, context.variables or {})
            if error is not None:
                context.pre_execution_errors = [error]
        yield

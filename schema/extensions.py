"""Schema extensions: coded errors, and the per-request trace in `extensions.trace`."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql.error import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.execution import ExecutionResult

from resolvers.errors import graph_failure
from resolvers.limits import MAX_TOKENS, TOO_MANY_TOKENS

logger = logging.getLogger("omnigraph.errors")

INTERNAL_MESSAGE = "Internal error: the request could not be completed. It has been logged."
# In production graphql-core's own messages are replaced: they quote the schema back to a caller
# (field suggestions, type names) that introspection no longer tells.
INVALID_MESSAGE = "The request is not a valid operation of this API."


def coded(error: GraphQLError, *, production: bool = False) -> GraphQLError:
    """The error as a client sees it: always an `extensions.code`, never internals.

    Errors raised on purpose (`resolvers.errors.ClientError`) keep their code and message. Errors
    GraphQL itself found in the document or the variables are the client's to fix:
    `BAD_USER_INPUT` with graphql-core's message (a neutral one in production). Anything else is
    a bug or an outage: logged with its stack trace here, and shown as `INTERNAL` with a neutral
    message.
    """
    if error.extensions and "code" in error.extensions:
        return error
    original = error.original_error
    if original is None and TOO_MANY_TOKENS in error.message:
        return GraphQLError(
            f"The document has more than {MAX_TOKENS} tokens",
            error.nodes,
            error.source,
            error.positions,
            extensions={"code": "QUERY_TOO_COMPLEX"},
        )
    failure = graph_failure(original)
    if failure is not None:
        code, message = failure
        if code == "UNAVAILABLE":
            logger.warning("Neo4j unavailable at %s: %s", error.path, original)
        return GraphQLError(
            message,
            error.nodes,
            error.source,
            error.positions,
            error.path,
            extensions={"code": code},
        )
    if original is None or isinstance(original, GraphQLError):
        return GraphQLError(
            INVALID_MESSAGE if production else error.message,
            error.nodes,
            error.source,
            error.positions,
            error.path,
            extensions={**(error.extensions or {}), "code": "BAD_USER_INPUT"},
        )
    logger.error("unexpected error at %s", error.path, exc_info=original)
    return GraphQLError(
        INTERNAL_MESSAGE,
        error.nodes,
        error.source,
        error.positions,
        error.path,
        extensions={"code": "INTERNAL"},
    )


class ErrorCodes(SchemaExtension):
    production = False

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if isinstance(result, (GraphQLExecutionResult, ExecutionResult)) and result.errors:
            result.errors = [coded(e, production=self.production) for e in result.errors]


class ProductionErrorCodes(ErrorCodes):
    production = True


class RequestTrace(SchemaExtension):
    """With `X-Omnigraph-Trace: 1`: how many Cypher queries ran and how long they took."""

    def on_operation(self) -> Iterator[None]:
        self._started = time.perf_counter()
        yield

    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        if not getattr(context, "trace", False):
            return {}
        reader = context.reader
        return {
            "trace": {
                "path": "interpreted",
                "cypherQueries": reader.queries,
                "dbMillis": round(reader.db_seconds * 1000, 3),
                "totalMillis": round((time.perf_counter() - context.started) * 1000, 3),
            }
        }


class AuditReads(SchemaExtension):
    """Records every profile a staff member was shown, once the operation has run."""

    async def on_operation(self) -> AsyncIterator[None]:
        yield
        from resolvers.privacy import record_reads

        context = self.execution_context.context
        if hasattr(context, "loaders"):
            await record_reads(context, self.execution_context.operation_name)

"""The public GraphQL contract: `schema` is what the gateway serves and `schema.graphql` exports."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import strawberry
from strawberry.extensions import (
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from resolvers.compiled.execute import CompiledReads, count_interpreted
from resolvers.compiled.ingest import CompiledIngest
from resolvers.limits import MAX_TOKENS
from schema.catalog import Account, Device, Product, Store
from schema.customer import Customer
from schema.extensions import AuditReads, ErrorCodes, ProductionErrorCodes, RequestTrace
from schema.ingest import take_ingest_input_directly
from schema.interaction import Interaction
from schema.limits import QueryLimits
from schema.mutation import Mutation
from schema.order import Order
from schema.query import Query
from schema.subscription import Subscription
from schema.support import SupportCase

SDL_PATH = Path(__file__).with_name("schema.graphql")


class OmnigraphSchema(strawberry.Schema):
    """The schema, with the compiled paths in front of Strawberry's execution: a query they
    cover is answered by one Cypher statement (`resolvers/compiled/`), an `ingestEvents` call
    without graphql-core's per-value work (`resolvers/compiled/ingest.py`), anything else (and
    everything when `compiled` is off) by graphql-core and the resolvers."""

    compiled: CompiledReads | None = None
    compiled_ingest: CompiledIngest | None = None

    def process_errors(self, errors: Any, execution_context: Any = None) -> None:
        """Client errors are the client's; `ErrorCodes` logs the unexpected ones."""

    async def execute(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        if self.compiled is not None and root_value is None:
            answer = await self.compiled.execute(
                query, variable_values, context_value, operation_name
            )
            if answer is not None:
                data, extensions = answer
                return ExecutionResult(data=data, errors=None, extensions=extensions)
        if (
            self.compiled_ingest is not None
            and root_value is None
            and (
                allowed_operation_types is None or OperationType.MUTATION in allowed_operation_types
            )
        ):
            ingested = await self.compiled_ingest.execute(
                query, variable_values, context_value, operation_name
            )
            if ingested is not None:
                return ExecutionResult(data=ingested, errors=None)
        count_interpreted()
        return await super().execute(
            query,
            variable_values,
            context_value,
            root_value,
            operation_name,
            allowed_operation_types,
            operation_extensions,
        )


def build_schema(*, production: bool = False, compiled: bool = False) -> OmnigraphSchema:
    """The served schema; in production without introspection, field suggestions or tracing."""
    extensions: list[Any] = [
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: ParserCache(maxsize=1000),  # bounded; shared across requests
        lambda: ValidationCache(maxsize=1000),
        QueryLimits,  # after validation: it measures valid documents only
        AuditReads,
    ]
    if production:
        extensions += [DisableIntrospection, ProductionErrorCodes]
    else:
        extensions += [ErrorCodes, RequestTrace]
    built = OmnigraphSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=[Customer, Order, Product, Store, Device, Account, Interaction, SupportCase],
        extensions=extensions,
        config=StrawberryConfig(auto_camel_case=True, disable_field_suggestions=production),
    )
    take_ingest_input_directly(built)
    if compiled:
        built.compiled = CompiledReads(built._schema)
        built.compiled_ingest = CompiledIngest(built._schema, built.compiled.documents)
    return built


schema = build_schema()


def sdl() -> str:
    """The schema as SDL, exactly as committed in `schema/schema.graphql`."""
    return schema.as_str() + "\n"

"""The compiled read path, per request: find (or make) the plan, bind the arguments, run its
one statement, build the answer, audit it. Anything it does not serve returns None, and the
schema runs the request on the interpreted path (`schema/__init__.py`).

Plans are cached per document, operation, role and the values of the variables that `@skip` or
`@include` read (they change the shape); at most `MAX_PLANS`, least recently used dropped first.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from typing import Any, NamedTuple

from graphql import (
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    get_operation_ast,
)
from graphql.execution.values import get_argument_values, get_variable_values
from neo4j.exceptions import DriverError, Neo4jError

from graph.compiler import FIRST_RUN_TIMEOUT, Statement
from graph.driver import GraphReader, QueryTimedOut
from graph.metrics import count_request
from resolvers.compiled.arguments import BINDERS, Bound
from resolvers.compiled.builders import Request
from resolvers.compiled.documents import Documents, ParsedDocument
from resolvers.compiled.plan import Plan, plan
from resolvers.compiled.selections import NotCompiled
from resolvers.context import RequestContext
from resolvers.errors import ClientError
from resolvers.principal import Principal
from resolvers.privacy import record_reads

logger = logging.getLogger("omnigraph.compiled")

MAX_PLANS = 1000


class Prepared(NamedTuple):
    """A request the compiled path serves, up to running its statement."""

    plan: Plan
    operation: OperationDefinitionNode
    request: Request
    statement: Statement | None  # None: no root field reads the graph
    params: dict[str, Any]


def count_interpreted() -> None:
    """Count a request the interpreted path answers (`omnigraph_reads_total{path=...}`)."""
    count_request("interpreted")


class CompiledReads:
    """One per served schema: the parsed documents and the plans made from them."""

    def __init__(self, schema: GraphQLSchema) -> None:
        self.schema = schema
        self.documents = Documents(schema)  # shared with the compiled `ingestEvents`
        self._plans: OrderedDict[tuple[Any, ...], Plan | None] = OrderedDict()

    async def execute(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None,
        context: Any,
        operation_name: str | None,
    ) -> tuple[dict[str, Any], dict[str, Any] | None] | None:
        """`(data, extensions)` of the answer, or None: the interpreted path serves it."""
        if not isinstance(context, RequestContext):
            return None
        prepared = self.prepare(
            query, variable_values, context.principal, context.default_region, operation_name
        )
        if prepared is None:
            return None
        return await self._run(prepared, context, operation_name)

    def prepare(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None,
        principal: Principal,
        region: str,
        operation_name: str | None = None,
    ) -> Prepared | None:
        """Everything before the database: the plan, the bound arguments, the statement and its
        parameters; None when the interpreted path serves the request (not compiled, or an
        argument it refuses). A prepared request may still fall back when its statement fails
        or its answer cannot be built (`tests/integration/test_compiled_reads.py` allows that
        only for answers with errors)."""
        if not query:
            return None
        parsed = self.documents.get(query)
        if parsed is None:
            return None
        operation = get_operation_ast(parsed.document, operation_name)
        if operation is None or operation.operation.value != "query":
            return None
        inputs = variable_values or {}
        if not parsed.measured(inputs):
            return None
        coerced = get_variable_values(self.schema, operation.variable_definitions or (), inputs)
        if isinstance(coerced, list):
            return None  # variable errors: the interpreted path words them
        found = self._plan(query, operation_name, parsed, operation, coerced, principal)
        bound = None if found is None else self._bind(found, coerced, principal, region)
        if found is None or bound is None:
            return None
        return Prepared(found, operation, *bound)

    def _plan(
        self,
        query: str,
        operation_name: str | None,
        parsed: ParsedDocument,
        operation: OperationDefinitionNode,
        coerced: Any,
        principal: Principal,
    ) -> Plan | None:
        shape = tuple(coerced.coerced.get(name) for name in parsed.directive_variables)
        key = (
            query, operation_name, principal.role, principal.store_id,
            principal.customer_id is None, shape,
        )  # fmt: skip
        if key in self._plans:
            self._plans.move_to_end(key)
            return self._plans[key]
        try:
            found: Plan | None = plan(self.schema, parsed.document, operation, coerced, principal)
        except NotCompiled as reason:
            logger.debug("interpreted: %s", reason)
            found = None
        self._plans[key] = found
        if len(self._plans) > MAX_PLANS:
            self._plans.popitem(last=False)
        return found

    def _bind(
        self, found: Plan, variables: Any, principal: Principal, region: str
    ) -> tuple[Request, Statement | None, dict[str, Any]] | None:
        """The request's arguments bound, and its statement with their parameters (None when the
        plan reads nothing); None when an argument is refused (the interpreted path says why)."""
        bound: dict[int, Bound] = {}
        try:
            for site in found.sites:
                arguments = get_argument_values(site.field_def, site.node, variables)
                bound[site.occurrence] = BINDERS[site.binder](arguments, principal, region)
        except (ClientError, GraphQLError):
            return None
        request = Request(principal, bound)
        queried = found.queried()
        if not queried:
            return request, None, {}
        variants = tuple(bound[r.site.occurrence].variant for r in queried if r.site)
        statement = found.statement(variants)
        params = {
            name: bound[occurrence].params[param]
            for (occurrence, param), name in statement.params.items()
        }
        return request, statement, params

    async def warm(
        self,
        reader: GraphReader,
        query: str,
        principal: Principal,
        variables: dict[str, Any] | None = None,
        operation_name: str | None = None,
        region: str = "PT",
    ) -> bool:
        """Have Neo4j plan this document's statement now (`EXPLAIN`: nothing runs), so its first
        request does not wait seconds for the plan; the plan is cached here too. False when the
        document is not served by this path as `principal`, or Neo4j refused."""
        prepared = self.prepare(query, variables, principal, region, operation_name)
        if prepared is None:
            return False
        statement, params = prepared.statement, prepared.params
        if statement is None or statement.planned:
            return statement is not None
        await reader.read("EXPLAIN " + statement.cypher, params, timeout=FIRST_RUN_TIMEOUT)
        statement.planned = True
        return True

    async def _run(
        self, prepared: Prepared, context: RequestContext, operation_name: str | None
    ) -> tuple[dict[str, Any], dict[str, Any] | None] | None:
        found, operation, request, statement, params = prepared
        row: dict[str, Any] = {}
        if statement is not None:
            first = None if statement.planned else FIRST_RUN_TIMEOUT
            try:
                rows = await context.reader.read(statement.cypher, params, timeout=first)
            except (QueryTimedOut, Neo4jError, DriverError):
                # the interpreted path answers, or reports the timeout or the outage itself,
                # coded, with its paths
                return None
            statement.planned = True
            row = rows[0] if rows else {}
        try:
            data = {
                root.key: root.build(row.get(root.column) if root.projection else None, request)
                for root in found.roots
            }
        except Exception as error:
            # a null in a non-null field, a value no enum knows: graphql-core words the error
            logger.debug("compiled answer abandoned: %r", error, exc_info=True)
            return None
        count_request("compiled")
        context.loaders.customers_read.update(request.customers_read)
        name = operation_name or (operation.name.value if operation.name else None)
        await record_reads(context, name)
        return data, _trace(context, "compiled")


def _trace(context: RequestContext, path: str) -> dict[str, Any] | None:
    if not context.trace:
        return None
    reader = context.reader
    return {
        "trace": {
            "path": path,
            "cypherQueries": reader.queries,
            "dbMillis": round(reader.db_seconds * 1000, 3),
            "totalMillis": round((time.perf_counter() - context.started) * 1000, 3),
        }
    }

"""The GraphQL endpoint behind `/graphql`: Strawberry's ASGI view, with the request context
of each operation (who asks, why, with what deadline), websocket authentication in
`connection_init`, coded errors, and GraphiQL in development.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import orjson
from cross_web import HTTPException
from neo4j import AsyncDriver
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET, UnsetType

from gateway.auth import Authenticator, AuthError
from gateway.graphiql import is_page_request, with_example_query, with_headers, with_local_assets
from gateway.graphql_body import decode_graphql_body
from gateway.http_errors import RequestError, error_response, mark_request_failed
from gateway.outage import outage_status
from gateway.settings import Settings
from gateway.trusted import TrustedDocuments
from gateway.web import VENDOR_URL
from gateway.websocket import TextFrames, TrustedOperations
from graph.audit import ReadLog
from graph.availability import is_unavailable
from graph.ingest.warmup import warmth
from resolvers.context import RequestContext
from resolvers.live.bus import ActivityBus
from resolvers.principal import NOBODY, Principal, Role
from schema import build_schema
from schema.extensions import INTERNAL_MESSAGE, coded

logger = logging.getLogger("omnigraph")

TRACE_HEADER = "x-omnigraph-trace"
REASON_HEADER = "x-omnigraph-reason"  # why staff open a profile: kept in the audit trail
_NO_ACK_PAYLOAD: UnsetType = UNSET  # `connection_ack` without a payload


class OmnigraphGraphQL(GraphQL[RequestContext, None]):
    websocket_adapter_class = TextFrames
    graphql_transport_ws_handler_class = TrustedOperations

    def __init__(
        self,
        settings: Settings,
        driver: AsyncDriver | None = None,
        bus: ActivityBus | None = None,
    ) -> None:
        super().__init__(
            build_schema(production=settings.production, compiled=settings.compiled_reads),
            graphql_ide=None if settings.production else "graphiql",
            # the legacy `graphql-ws` protocol let a client subscribe before authenticating
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            # as graphql-ws' reference server: a socket that does not say who it is goes soon
            connection_init_wait_timeout=timedelta(seconds=3),
        )
        self.settings = settings
        self.driver = driver
        self.bus = bus or ActivityBus()
        self.authenticator: Authenticator | None = None  # set by `create_app`
        self.documents: TrustedDocuments | None = None  # set by `create_app`: sockets check them
        self.read_log: ReadLog | None = None  # set by the lifespan unless audit reads are sync

    async def get_context(self, request: Request | WebSocket, response: Any) -> RequestContext:
        assert self.driver is not None, "the driver is opened by the app's lifespan"
        # set by the Edge; only GraphiQL's page (which runs no operation) arrives without one
        principal: Principal = request.scope.get("state", {}).get("principal", NOBODY)
        trace = request.headers.get(TRACE_HEADER, "") in ("1", "true")
        return RequestContext.for_request(
            self.driver,
            self.settings.neo4j_database,
            principal,
            default_region=self.settings.default_region,
            trace=trace and not self.settings.production,
            timeout=self.settings.query_timeout,
            one_deadline=isinstance(request, Request),  # a live feed reads for as long as it runs
            reason=request.headers.get(REASON_HEADER, "")[:200] or None,
            bus=self.bus,
            read_log=self.read_log,
        )

    async def on_ws_connect(self, context: RequestContext) -> UnsetType:
        """A websocket opened without credentials (browsers cannot set headers on one) must
        authenticate in its `connection_init` payload: `{"Authorization": "Bearer <token>"}`.
        Rejected: closed with 4403; nothing can run before (the protocol closes with 4401)."""
        if context.principal.via != "none":
            return _NO_ACK_PAYLOAD  # authenticated on the upgrade request, by the Edge
        params = {str(k).lower(): v for k, v in (context.connection_params or {}).items()}
        headers = {k: v for k, v in params.items() if isinstance(v, str)}
        if not headers or self.authenticator is None:
            raise ConnectionRejectionError()
        try:
            principal = await self.authenticator.authenticate(headers)
        except AuthError as error:
            raise ConnectionRejectionError({"message": str(error)}) from error
        context.authenticated_as(principal)
        return _NO_ACK_PAYLOAD

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        try:
            response = await self.run(Request(scope, receive))
        except HTTPException as error:  # e.g. a mutation by GET: coded JSON, not text/plain
            response = error_response(_refusal(error))
        except Exception as error:  # whatever escaped execution: coded, and logged here
            if is_unavailable(error):
                raise  # an outage: `AnswersOutages` answers 503 with Retry-After
            logger.exception("unexpected error serving %s /graphql", scope.get("method"))
            response = error_response(RequestError(500, "INTERNAL", INTERNAL_MESSAGE))
        await response(scope, receive, send)

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        # Syntax errors end the request before the schema's extensions run: code them here too.
        if result.errors:
            production = self.settings.production
            result.errors = [coded(error, production=production) for error in result.errors]
        response = await super().process_result(request, result)
        # No error has a path when the document, or its variables, failed before execution:
        # then the GraphQL spec wants no `data` at all.
        if result.data is None and result.errors and all(e.path is None for e in result.errors):
            response.pop("data", None)
            mark_request_failed(request.scope)
        return response

    def should_render_graphql_ide(self, request: Any) -> bool:
        # production serves no page: a browser's GET there is an operation like any other
        return self.graphql_ide is not None and is_page_request(request.method, request.headers)

    async def render_graphql_ide(self, request: Request) -> Response:
        page = with_local_assets(with_example_query(self.graphql_ide_html), VENDOR_URL)
        if (headers := _development_headers(self.settings)) is not None:
            page = with_headers(page, headers)
        return HTMLResponse(page, headers={"cache-control": "no-store"})

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        return decode_graphql_body(data)

    def create_response(
        self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], sub_response: Response
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        if outage := outage_status(response_data):  # Neo4j out of reach: 503, Retry-After
            response.status_code = outage[0]
            response.headers.update(outage[1])
            self.outage_seen()
        return response

    def outage_seen(self) -> None:
        """Get ingestion ready again as soon as Neo4j is back (graph/ingest/warmup.py)."""
        if self.driver is not None:
            warmth(self.driver, self.settings.neo4j_database).outage_seen()


def _refusal(error: HTTPException) -> RequestError:
    if error.reason.endswith("not allowed when using GET"):  # the spec's 405, with `Allow`
        return RequestError(
            405, "BAD_USER_INPUT", f"{error.reason}: send them by POST", {"allow": "POST"}
        )
    if "subscriptions are not allowed" in error.reason:
        return RequestError(400, "BAD_USER_INPUT", f"{error.reason}: subscribe over a websocket")
    return RequestError(error.status_code, "BAD_USER_INPUT", error.reason)


def _development_headers(settings: Settings) -> dict[str, str] | None:
    """GraphiQL's Headers tab in development: a fresh agent token, so the page works at once."""
    from gateway.tokens import CannotMint, mint_token

    if settings.production:
        return None
    try:
        token = mint_token(settings, Role.AGENT, ttl=8 * 3600, subject="graphiql-developer")
    except CannotMint:  # a JWKS-only gateway: tokens come from its identity provider
        return None
    return {"Authorization": f"Bearer {token}"}

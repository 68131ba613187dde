"""The Starlette application: `/graphql` (API, GraphiQL, subscriptions over `graphql-transport-ws`),
`/events`, `/healthz`, `/readyz`, and the browser pages of gateway/web.py (`/clienteling/`).

`/graphql` and `/events` sit behind the `Edge` (body size, authentication, rate limits); health
endpoints are open, for load balancers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import orjson
from neo4j import AsyncDriver
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute, request_response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET, UnsetType

from gateway.auth import Authenticator, AuthError
from gateway.edge import Edge
from gateway.events import MAX_BODY_BYTES, events_endpoint
from gateway.graphiql import with_example_query, with_local_assets
from gateway.graphql_body import decode_graphql_body
from gateway.outage import AnswersOutages, outage_status
from gateway.ratelimit import RateLimiter
from gateway.settings import Settings
from gateway.trusted import TrustedDocuments
from gateway.web import VENDOR_URL, web_routes
from gateway.websocket import TextFrames, TrustedOperations
from graph.audit import ReadLog
from graph.driver import open_driver
from graph.ingest.pipeline import warm_up
from graph.ingest.warmup import warmth
from graph.metrics import exposition
from graph.migrations import LATEST_VERSION, current_version, ensure_current
from resolvers.activity_bus import ActivityBus, open_bus
from resolvers.context import RequestContext
from resolvers.principal import NOBODY, Principal, Role
from schema import build_schema
from schema.extensions import coded

logger = logging.getLogger("omnigraph")

TRACE_HEADER = "x-omnigraph-trace"
REASON_HEADER = "x-omnigraph-reason"  # why staff open a profile: kept in the audit trail
_NO_ACK_PAYLOAD: UnsetType = UNSET  # `connection_ack` without a payload
READY_WITHIN = 2.0  # seconds `/readyz` waits for Neo4j before it answers 503


class UnsafeSettings(RuntimeError):
    """Settings the gateway refuses to serve with."""


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

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        # Syntax errors end the request before the schema's extensions run: code them here too.
        if result.errors:
            production = self.settings.production
            result.errors = [coded(error, production=production) for error in result.errors]
        return await super().process_result(request, result)

    async def render_graphql_ide(self, request: Request) -> Response:
        return HTMLResponse(
            with_local_assets(with_example_query(self.graphql_ide_html), VENDOR_URL)
        )

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


async def _warm_up(driver: AsyncDriver, database: str) -> None:
    try:
        await warm_up(driver, database)
    except Exception as error:  # only a head start: the first ingestion compiles it otherwise
        logger.warning("could not warm up the ingestion statement: %s", error)


def create_app(settings: Settings | None = None, driver: AsyncDriver | None = None) -> Starlette:
    """The gateway. Pass a driver to share one (tests); otherwise it opens its own."""
    settings = settings or Settings.from_env()
    if settings.production and (unsafe := settings.unsafe_for_production()):
        raise UnsafeSettings(unsafe)
    if not settings.auth:
        logger.warning(
            "OMNIGRAPH_AUTH=off: authentication is OFF, every caller is admin. "
            "Never expose this gateway to anyone."
        )
    graphql = OmnigraphGraphQL(
        settings, driver, open_bus(settings.redis_url, settings.neo4j_database)
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        own = graphql.driver is None
        if own:
            graphql.driver = open_driver(
                settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password
            )
        try:
            await graphql.driver.verify_connectivity()  # type: ignore[union-attr]
            await ensure_current(graphql.driver, settings.neo4j_database)  # type: ignore[arg-type]
            # compile the ingestion statement while the first requests are reads
            warming = asyncio.create_task(_warm_up(graphql.driver, settings.neo4j_database))  # type: ignore[arg-type]
            await graphql.bus.start()
            if not settings.audit_reads_sync:
                graphql.read_log = ReadLog(graphql.driver, settings.neo4j_database)  # type: ignore[arg-type]
                graphql.read_log.start()
            yield
            warming.cancel()
        finally:
            if graphql.read_log is not None:
                await graphql.read_log.close()  # what is queued is written before we stop
                graphql.read_log = None
            await graphql.bus.close()
            if own and graphql.driver is not None:
                await graphql.driver.close()
                graphql.driver = None

    def _driver() -> AsyncDriver:
        assert graphql.driver is not None, "the driver is opened by the app's lifespan"
        return graphql.driver

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def metrics(request: Request) -> Response:
        return PlainTextResponse(exposition(), media_type="text/plain; version=0.0.4")

    async def readyz(request: Request) -> Response:
        try:
            assert graphql.driver is not None
            version = await asyncio.wait_for(  # a load balancer wants an answer, not a wait
                current_version(graphql.driver, settings.neo4j_database), READY_WITHIN
            )
        except Exception as error:  # any failure to reach Neo4j means not ready
            logger.warning("readyz: Neo4j not reachable: %s", error)
            graphql.outage_seen()
            return JSONResponse({"status": "unavailable", "reason": "Neo4j is not reachable"}, 503)
        if version < LATEST_VERSION:
            return JSONResponse(
                {
                    "status": "unavailable",
                    "reason": f"migrations behind ({version} < {LATEST_VERSION}): "
                    "run `omnigraph migrate`",
                },
                503,
            )
        return JSONResponse({"status": "ready", "schemaVersion": version})

    authenticator = graphql.authenticator = Authenticator(settings, _driver)
    limiter = RateLimiter(settings.rate_limit)
    documents = graphql.documents = (
        TrustedDocuments.load(settings.trusted_documents) if settings.trusted_documents else None
    )
    graphql_door = Edge(
        graphql,
        authenticator,
        limiter,
        max_body_bytes=settings.max_body_bytes,
        open_page=not settings.production and documents is None,
        documents=documents,
    )
    events_door = Edge(
        request_response(events_endpoint(settings, _driver, graphql.bus)),  # type: ignore[arg-type]
        authenticator,
        limiter,
        max_body_bytes=MAX_BODY_BYTES,
        allows=_may_ingest,
    )
    app = Starlette(
        routes=[
            Route(
                "/graphql",
                AnswersOutages(graphql_door, on_outage=graphql.outage_seen),
                methods=["GET", "POST"],
            ),
            WebSocketRoute("/graphql", graphql_door),
            Route(
                "/events",
                AnswersOutages(events_door, style="events", on_outage=graphql.outage_seen),
                methods=["POST"],
            ),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            *([Route("/metrics", metrics)] if settings.metrics else []),
            *web_routes(settings),  # the clienteling app, GraphiQL's assets
        ],
        lifespan=lifespan,
    )
    app.state.activity_bus = graphql.bus
    return app


def _may_ingest(principal: Principal) -> str | None:
    if principal.role in (Role.INGEST, Role.ADMIN):
        return None
    return f"POST /events is for ingestion keys; the role {principal.role.value!r} may not ingest"

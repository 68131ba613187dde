"""The Starlette application: `/graphql` (API, GraphiQL, subscriptions over `graphql-transport-ws`),
`/events`, `/healthz`, `/readyz`, and the browser pages of gateway/web.py (`/clienteling/`).

`/graphql` (served by `graphql_endpoint.OmnigraphGraphQL`) and `/events` sit behind the `Edge`
(body size, authentication, rate limits); health endpoints are open, for load balancers.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from neo4j import AsyncDriver
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute, request_response

from gateway.auth import Authenticator
from gateway.edge import Edge
from gateway.events import MAX_BODY_BYTES, events_endpoint
from gateway.graphql_endpoint import OmnigraphGraphQL
from gateway.graphql_request import GraphQLRequests
from gateway.outage import AnswersOutages
from gateway.ratelimit import RateLimiter
from gateway.readiness import GraphReadiness
from gateway.settings import Settings
from gateway.trusted import TrustedDocuments
from gateway.warm_reads import warm_reads
from gateway.web import web_routes
from graph.audit import ReadLog
from graph.driver import GraphReader, open_driver
from graph.metrics import exposition
from resolvers.live.bus import open_bus
from resolvers.principal import Principal, Role

logger = logging.getLogger("omnigraph")


class UnsafeSettings(RuntimeError):
    """Settings the gateway refuses to serve with."""


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

    async def warm(driver: AsyncDriver) -> None:
        compiled = graphql.schema.compiled  # type: ignore[attr-defined]
        if compiled is not None:
            await warm_reads(
                compiled, compiled.schema, GraphReader(driver, settings.neo4j_database),
                production=settings.production,
                trusted=documents.documents if documents is not None else None,
            )  # fmt: skip

    readiness = GraphReadiness(settings, warm if settings.warm_reads else None)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        own = graphql.driver is None
        if own:
            graphql.driver = open_driver(
                settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password
            )
        readiness_started = False
        try:
            # Neo4j not there yet: the gateway waits for it, /readyz says why (503)
            await readiness.start(graphql.driver)  # type: ignore[arg-type]
            readiness_started = True
            await graphql.bus.start()
            if not settings.audit_reads_sync:
                graphql.read_log = ReadLog(graphql.driver, settings.neo4j_database)  # type: ignore[arg-type]
                graphql.read_log.start()
            yield
        finally:
            if readiness_started:
                await readiness.close()
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
        requests=GraphQLRequests(documents),
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
            Route("/readyz", readiness.readyz(lambda: graphql.driver, graphql.outage_seen)),
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

"""The Starlette application: `/graphql` (API and GraphiQL), `/healthz`, `/readyz`."""

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
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from gateway.events import events_endpoint
from gateway.graphiql import with_example_query
from gateway.settings import Settings
from graph.driver import open_driver
from graph.ingest.pipeline import warm_up
from graph.migrations import LATEST_VERSION, current_version, ensure_current
from resolvers.context import RequestContext
from schema import schema
from schema.extensions import coded

logger = logging.getLogger("omnigraph")

TRACE_HEADER = "x-omnigraph-trace"


class OmnigraphGraphQL(GraphQL[RequestContext, None]):
    def __init__(self, settings: Settings, driver: AsyncDriver | None = None) -> None:
        super().__init__(schema, graphql_ide=None if settings.production else "graphiql")
        self.settings = settings
        self.driver = driver

    async def get_context(self, request: Request | WebSocket, response: Any) -> RequestContext:
        assert self.driver is not None, "the driver is opened by the app's lifespan"
        trace = request.headers.get(TRACE_HEADER, "") in ("1", "true")
        return RequestContext.for_request(
            self.driver,
            self.settings.neo4j_database,
            default_region=self.settings.default_region,
            trace=trace and not self.settings.production,
        )

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        # Syntax errors end the request before the schema's extensions run: code them here too.
        if result.errors:
            result.errors = [coded(error) for error in result.errors]
        return await super().process_result(request, result)

    async def render_graphql_ide(self, request: Request) -> Response:
        return HTMLResponse(with_example_query(self.graphql_ide_html))

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)


async def _warm_up(driver: AsyncDriver, database: str) -> None:
    try:
        await warm_up(driver, database)
    except Exception as error:  # only a head start: the first ingestion compiles it otherwise
        logger.warning("could not warm up the ingestion statement: %s", error)


def create_app(settings: Settings | None = None, driver: AsyncDriver | None = None) -> Starlette:
    """The gateway. Pass a driver to share one (tests); otherwise it opens its own."""
    settings = settings or Settings.from_env()
    graphql = OmnigraphGraphQL(settings, driver)

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
            yield
            warming.cancel()
        finally:
            if own and graphql.driver is not None:
                await graphql.driver.close()
                graphql.driver = None

    def _driver() -> AsyncDriver:
        assert graphql.driver is not None, "the driver is opened by the app's lifespan"
        return graphql.driver

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        try:
            assert graphql.driver is not None
            version = await current_version(graphql.driver, settings.neo4j_database)
        except Exception as error:  # any failure to reach Neo4j means not ready
            logger.warning("readyz: Neo4j not reachable: %s", error)
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

    return Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/events", events_endpoint(settings, _driver), methods=["POST"]),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
        ],
        lifespan=lifespan,
    )

"""Whether the gateway can serve: Neo4j answers and its schema is current.

A gateway started before its graph (a container that comes up first, a laptop whose Neo4j is
not started yet) waits for it instead of exiting: it says once, in one line, what to do, and
`/readyz` answers 503 with that reason until the graph answers.

    readiness = GraphReadiness(settings)
    await readiness.start(driver)  # in the app's lifespan
    Route("/readyz", readiness.readyz(lambda: driver, on_outage))
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from neo4j import AsyncDriver
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from gateway.settings import Settings
from graph.driver import GraphUnreachable, reach
from graph.ingest.pipeline import warm_up
from graph.migrations import LATEST_VERSION, MigrationsBehind, current_version, ensure_current

logger = logging.getLogger("omnigraph")

RETRY_EVERY = 2.0  # seconds between two attempts to reach a graph that is not there yet
ASK_WITHIN = 2.0  # seconds `/readyz` waits for Neo4j: a load balancer wants an answer, not a wait


class GraphReadiness:
    def __init__(
        self,
        settings: Settings,
        warm_reads: Callable[[AsyncDriver], Awaitable[Any]] | None = None,
    ) -> None:
        self.settings = settings
        self.warm_reads = warm_reads  # gateway/warm_reads.py, once the graph is current
        self._tasks: list[asyncio.Task[None]] = []
        self._unreachable: str | None = None

    async def start(self, driver: AsyncDriver) -> None:
        """Check the graph now (`MigrationsBehind` when it is behind); when it does not answer,
        keep trying in the background."""
        try:
            await reach(driver, self.settings.neo4j_uri)
        except GraphUnreachable as error:
            self._unreachable = str(error)
            logger.error("%s; /readyz answers 503 until it answers", error)
            self._tasks.append(asyncio.create_task(self._wait(driver)))
            return
        await self._ready(driver)

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def _wait(self, driver: AsyncDriver) -> None:
        while True:
            await asyncio.sleep(RETRY_EVERY)
            try:
                await reach(driver, self.settings.neo4j_uri)
            except GraphUnreachable as error:
                self._unreachable = str(error)
                continue
            self._unreachable = None
            logger.info("Neo4j at %s answers", self.settings.neo4j_uri)
            try:
                await self._ready(driver)
            except MigrationsBehind as error:  # /readyz says so too
                logger.error("%s", error)
            return

    async def _ready(self, driver: AsyncDriver) -> None:
        await ensure_current(driver, self.settings.neo4j_database)
        # compile the ingestion statement, then the known reads', before they are needed
        self._tasks.append(asyncio.create_task(self._warm_up(driver)))

    async def _warm_up(self, driver: AsyncDriver) -> None:
        try:
            await warm_up(driver, self.settings.neo4j_database)
        except Exception as error:  # only a head start: the first ingestion compiles it otherwise
            logger.warning("could not warm up the ingestion statement: %s", error)
        if self.warm_reads is not None:
            try:
                await self.warm_reads(driver)
            except Exception as error:  # the same: the first request plans its statement
                logger.warning("could not warm up the read statements: %s", error)

    def readyz(
        self, driver: Callable[[], AsyncDriver | None], on_outage: Callable[[], None] = lambda: None
    ) -> Callable[[Request], Awaitable[Response]]:
        """The `/readyz` endpoint; `on_outage` is told when Neo4j does not answer."""

        async def readyz(request: Request) -> Response:
            graph = driver()
            try:
                assert graph is not None
                version = await asyncio.wait_for(
                    current_version(graph, self.settings.neo4j_database), ASK_WITHIN
                )
            except Exception as error:  # any failure to reach Neo4j means not ready
                logger.warning("readyz: Neo4j not reachable: %s", error)
                on_outage()
                reason = self._unreachable or (
                    f"Neo4j at {self.settings.neo4j_uri} is not reachable: start it "
                    "(`omnigraph neo4j start`) or check NEO4J_URI"
                )
                return JSONResponse({"status": "unavailable", "reason": reason}, 503)
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

        return readyz

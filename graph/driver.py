"""The Neo4j driver's lifecycle and the counted, read-routed query runner every request uses."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncDriver, AsyncGraphDatabase, Query, RoutingControl
from neo4j.exceptions import ClientError

from graph.metrics import count_cypher


def open_driver(uri: str, user: str, password: str, max_pool: int = 100) -> AsyncDriver:
    """One driver per process; close it on shutdown."""
    return AsyncGraphDatabase.driver(
        uri,
        auth=(user, password),
        max_connection_pool_size=max_pool,
        connection_acquisition_timeout=30.0,
        # we never read result notifications; skipping them saves work on both ends
        notifications_min_severity="OFF",
        user_agent="omnigraph/0.1",
    )


Record = dict[str, Any]


class QueryTimedOut(RuntimeError):
    """Neo4j ended a read that ran past the reader's timeout."""

    def __init__(self, seconds: float | None) -> None:
        super().__init__(f"the query ran longer than the limit of {seconds} s")
        self.seconds = seconds


@dataclass
class GraphReader:
    """Runs read queries for one request, always read-routed and on the named database.

    Counts the queries and the time spent waiting on Neo4j, for `extensions.trace` and for
    the tests that prove a query's Cypher count does not grow with the number of objects.
    With a `timeout`, Neo4j itself ends any transaction running longer (seconds), so no request
    can keep the database busy after its client has given up.
    """

    driver: AsyncDriver
    database: str
    timeout: float | None = None
    queries: int = 0
    db_seconds: float = 0.0
    _in_flight: int = 0
    _busy_since: float = 0.0

    async def read(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[Record]:
        self._enter()
        try:
            records, _, _ = await self.driver.execute_query(
                Query(cypher, timeout=self.timeout),
                parameters_=dict(params or {}),
                database_=self.database,
                routing_=RoutingControl.READ,
            )
        except ClientError as error:
            if error.code and "TransactionTimedOut" in error.code:
                raise QueryTimedOut(self.timeout) from error
            raise
        finally:
            self._leave()
        self.queries += 1
        count_cypher("read")
        return [record.data() for record in records]

    # Loaders of one level run concurrently: `db_seconds` is the wall time during which at least
    # one query was in flight, not the sum of overlapping waits.
    def _enter(self) -> None:
        if self._in_flight == 0:
            self._busy_since = time.perf_counter()
        self._in_flight += 1

    def _leave(self) -> None:
        self._in_flight -= 1
        if self._in_flight == 0:
            self.db_seconds += time.perf_counter() - self._busy_since

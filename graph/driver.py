"""The Neo4j driver's lifecycle and the counted, read-routed query runner every request uses."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from neo4j import READ_ACCESS, AsyncDriver, AsyncGraphDatabase, Query
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable
from neo4j.time import Date, DateTime

from graph import bolt_io, temporal
from graph.metrics import count_cypher


def open_driver(uri: str, user: str, password: str, max_pool: int = 100) -> AsyncDriver:
    """One driver per process; close it on shutdown."""
    temporal.install()  # UTC DATETIMEs as Python datetimes: see graph/temporal.py
    bolt_io.install()  # socket read timeouts without a Task per read: see graph/bolt_io.py
    return AsyncGraphDatabase.driver(
        uri,
        auth=(user, password),
        max_connection_pool_size=max_pool,
        connection_acquisition_timeout=30.0,
        # we never read result notifications; skipping them saves work on both ends
        notifications_min_severity="OFF",
        user_agent="omnigraph/0.1",
    )


class GraphUnreachable(RuntimeError):
    """Neo4j does not answer at the URI (or refuses the credentials): what to do, in one line."""

    def __init__(self, uri: str, why: str, fix: str) -> None:
        super().__init__(f"cannot reach Neo4j at {uri} ({why}): {fix}")
        self.uri = uri


REACH_WITHIN = 5.0  # seconds: past this a server that does not answer is not coming


async def reach(driver: AsyncDriver, uri: str, within: float = REACH_WITHIN) -> None:
    """Fail fast, with the fix, when the graph is not there: otherwise the driver's retries
    hold a command for a minute before a long stack trace."""
    fix = "start the local one with `omnigraph neo4j start`, or set NEO4J_URI to yours"
    try:
        await asyncio.wait_for(driver.verify_connectivity(), within)
    except AuthError:
        raise GraphUnreachable(
            uri, "credentials refused", "check NEO4J_USER and NEO4J_PASSWORD"
        ) from None
    except TimeoutError:
        raise GraphUnreachable(uri, f"no answer within {within:g} s", fix) from None
    except (ServiceUnavailable, OSError, DriverError) as error:
        why = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
        raise GraphUnreachable(uri, why, fix) from None


async def open_reachable_driver(uri: str, user: str, password: str) -> AsyncDriver:
    """`open_driver` for commands: raises `GraphUnreachable` at once when Neo4j is not there."""
    driver = open_driver(uri, user, password)
    try:
        await reach(driver, uri)
    except GraphUnreachable:
        await driver.close()
        raise
    return driver


# A row of a read as `GraphReader.read` hands it out: a plain dict of maps and scalars (not the
# driver's `neo4j.Record`), and what the functions of `graph/cypher/` return per key.
Row = dict[str, Any]


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
    can keep the database busy after its client has given up. With a `deadline` too (a
    `time.monotonic()` instant: the request's one deadline), each statement gets only the time
    left, and none starts after it.
    """

    driver: AsyncDriver
    database: str
    timeout: float | None = None
    deadline: float | None = None
    queries: int = 0
    db_seconds: float = 0.0
    _in_flight: int = 0
    _busy_since: float = 0.0

    async def read(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
    ) -> list[Row]:
        """Run one read statement in an auto-commit transaction; its rows as plain dicts.

        Auto-commit: one round trip (RUN and PULL), where a managed transaction adds BEGIN and
        COMMIT; a single read statement sees one consistent snapshot either way. Retried (up to
        twice) on errors the driver marks retryable, as `execute_query` would.
        """
        limit = timeout or self.timeout
        if self.deadline is not None:  # the request's one deadline: only the time left
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise QueryTimedOut(limit)
            limit = left if limit is None else min(limit, left)
        self._enter()
        try:
            for attempt in range(3):
                try:
                    async with self.driver.session(
                        database=self.database, default_access_mode=READ_ACCESS
                    ) as session:
                        result = await session.run(Query(cypher, timeout=limit), dict(params or {}))
                        records = (await result.to_eager_result()).records
                    break
                except Neo4jError as error:
                    if error.code and "TransactionTimedOut" in error.code:
                        raise QueryTimedOut(timeout or self.timeout) from error
                    if attempt == 2 or not error.is_retryable():
                        raise
                except DriverError as error:
                    if attempt == 2 or not error.is_retryable():
                        raise
        finally:
            self._leave()
        self.queries += 1
        count_cypher("read")
        rows = [dict(zip(record.keys(), record.values(), strict=True)) for record in records]
        if CHECK_READS:
            _check_plain(rows, cypher)
        return rows

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


# Reads return maps and scalars only (Cypher map projections such as `o {.*}`), never nodes,
# so rows are used as the driver decodes them, with no conversion pass. The tests set
# OMNIGRAPH_CHECK_READS=1, which checks every value of every row of every read they run.
CHECK_READS = os.environ.get("OMNIGRAPH_CHECK_READS", "") in ("1", "true")
_PLAIN = frozenset({str, int, float, bool, type(None), temporal.UtcDateTime, Date, DateTime})


def _check_plain(value: Any, cypher: str) -> None:
    """Raise TypeError when a read returned a node, relationship or path.

    >>> _check_plain([{"a": [1, "x", {"b": None}]}], "RETURN ...")
    """
    kind = type(value)
    if kind in _PLAIN:
        return
    if kind is dict:
        for item in value.values():
            _check_plain(item, cypher)
    elif kind is list:
        for item in value:
            _check_plain(item, cypher)
    else:
        raise TypeError(
            f"a read returned a {kind.__name__}: return a map projection instead\n{cypher}"
        )

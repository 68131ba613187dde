"""Is Neo4j out of reach, or did it refuse this work? The two call for opposite answers.

An outage (the server down, restarting, failing over, a commit whose outcome is unknown) is the
caller's to retry later: the gateway answers 503 with `Retry-After`, and a replay of the same
events is safe (`DUPLICATE`). Anything else is about the work itself, and for ingestion about one
event: it is rejected alone and its neighbours go on.

The driver's own retries keep trying a server that is down for 30 s; `retrying` instead retries
what is worth retrying (deadlocks between concurrent writers, for as long as the driver would)
and gives an outage a second before calling it one, so callers hear of it within a couple of
seconds, and the first request after Neo4j is back goes through on a fresh connection.

    async with driver.session(database=db, **FAIL_FAST) as session:
        rows = await retrying(lambda: session.execute_read(work))
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from neo4j.exceptions import (
    DriverError,
    IncompleteCommit,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

T = TypeVar("T")

RETRY_AFTER_SECONDS = 5
OUTAGE_GRACE = 1.0  # seconds an outage is retried before it is reported
RETRY_SECONDS = 30.0  # how long a deadlock is retried, as the driver would
# session settings that leave retrying to `retrying`: one quick second try at most
FAIL_FAST: dict[str, Any] = {"max_transaction_retry_time": 0.0, "initial_retry_delay": 0.05}


class GraphUnavailable(Exception):
    """Neo4j could not be reached: retry after `retry_after` seconds."""

    def __init__(
        self, message: str = "The graph database is unavailable: retry shortly",
        retry_after: int = RETRY_AFTER_SECONDS,
    ) -> None:  # fmt: skip
        super().__init__(message)
        self.retry_after = retry_after


def is_unavailable(error: BaseException) -> bool:
    """True for errors that say nothing about the request, only that Neo4j is out of reach."""
    if isinstance(error, GraphUnavailable | ServiceUnavailable | SessionExpired | IncompleteCommit):
        return True
    if isinstance(error, Neo4jError):  # e.g. Neo.TransientError.General.DatabaseUnavailable
        return "Unavailable" in (error.code or "")
    return isinstance(error, ConnectionError | TimeoutError)


def _retryable(error: BaseException) -> bool:
    return isinstance(error, Neo4jError | DriverError) and error.is_retryable()


async def retrying(work: Callable[[], Awaitable[T]]) -> T:
    """`work()`, again while it fails in a way worth retrying; an outage as `GraphUnavailable`."""
    started = time.monotonic()
    delay = 0.05
    while True:
        try:
            return await work()
        except Exception as error:
            elapsed = time.monotonic() - started
            if is_unavailable(error):
                if elapsed >= OUTAGE_GRACE:
                    raise GraphUnavailable() from error
            elif not _retryable(error) or elapsed >= RETRY_SECONDS:
                raise
        await asyncio.sleep(delay * random.uniform(0.8, 1.2))
        delay = min(delay * 2, 0.5)

"""Is Neo4j out of reach, or did it refuse this work? The two call for opposite answers.

An outage (the server down, restarting, failing over, a commit whose outcome is unknown) is the
caller's to retry later: the gateway answers 503 with `Retry-After`, and a replay of the same
events is safe (`DUPLICATE`). Anything else is about the work itself, and for ingestion about one
event: it is rejected alone and its neighbours go on.
"""

from __future__ import annotations

import asyncio

from neo4j.exceptions import (
    IncompleteCommit,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)


class GraphUnavailable(Exception):
    """Neo4j could not be reached in time; `retry_after` is a hint in seconds."""

    def __init__(self, message: str = "the graph database is unavailable", retry_after: int = 5):
        super().__init__(message)
        self.retry_after = retry_after


def is_unavailable(error: BaseException) -> bool:
    """True for errors that say nothing about the request, only that Neo4j is out of reach."""
    if isinstance(error, GraphUnavailable | ServiceUnavailable | SessionExpired | IncompleteCommit):
        return True
    if isinstance(error, TransientError):  # retried by the driver already; e.g. DatabaseUnavailable
        return True
    return isinstance(error, ConnectionError | TimeoutError | asyncio.TimeoutError)

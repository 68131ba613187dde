"""Errors a client can act on, each with the `extensions.code` of the API contract."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError

from graph.availability import GraphUnavailable, is_unavailable
from graph.driver import QueryTimedOut


class ClientError(GraphQLError):
    code = "INTERNAL"

    def __init__(self, message: str, *, field: str | None = None, **extra: Any) -> None:
        extensions: dict[str, Any] = {"code": self.code, **extra}
        if field is not None:
            extensions["field"] = field
        super().__init__(message, extensions=extensions)


class BadUserInput(ClientError):
    code = "BAD_USER_INPUT"


class NotFound(ClientError):
    code = "NOT_FOUND"


def graph_failure(error: BaseException | None) -> tuple[str, str] | None:
    """(code, message) of a failure of the graph a client is told about in words: a read that ran
    past its time limit (`QUERY_TOO_COMPLEX`), Neo4j out of reach (`UNAVAILABLE`); None for any
    other error."""
    if isinstance(error, QueryTimedOut):
        return "QUERY_TOO_COMPLEX", (
            f"The query took longer than {error.seconds} s: ask for less (smaller pages, "
            "fewer nested connections)"
        )
    if error is not None and is_unavailable(error):
        return "UNAVAILABLE", str(GraphUnavailable())
    return None

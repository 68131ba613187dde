"""What `/graphql` answers over HTTP when it does not run an operation, and in which media type.

Every failure is GraphQL JSON with an `extensions.code`, as the GraphQL over HTTP specification
and Apollo Server answer, never Strawberry's `400 text/plain`:

    raise RequestError(400, "BAD_USER_INPUT", "`variables` must be a JSON object")

The media type follows the client's `Accept`: `application/graphql-response+json` when it asks
for it (then a request that never reached execution is a 4xx, and carries no `data`), else
`application/json` (the legacy type: 200 for a document that does not validate, without `data`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any

import orjson
from starlette.responses import Response

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
# Set in the scope by the view when an operation failed before execution (parse, validation,
# variables): the response then has no `data`, and is a 400 in the new media type.
_REQUEST_FAILED = "omnigraph.request_failed"

Message = MutableMapping[str, Any]
Send = Callable[[Message], Awaitable[None]]


class RequestError(Exception):
    """A request `/graphql` refuses before any operation runs."""

    def __init__(
        self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


def media_type(accept: str) -> str:
    """The response type for an `Accept` header: the best quality wins, ties go to the type the
    client names first; a wildcard, no header, or only other types mean legacy JSON.

    >>> media_type("application/graphql-response+json, application/json;q=0.9")
    'application/graphql-response+json'
    >>> media_type("application/json, application/graphql-response+json")
    'application/json'
    >>> media_type("*/*")
    'application/json'
    """
    best, best_q = JSON, -1.0
    for entry in accept.split(","):
        kind, *params = (part.strip() for part in entry.split(";"))
        if kind.lower() not in (GRAPHQL_RESPONSE, JSON):
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > best_q and q > 0:
            best, best_q = kind.lower(), q
    return best


def error_body(code: str, message: str) -> bytes:
    return orjson.dumps({"errors": [{"message": message, "extensions": {"code": code}}]})


async def send_error(send: Send, error: RequestError, media: str = JSON) -> None:
    body = error_body(error.code, error.message)
    raw = [(b"content-type", media.encode()), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in error.headers.items()]
    await send({"type": "http.response.start", "status": error.status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def mark_request_failed(scope: MutableMapping[str, Any]) -> None:
    scope[_REQUEST_FAILED] = True


def negotiated(scope: MutableMapping[str, Any], send: Send, media: str) -> Send:
    """`send` with the view's JSON answers in `media`, and, in the new media type, a request
    that failed before execution as a 400 (the view marks it, `mark_request_failed`)."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [
                (k, media.encode())
                if k.lower() == b"content-type" and v.startswith(b"application/json")
                else (k, v)
                for k, v in message.get("headers", [])
            ]
            status = message["status"]
            if media == GRAPHQL_RESPONSE and status == 200 and scope.get(_REQUEST_FAILED):
                status = 400
            message = {**message, "headers": headers, "status": status}
        await send(message)

    return sending


def error_response(error: RequestError) -> Response:
    """`error` as a Starlette response (the Edge's `negotiated` sets its media type)."""
    return Response(
        error_body(error.code, error.message),
        status_code=error.status,
        media_type=JSON,
        headers=error.headers,
    )

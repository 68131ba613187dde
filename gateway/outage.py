"""What the gateway answers while Neo4j is out of reach: 503 with `Retry-After`, at once.

Two places see an outage: an exception escaping a door (`POST /events`, an API key looked up
while authenticating), caught by `AnswersOutages` around the door; and a GraphQL error whose
cause was the outage (a read, `ingestEvents`), coded `UNAVAILABLE` by `schema.extensions.coded`
and turned into the HTTP status by `outage_status`. Nothing is cached about the outage: the next
request tries Neo4j again, so the gateway recovers by itself as soon as Neo4j is back.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import orjson

from graph.availability import RETRY_AFTER_SECONDS, GraphUnavailable, is_unavailable

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UNAVAILABLE = "UNAVAILABLE"
MESSAGE = str(GraphUnavailable())


class AnswersOutages:
    """An ASGI wrapper: an outage escaping `app` becomes a 503 with `Retry-After`.

    `style` is the door's error shape: `graphql` (`{"errors": [...]}`) or `events`
    (`{"error": {...}}`, as `POST /events` answers its other refusals)."""

    def __init__(
        self, app: ASGIApp, *, style: str = "graphql", on_outage: Callable[[], None] | None = None
    ) -> None:
        self.app = app
        self.style = style
        self.on_outage = on_outage

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as error:
            if started or not is_unavailable(error):
                raise
            if self.on_outage is not None:
                self.on_outage()
            await self._unavailable(send)

    async def _unavailable(self, send: Send) -> None:
        error = {"code": UNAVAILABLE, "message": MESSAGE}
        body = orjson.dumps(
            {"errors": [{"message": MESSAGE, "extensions": {"code": UNAVAILABLE}}]}
            if self.style == "graphql"
            else {"error": error}
        )
        await send({"type": "http.response.start", "status": 503, "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"retry-after", str(RETRY_AFTER_SECONDS).encode()),
        ]})  # fmt: skip
        await send({"type": "http.response.body", "body": body})


def outage_status(response_data: Any) -> tuple[int, dict[str, str]] | None:
    """503 and its headers when a GraphQL response failed because Neo4j was out of reach."""
    responses = response_data if isinstance(response_data, list) else [response_data]
    for response in responses:
        for error in (response or {}).get("errors") or []:
            if (error.get("extensions") or {}).get("code") == UNAVAILABLE:
                return 503, {"retry-after": str(RETRY_AFTER_SECONDS)}
    return None

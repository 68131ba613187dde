"""The door in front of `/graphql` and `/events`: body size, authentication, rate limits.

An ASGI wrapper, so a request that fails here never reaches Strawberry or the pipeline. It
reads the body (at most `max_body_bytes`), authenticates the caller, spends one request of its
rate limit and hands the principal on in `scope["state"]["principal"]`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import orjson
from starlette.datastructures import Headers

from gateway.auth import Authenticator, AuthError
from gateway.ratelimit import RateLimiter, retry_after
from gateway.trusted import REFUSED, TrustedDocuments
from resolvers.principal import Principal

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class Edge:
    def __init__(
        self,
        app: ASGIApp,
        authenticator: Authenticator,
        limiter: RateLimiter,
        *,
        max_body_bytes: int,
        allows: Callable[[Principal], str | None] = lambda principal: None,
        open_page: bool = False,
        documents: TrustedDocuments | None = None,
    ) -> None:
        """`allows` returns why a principal may not use this door at all (403), or None.
        `open_page`: a browser's GET of the HTML page (GraphiQL) needs no identity."""
        self.app = app
        self.authenticator = authenticator
        self.limiter = limiter
        self.max_body_bytes = max_body_bytes
        self.allows = allows
        self.open_page = open_page
        self.documents = documents

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if (
            self.open_page
            and scope["method"] == "GET"
            and "text/html" in headers.get("accept", "")
            and not scope.get("query_string")
        ):
            await self.app(scope, receive, send)
            return
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            await _error(send, 413, "BAD_USER_INPUT", self._too_large())
            return
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_body_bytes:
                await _error(send, 413, "BAD_USER_INPUT", self._too_large())
                return
        try:
            principal = await self.authenticator.authenticate(headers)
        except AuthError as error:
            # guessing keys or tokens spends the caller's address's allowance
            client = scope.get("client") or ("unknown", 0)
            if (wait := self.limiter.take(f"address:{client[0]}")) > 0:
                await self._rate_limited(send, wait)
                return
            await _error(send, 401, "UNAUTHENTICATED", str(error), {"www-authenticate": "Bearer"})
            return
        refused = self.allows(principal)
        if refused:
            await _error(send, 403, "FORBIDDEN", refused)
            return
        wait = self.limiter.take(principal.key)
        if wait > 0:
            await self._rate_limited(send, wait)
            return
        if self.documents is not None:
            resolved = self.documents.resolve(bytes(body)) if scope["method"] == "POST" else None
            if resolved is None:
                await _error(send, 403, "FORBIDDEN", REFUSED)
                return
            body = bytearray(resolved)
            scope["headers"] = [
                (k, v) for k, v in scope["headers"] if k.lower() != b"content-length"
            ] + [(b"content-length", str(len(body)).encode())]
        scope.setdefault("state", {})["principal"] = principal
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send)

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Subscriptions authenticate on the upgrade request, like any other request; a socket
        # that brings no credentials at all (a browser's) authenticates in its `connection_init`
        # payload instead (`OmnigraphGraphQL.on_ws_connect`), before it may run anything.
        headers = Headers(scope=scope)
        try:
            principal = await self.authenticator.authenticate(headers)
        except AuthError:
            if "authorization" in headers or "x-api-key" in headers:
                await receive()  # websocket.connect
                await send({"type": "websocket.close", "code": 4401})
                return
            await self.app(scope, receive, send)  # as NOBODY until `connection_init`
            return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)

    async def _rate_limited(self, send: Send, wait: float) -> None:
        why = f"Rate limit of {self.limiter.per_minute} requests a minute reached: retry later"
        await _error(send, 429, "RATE_LIMITED", why, {"retry-after": retry_after(wait)})

    def _too_large(self) -> str:
        return f"The request body is over the limit of {self.max_body_bytes} bytes"


async def _error(
    send: Send, status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> None:
    body = orjson.dumps({"errors": [{"message": message, "extensions": {"code": code}}]})
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})

"""The door in front of `/graphql` and `/events`: body size, authentication, rate limits.

An ASGI wrapper, so a request that fails here never reaches Strawberry or the pipeline. It
reads the body (at most `max_body_bytes`), authenticates the caller, spends one request of its
rate limit and hands the principal on in `scope["state"]["principal"]`. In front of `/graphql`
it also checks the request's parameters and resolves persisted queries (`requests`), and answers
in the media type the client accepts (`gateway/http_errors.py`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.datastructures import Headers

from gateway.auth import Authenticator, AuthError
from gateway.graphiql import is_page_request
from gateway.graphql_request import GraphQLRequests, encoded
from gateway.http_errors import JSON, RequestError, media_type, negotiated, send_error
from gateway.ratelimit import RateLimiter, retry_after
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
        requests: GraphQLRequests | None = None,
    ) -> None:
        """`allows` returns why a principal may not use this door at all (403), or None.
        `open_page`: a browser's GET of the HTML page (GraphiQL) needs no identity, whatever
        its query string (the page keeps the query it shows there).
        `requests`: the door is `/graphql`, whose requests it reads and checks."""
        self.app = app
        self.authenticator = authenticator
        self.limiter = limiter
        self.max_body_bytes = max_body_bytes
        self.allows = allows
        self.open_page = open_page
        self.requests = requests

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if self.open_page and is_page_request(scope["method"], headers):
            await self.app(scope, receive, send)
            return
        media = media_type(headers.get("accept", "")) if self.requests is not None else JSON

        async def refuse(status: int, code: str, message: str, **extra: str) -> None:
            await send_error(send, RequestError(status, code, message, extra), media)

        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            await refuse(413, "BAD_USER_INPUT", self._too_large())
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
                await refuse(413, "BAD_USER_INPUT", self._too_large())
                return
        try:
            principal = await self.authenticator.authenticate(headers)
        except AuthError as error:
            # guessing keys or tokens spends the caller's address's allowance
            client = scope.get("client") or ("unknown", 0)
            if (wait := self.limiter.take(f"address:{client[0]}")) > 0:
                await refuse(429, "RATE_LIMITED", self._rate_limited(), **retry(wait))
                return
            await refuse(401, "UNAUTHENTICATED", str(error), **{"www-authenticate": "Bearer"})
            return
        refused = self.allows(principal)
        if refused:
            await refuse(403, "FORBIDDEN", refused)
            return
        wait = self.limiter.take(principal.key)
        if wait > 0:
            await refuse(429, "RATE_LIMITED", self._rate_limited(), **retry(wait))
            return
        if self.requests is not None:
            method = scope["method"]
            try:
                params = self.requests.prepare(
                    method, scope.get("query_string", b""), headers.get("content-type", ""),
                    bytes(body),
                )  # fmt: skip
            except RequestError as error:
                await send_error(send, error, media)
                return
            new_body, scope["query_string"] = encoded(method, params)
            body = bytearray(new_body)
            scope["headers"] = [
                (k, v) for k, v in scope["headers"] if k.lower() != b"content-length"
            ] + [(b"content-length", str(len(body)).encode())]
            send = negotiated(scope, send, media)
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

    def _rate_limited(self) -> str:
        return f"Rate limit of {self.limiter.per_minute} requests a minute reached: retry later"

    def _too_large(self) -> str:
        return f"The request body is over the limit of {self.max_body_bytes} bytes"


def retry(wait: float) -> dict[str, str]:
    return {"retry-after": retry_after(wait)}

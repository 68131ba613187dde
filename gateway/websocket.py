"""`/graphql` over a websocket (`graphql-transport-ws`): text frames, checked `subscribe`
messages, coded errors, and trusted documents.

Operations sent over a socket never pass the Edge's checks, so each `subscribe` message is
checked here: a payload that is not an operation (a `query` that is not a string...) closes the
socket with 4400, as the protocol wants; errors found in the document carry `extensions.code` as
over HTTP. With `OMNIGRAPH_TRUSTED_DOCUMENTS` each one is resolved against the manifest, as an
HTTP body would be: `{"id": "1", "type": "subscribe", "payload": {"documentId": "sha256:..."}}`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import orjson
from starlette.websockets import WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import Operation
from strawberry.subscriptions.protocols.graphql_transport_ws.types import SubscribeMessage
from strawberry.types.execution import PreExecutionError

from gateway.feed_expiry import ClosesAtExpiry
from gateway.trusted import REFUSED, TrustedDocuments
from resolvers.context import RequestContext
from schema.extensions import coded


class TextFrames(ASGIWebSocketAdapter):
    """graphql-transport-ws speaks in text frames: browser clients drop binary ones, and the
    view's `encode_json` (orjson) gives bytes."""

    async def send_json(self, message: Mapping[str, object]) -> None:
        try:
            await self.ws.send_text(orjson.dumps(message).decode())
        except WebSocketDisconnect as error:
            raise WebSocketDisconnected from error


class TrustedOperations(ClosesAtExpiry):
    """Checks each `subscribe` message, codes the errors found before execution, runs only
    registered documents when the view has `documents` (trusted documents on), and closes the
    socket when its token expires (`gateway/feed_expiry.py`)."""

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        if (wrong := _malformed(message)) is not None:
            await self.websocket.close(code=4400, reason=wrong)
            return
        documents: TrustedDocuments | None = getattr(self.view, "documents", None)
        if documents is not None and self.connection_acknowledged:
            resolved = documents.resolve(dict(message.get("payload") or {}))
            if resolved is None:
                refusal: dict[str, Any] = {
                    "id": message["id"],
                    "type": "error",
                    "payload": [{"message": REFUSED, "extensions": {"code": "FORBIDDEN"}}],
                }
                await self.websocket.send_json(refusal)
                return
            message = cast(SubscribeMessage, {**message, "payload": resolved})
        await super().handle_subscribe(message)

    async def _handle_pre_execution_error(
        self, operation: Operation[RequestContext, None], result: PreExecutionError
    ) -> None:
        errors = result.errors or []
        # a syntax error closes the socket (4400, by the protocol); the others answer `error`
        if errors and self._get_pre_execution_close_reason(errors[0]) is None:
            production = bool(getattr(getattr(self.view, "settings", None), "production", False))
            result.errors = [coded(error, production=production) for error in errors]
        await super()._handle_pre_execution_error(operation, result)


def _malformed(message: Mapping[str, Any]) -> str | None:
    """Why a `subscribe` message is not an operation (closed with 4400), or None."""
    if not isinstance(message.get("id"), str):
        return "Invalid subscribe message: `id` must be a string"
    payload = message.get("payload")
    if not isinstance(payload, dict):
        return "Invalid subscribe message: `payload` must be an object"
    if not isinstance(payload.get("query"), str) and "documentId" not in payload:
        return "Invalid subscribe message: `payload.query` must be a string"
    for name, kind in (("variables", dict), ("extensions", dict), ("operationName", str)):
        if not isinstance(payload.get(name), kind | None):
            return f"Invalid subscribe message: `payload.{name}` has the wrong type"
    return None

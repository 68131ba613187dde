"""`/graphql` over a websocket (`graphql-transport-ws`): text frames, and trusted documents.

Operations sent over a socket never pass the Edge's body check, so with
`OMNIGRAPH_TRUSTED_DOCUMENTS` each `subscribe` message is resolved against the manifest here, as
an HTTP body would be: `{"id": "1", "type": "subscribe", "payload": {"documentId": "sha256:..."}}`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import orjson
from starlette.websockets import WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.subscriptions.protocols.graphql_transport_ws.types import SubscribeMessage

from gateway.feed_expiry import ClosesAtExpiry
from gateway.trusted import REFUSED, TrustedDocuments


class TextFrames(ASGIWebSocketAdapter):
    """graphql-transport-ws speaks in text frames: browser clients drop binary ones, and the
    view's `encode_json` (orjson) gives bytes."""

    async def send_json(self, message: Mapping[str, object]) -> None:
        try:
            await self.ws.send_text(orjson.dumps(message).decode())
        except WebSocketDisconnect as error:
            raise WebSocketDisconnected from error


class TrustedOperations(ClosesAtExpiry):
    """Runs only registered documents when the view has `documents` (trusted documents on);
    closes the socket when its token expires (`gateway/feed_expiry.py`)."""

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        documents: TrustedDocuments | None = getattr(self.view, "documents", None)
        if documents is not None and self.connection_acknowledged:
            resolved = documents.resolve(orjson.dumps(message.get("payload") or {}))
            if resolved is None:
                refusal: dict[str, Any] = {
                    "id": message["id"],
                    "type": "error",
                    "payload": [{"message": REFUSED, "extensions": {"code": "FORBIDDEN"}}],
                }
                await self.websocket.send_json(refusal)
                return
            message = cast(SubscribeMessage, {**message, "payload": orjson.loads(resolved)})
        await super().handle_subscribe(message)

"""A `graphql-transport-ws` client of the in-process app, for the live-update scenarios.

async with subscribe(app, STORE_FEED, {"storeId": "store-lisbon-1"}, headers=h) as feed:
    await feed.listening("store:store-lisbon-1")
    ...ingest...
    activity = (await feed.next())["data"]["storeActivity"]
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import httpx
from httpx_ws import AsyncWebSocketSession, aconnect_ws
from httpx_ws.transport import ASGIWebSocketTransport
from starlette.applications import Starlette

PROTOCOL = "graphql-transport-ws"
WAIT = 20.0  # seconds before a test gives up waiting for a message (never a speed assertion)


class Subscription:
    def __init__(self, app: Starlette, socket: AsyncWebSocketSession) -> None:
        self.app = app
        self.socket = socket

    async def message(self, timeout: float = WAIT) -> dict[str, Any]:
        """The next protocol message (`next`, `error`, `complete`...)."""
        message: dict[str, Any] = await asyncio.wait_for(self.socket.receive_json(), timeout)
        return message

    async def next(self, timeout: float = WAIT) -> dict[str, Any]:
        """The payload of the next `next` message: `{"data": ..., "errors": ...}`."""
        message = await self.message(timeout)
        assert message["type"] == "next", message
        payload: dict[str, Any] = message["payload"]
        return payload

    async def listening(self, topic: str) -> None:
        """Wait until the subscription is registered on the app's bus (it runs as a task)."""
        bus = self.app.state.activity_bus
        for _ in range(int(WAIT / 0.01)):
            if bus.listeners(topic):
                return
            await asyncio.sleep(0.01)
        raise AssertionError(f"nobody listens to {topic!r}")


@contextlib.asynccontextmanager
async def connect(
    app: Starlette, *, headers: dict[str, str] | None = None, init: dict[str, Any] | None = None
) -> AsyncIterator[AsyncWebSocketSession]:
    """An open socket, `connection_init` sent with `init` as payload (acknowledgement not read)."""
    transport = ASGIWebSocketTransport(app)
    async with httpx.AsyncClient(transport=transport, base_url="http://omnigraph.test") as client:
        socket: AsyncWebSocketSession
        async with aconnect_ws(
            "/graphql", client, headers=headers or {}, subprotocols=[PROTOCOL]
        ) as socket:
            await socket.send_json({"type": "connection_init", "payload": init or {}})
            yield socket


@contextlib.asynccontextmanager
async def subscribe(
    app: Starlette,
    query: str,
    variables: dict[str, Any],
    *,
    headers: dict[str, str] | None = None,
    init: dict[str, Any] | None = None,
    payload: dict[str, Any] | None = None,
) -> AsyncIterator[Subscription]:
    """Subscribe to `query` (or send `payload` as is: `{"documentId": ...}`)."""
    async with connect(app, headers=headers, init=init) as socket:
        ack = await asyncio.wait_for(socket.receive_json(), WAIT)
        assert ack["type"] == "connection_ack", ack
        payload = payload or {"query": query, "variables": variables}
        await socket.send_json({"id": "1", "type": "subscribe", "payload": payload})
        yield Subscription(app, socket)

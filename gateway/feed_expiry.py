"""A live feed ends when its token does: the socket is closed with 4403 at the token's expiry.

A subscription authenticates once, on the upgrade request or in `connection_init`; without this
it would go on delivering a customer's activity long after HTTP refuses the same token. The
deadline is the one HTTP applies: `exp` plus the clock-skew leeway of `gateway/auth.py`.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ConnectionInitMessage,
    SubscribeMessage,
)

from gateway.auth import LEEWAY_SECONDS
from resolvers.context import RequestContext

EXPIRED = "Token expired"


class ClosesAtExpiry(BaseGraphQLTransportWSHandler[RequestContext, None]):
    _expiry: asyncio.Task[None] | None = None

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        await super().handle_connection_init(message)
        deadline = self._deadline()
        if self.connection_acknowledged and deadline is not None and self._expiry is None:
            self._expiry = asyncio.create_task(self._close_at(deadline))

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        deadline = self._deadline()
        if deadline is not None and time.time() >= deadline:
            await self._close()
            return
        await super().handle_subscribe(message)

    async def shutdown(self) -> None:
        if self._expiry is not None and not self._expiry.done():
            self._expiry.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._expiry
        await super().shutdown()

    def _deadline(self) -> float | None:
        expires = self.context.principal.expires_at
        return None if expires is None else expires + LEEWAY_SECONDS

    async def _close_at(self, deadline: float) -> None:
        await asyncio.sleep(max(0.0, deadline - time.time()))
        await self._close()

    async def _close(self) -> None:
        # stop every operation first: nothing more is delivered on an expired token
        for operation_id in list(self.operations):
            await self.cleanup_operation(operation_id)
        with contextlib.suppress(Exception):  # the client may have gone already
            await self.websocket.close(code=4403, reason=EXPIRED)

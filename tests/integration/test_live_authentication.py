"""A live feed authenticates like any request: on the upgrade request (server-side clients) or,
for browsers that cannot set headers on a websocket, in the `connection_init` payload."""

from __future__ import annotations

import asyncio

from httpx_ws import WebSocketDisconnect

from gateway.tokens import mint_token
from resolvers.principal import Role
from tests.integration.test_journey import replay
from tests.integration.test_live_updates import CUSTOMER_FEED, check_in, ingest
from tests.utils.graphql import GraphQLClient
from tests.utils.live import WAIT, connect, subscribe
from tests.utils.people import ANA


async def test_a_browser_signs_in_with_its_connection_init_payload(client: GraphQLClient) -> None:
    await replay(client)
    ana = f"Bearer {mint_token(client.settings, Role.CUSTOMER, customer_id=ANA, subject='ana')}"
    for key in ("Authorization", "authorization"):
        async with subscribe(
            client.app, CUSTOMER_FEED, {"id": ANA}, headers={}, init={key: ana}
        ) as feed:
            await feed.listening(f"customer:{ANA}")
            await ingest(client, check_in(f"live-browser-{key}"))
            activity = (await feed.next())["data"]["customerActivity"]
        assert activity["eventId"] == f"live-browser-{key}"
        assert activity["customer"]["givenName"] is not None, "her own profile, in clear"


async def _close_code(client: GraphQLClient, init: dict[str, object]) -> int | None:
    async with connect(client.app, headers={}, init=init) as socket:
        try:
            message = await asyncio.wait_for(socket.receive_json(), WAIT)
        except WebSocketDisconnect as closed:
            return closed.code
    raise AssertionError(f"the socket stayed open: {message}")


async def test_a_socket_without_credentials_is_refused_at_connection_init(
    client: GraphQLClient,
) -> None:
    assert await _close_code(client, {}) == 4403
    assert await _close_code(client, {"Authorization": "Bearer not-a-token"}) == 4403
    expired = mint_token(client.settings, Role.AGENT, ttl=-3600)
    assert await _close_code(client, {"Authorization": f"Bearer {expired}"}) == 4403


async def test_a_bad_token_on_the_upgrade_request_is_refused_before_the_socket_opens(
    client: GraphQLClient,
) -> None:
    codes: list[int | None] = []
    try:
        async with connect(client.app, headers={"Authorization": "Bearer not-a-token"}):
            pass
    except* WebSocketDisconnect as refused:  # the handshake is answered with a close
        codes = [e.code for e in refused.exceptions if isinstance(e, WebSocketDisconnect)]
    assert codes == [4401]

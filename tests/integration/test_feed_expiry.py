"""A live feed ends when its token expires (issue 15, 7), as HTTP stops accepting it.

The gateway accepts a token up to 30 s past its `exp` (clock skew between issuer and host); the
tokens here expired 18 s ago, so they are still accepted and have twelve seconds left: enough
to subscribe and hear one event on a loaded machine, and less than the tests' `WAIT` (20 s).
"""

from __future__ import annotations

import asyncio

import pytest
from httpx_ws import WebSocketDisconnect

from gateway.tokens import mint_token
from resolvers.principal import Role
from tests.integration.test_journey import replay
from tests.integration.test_live_updates import CUSTOMER_FEED, check_in, ingest
from tests.utils.graphql import GraphQLClient, bearer
from tests.utils.live import WAIT, subscribe
from tests.utils.people import ANA

ALMOST_EXPIRED = -18  # seconds of `ttl`: expired, still within the leeway for ~12 s


@pytest.mark.parametrize("where", ["upgrade request", "connection_init"])
async def test_the_feed_closes_with_4403_when_the_token_expires(
    client: GraphQLClient, where: str
) -> None:
    await replay(client)
    token = mint_token(client.settings, Role.AGENT, ttl=ALMOST_EXPIRED, subject="agent-expiring")
    headers, init = (bearer(token), None) if where == "upgrade request" else ({}, bearer(token))
    async with subscribe(
        client.app, CUSTOMER_FEED, {"id": ANA}, headers=headers, init=init
    ) as feed:
        await feed.listening(f"customer:{ANA}")
        await ingest(client, check_in("live-before-expiry"))
        first = (await feed.next())["data"]["customerActivity"]
        assert first["eventId"] == "live-before-expiry"

        with pytest.raises(WebSocketDisconnect) as closed:
            await asyncio.wait_for(feed.socket.receive_json(), WAIT)
        assert closed.value.code == 4403
        assert closed.value.reason == "Token expired"
        # nothing is delivered after the expiry: the feed's listener is gone
        assert not client.app.state.activity_bus.listeners(f"customer:{ANA}")

    # and HTTP says the same of the same token by now
    async with client.with_headers(bearer(token)).http() as http:
        response = await http.post("/graphql", json={"query": "{ __typename }"})
    assert response.status_code == 401


async def test_a_feed_on_a_long_lived_token_stays_open(client: GraphQLClient) -> None:
    await replay(client)
    token = mint_token(client.settings, Role.AGENT, ttl=3600)
    async with subscribe(client.app, CUSTOMER_FEED, {"id": ANA}, headers=bearer(token)) as feed:
        await feed.listening(f"customer:{ANA}")
        await asyncio.sleep(3)
        await ingest(client, check_in("live-after-3s"))
        assert (await feed.next())["data"]["customerActivity"]["eventId"] == "live-after-3s"

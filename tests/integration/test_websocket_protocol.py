"""`graphql-transport-ws` as its reference server speaks it: a `subscribe` message that is not an
operation closes the socket with 4400, errors in a document carry their code, and a socket that
never says `connection_init` is closed after 3 seconds (4408)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from httpx_ws import AsyncWebSocketSession, WebSocketDisconnect, aconnect_ws
from httpx_ws.transport import ASGIWebSocketTransport

from tests.utils.graphql import GraphQLClient
from tests.utils.live import PROTOCOL, WAIT, connect


async def _answer(client: GraphQLClient, payload: Any) -> dict[str, Any] | int | None:
    """The message answering a `subscribe` with `payload`, or the close code."""
    async with connect(client.app, headers=client.headers) as socket:
        ack = await asyncio.wait_for(socket.receive_json(), WAIT)
        assert ack["type"] == "connection_ack"
        await socket.send_json({"id": "1", "type": "subscribe", "payload": payload})
        try:
            message: dict[str, Any] = await asyncio.wait_for(socket.receive_json(), WAIT)
        except WebSocketDisconnect as closed:
            return closed.code
        return message


@pytest.mark.parametrize(
    "payload",
    [
        {"query": 42},
        {"query": None},
        {"variables": {}},
        {"query": "subscription { __typename }", "variables": "x"},
        "subscription { __typename }",
    ],
    ids=["query-int", "query-null", "no-query", "variables-string", "payload-string"],
)
async def test_a_subscribe_message_that_is_not_an_operation_closes_with_4400(
    client: GraphQLClient, payload: Any
) -> None:
    assert await _answer(client, payload) == 4400


async def test_errors_in_a_subscription_document_carry_their_code(client: GraphQLClient) -> None:
    answer = await _answer(
        client, {"query": 'subscription { storeActivity(storeId: "x") { nope } }'}
    )
    assert isinstance(answer, dict) and answer["type"] == "error", answer
    assert [e["extensions"]["code"] for e in answer["payload"]] == ["BAD_USER_INPUT"]
    assert "nope" in answer["payload"][0]["message"]


async def test_a_socket_that_never_says_connection_init_is_closed_soon(
    client: GraphQLClient,
) -> None:
    transport = ASGIWebSocketTransport(client.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://omnigraph.test") as http:
        socket: AsyncWebSocketSession
        async with aconnect_ws(
            "/graphql", http, headers=client.headers, subprotocols=[PROTOCOL]
        ) as socket:
            with pytest.raises(WebSocketDisconnect) as closed:
                # WAIT (20 s) is a give-up limit: the gateway closes after 3 s, not 60 s
                await asyncio.wait_for(socket.receive_json(), WAIT)
    assert closed.value.code == 4408

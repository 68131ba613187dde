"""The app's hand-written graphql-transport-ws client (`feed.js`), in chromium, against
Strawberry's own server side of the protocol: a toy schema with the `customerActivity`
subscription the live-updates work adds, so the client is proven before that work lands.

The toy server checks what the client must send: the token in `connection_init`'s payload
(browsers cannot set headers on a WebSocket) and the subscription document of `queries.js`.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import AsyncGenerator, Iterator

import pytest
import strawberry
import uvicorn
from playwright.async_api import expect
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UnsetType

from gateway.web import CLIENTELING
from tests.browser.conftest import Tab

TOKEN = "token-of-the-toy-server"


@strawberry.type
class Activity:
    event_id: str
    kind: str
    channel: str
    at: str
    summary: str
    customer_id: str
    store_id: str | None


@strawberry.type
class Query:
    ok: bool = True


@strawberry.type
class Subscription:
    @strawberry.subscription
    async def customer_activity(self, customer_id: strawberry.ID) -> AsyncGenerator[Activity]:
        for n in range(2):
            yield Activity(
                event_id=f"ev-{n}", kind="CART", channel="MOBILE_APP", at="2026-03-02T08:20:00Z",
                summary=f"added item {n}", customer_id=str(customer_id), store_id=None,
            )  # fmt: skip


class ToyGraphQL(GraphQL[dict[str, object], None]):
    async def on_ws_connect(
        self, context: dict[str, object]
    ) -> UnsetType | dict[str, object] | None:
        params = context.get("connection_params") or {}
        assert isinstance(params, dict)
        if params.get("Authorization") != f"Bearer {TOKEN}":
            raise ConnectionRejectionError({"reason": "no token"})
        return await super().on_ws_connect(context)


PAGE = """<!doctype html><script type="module">
import { graphqlSocketUrl, subscribe } from "/clienteling/feed.js";
import { CUSTOMER_ACTIVITY } from "/clienteling/queries.js";
const token = new URLSearchParams(location.search).get("token");
window.feed = { events: [], ready: false, done: false, error: null };
subscribe({
  url: graphqlSocketUrl("/graphql"), token, query: CUSTOMER_ACTIVITY,
  variables: { customerId: "cus-1" },
  onReady: () => (window.feed.ready = true),
  onNext: (data) => window.feed.events.push(data.customerActivity),
  onError: (why) => (window.feed.error = why),
  onComplete: () => (window.feed.done = true),
});
</script>"""


def _toy_app() -> Starlette:
    graphql = ToyGraphQL(
        strawberry.Schema(Query, subscription=Subscription),
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
    )

    async def page(request: Request) -> HTMLResponse:
        return HTMLResponse(PAGE)

    return Starlette(
        routes=[
            Route("/", page),
            Route("/graphql", graphql),
            WebSocketRoute("/graphql", graphql),
            Mount("/clienteling", StaticFiles(directory=CLIENTELING)),
        ]
    )


@pytest.fixture(scope="module")
def toy_url() -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(_toy_app(), port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        assert thread.is_alive(), "the toy server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def gateway_url(toy_url: str) -> str:
    """The `tab` fixture's allowed origin: here, the toy server."""
    return toy_url


async def test_the_feed_client_subscribes_with_the_token_and_receives_every_event(
    toy_url: str, tab: Tab
) -> None:
    await tab.page.goto(f"{toy_url}/?token={TOKEN}")
    await expect(tab.page.locator("html")).to_be_attached()
    await tab.page.wait_for_function("window.feed && window.feed.done")
    feed = await tab.page.evaluate("window.feed")
    assert feed["ready"] and feed["error"] is None
    assert [e["summary"] for e in feed["events"]] == ["added item 0", "added item 1"]
    assert feed["events"][0] == {
        "eventId": "ev-0", "kind": "CART", "channel": "MOBILE_APP", "at": "2026-03-02T08:20:00Z",
        "summary": "added item 0", "customerId": "cus-1", "storeId": None,
    }  # fmt: skip
    assert tab.errors == []


async def test_a_rejected_connection_is_reported_not_thrown(toy_url: str, tab: Tab) -> None:
    await tab.page.goto(f"{toy_url}/?token=wrong")
    await tab.page.wait_for_function("window.feed && window.feed.error !== null")
    feed = await tab.page.evaluate("window.feed")
    assert not feed["ready"] and feed["events"] == [] and not feed["done"]
    assert "refused" in feed["error"]
    assert tab.errors == []

"""GraphiQL in a real browser: the page loads with the gateway's own copies of its scripts (no
request leaves the gateway: the `tab` fixture fails the test otherwise), opens with the example
query, and runs it with a token to show Ana."""

from __future__ import annotations

import json

from neo4j import AsyncDriver
from playwright.async_api import expect

from gateway.graphiql import EXAMPLE_QUERY
from gateway.settings import Settings
from gateway.tokens import mint_token
from resolvers.principal import Role
from tests.browser.conftest import Tab, screenshot


async def test_graphiql_runs_the_example_query_with_local_assets_only(
    demo_graph: AsyncDriver, settings: Settings, gateway_url: str, tab: Tab
) -> None:
    page = tab.page
    token = mint_token(settings, Role.AGENT, subject="browser-graphiql")
    # what a user pastes into the Headers pane; GraphiQL keeps it in localStorage (persisted headers)
    headers = json.dumps(json.dumps({"Authorization": f"Bearer {token}"}))
    await page.add_init_script(f"localStorage.setItem('graphiql:headers', {headers});")

    await page.goto(f"{gateway_url}/graphql")
    editor = page.locator(".graphiql-query-editor")
    await expect(editor).to_contain_text("query AnaByPhone")
    await expect(editor).to_contain_text("Welcome to omnigraph")
    assert "Welcome to omnigraph" in EXAMPLE_QUERY

    await page.locator(".graphiql-execute-button").click()
    result = page.locator(".result-window")
    await expect(result).to_contain_text('"givenName": "Ana"')
    await expect(result).to_contain_text('"familyName": "Lima"')
    await screenshot(page, "graphiql-example-query")
    assert tab.errors == []

"""GraphiQL in a real browser: the page loads with the gateway's own copies of its scripts (no
request leaves the gateway: the `tab` fixture fails the test otherwise), opens with the example
query and a development token, and runs it to show Ana, after a reload too."""

from __future__ import annotations

import re

from neo4j import AsyncDriver
from playwright.async_api import Page, expect

from gateway.graphiql import EXAMPLE_QUERY
from gateway.settings import Settings
from resolvers.principal import Role
from tests.browser.conftest import Tab, screenshot


async def test_graphiql_runs_the_example_query_with_local_assets_only(
    demo_graph: AsyncDriver, gateway_url: str, tab: Tab
) -> None:
    """A newcomer opens GraphiQL (no token pasted, nothing stored), runs the example, sees Ana;
    the Docs pane has the schema; a reload (the query is in the URL now) shows the page again."""
    page = tab.page
    await page.goto(f"{gateway_url}/graphql")
    editor = page.locator(".graphiql-query-editor")
    await expect(editor).to_contain_text("query AnaByPhone")
    await expect(editor).to_contain_text("Welcome to omnigraph")
    assert "Welcome to omnigraph" in EXAMPLE_QUERY

    result = page.locator(".result-window")
    await page.locator(".graphiql-execute-button").click()
    await expect(result).to_contain_text('"givenName": "Ana"')
    await expect(result).to_contain_text('"familyName": "Lima"')
    await expect(result).not_to_contain_text("UNAUTHENTICATED")
    await _docs_show_the_schema(page)
    await screenshot(page, "graphiql-example-query")

    await page.locator(".graphiql-query-editor .CodeMirror").click()
    await page.keyboard.press("End")
    await page.keyboard.type(" ")  # an edit: the page writes the query into the URL
    await expect(page).to_have_url(re.compile(r"[?&]q="))
    response = await page.reload()
    assert response is not None and response.status == 200
    assert "text/html" in response.headers["content-type"]
    await expect(editor).to_contain_text("query AnaByPhone")
    await page.locator(".graphiql-execute-button").click()
    await expect(result).to_contain_text('"givenName": "Ana"')
    await _docs_show_the_schema(page)
    assert tab.errors == []


async def _docs_show_the_schema(page: Page) -> None:
    await page.locator('button[aria-label="Show Documentation Explorer"]').click()
    docs = page.locator(".graphiql-doc-explorer")
    await expect(docs).to_contain_text("Root Types")
    await expect(docs).to_contain_text("CustomerConnection")
    await expect(docs).not_to_contain_text("Error fetching schema")
    await page.locator('button[aria-label="Hide Documentation Explorer"]').click()


async def test_the_example_query_works_for_every_staff_token_demo_tokens_prints(
    demo_graph: AsyncDriver, settings: Settings
) -> None:
    from tests.utils.graphql import GraphQLClient

    client = GraphQLClient(demo_graph, settings)
    for role in (Role.ASSOCIATE, Role.AGENT, Role.ADMIN):
        body = await client.as_role(role).execute(EXAMPLE_QUERY)
        assert "errors" not in body, (role, body["errors"])
        assert body["data"]["customerByIdentifier"]["givenName"] == "Ana"

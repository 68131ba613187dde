"""A GraphQL client that talks to the real Starlette app over ASGI, as a frontend would."""

from __future__ import annotations

from typing import Any

import httpx
from neo4j import AsyncDriver

from gateway.app import create_app
from gateway.settings import Settings


class GraphQLClient:
    def __init__(self, driver: AsyncDriver, settings: Settings) -> None:
        self.app = create_app(settings, driver=driver)

    def http(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app), base_url="http://omnigraph.test"
        )

    async def execute(
        self, query: str, variables: dict[str, Any] | None = None, *, trace: bool = False
    ) -> dict[str, Any]:
        """The whole response body: `data`, and `errors`/`extensions` when present."""
        headers = {"X-Omnigraph-Trace": "1"} if trace else {}
        async with self.http() as client:
            response = await client.post(
                "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
            )
        body: dict[str, Any] = response.json()
        return body

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """`data` of a query that must succeed; fails the test with the errors otherwise."""
        body = await self.execute(query, variables)
        assert "errors" not in body, body["errors"]
        result: dict[str, Any] = body["data"]
        return result

    async def error(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The single error of a query that must fail."""
        body = await self.execute(query, variables)
        assert body.get("errors"), f"expected an error, got {body}"
        assert len(body["errors"]) == 1, body["errors"]
        error: dict[str, Any] = body["errors"][0]
        return error

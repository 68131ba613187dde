"""A GraphQL client that talks to the real Starlette app over ASGI, as a frontend would.

It authenticates as an admin unless told otherwise:

    agent = graphql.as_role(Role.AGENT)
    nobody = graphql.with_headers({})
"""

from __future__ import annotations

from typing import Any

import httpx
from neo4j import AsyncDriver
from starlette.applications import Starlette

from gateway.app import create_app
from gateway.settings import Settings
from gateway.tokens import mint_token
from resolvers.principal import Role


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


class GraphQLClient:
    def __init__(
        self,
        driver: AsyncDriver,
        settings: Settings,
        *,
        app: Starlette | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.driver = driver
        self.settings = settings
        self.app = app or create_app(settings, driver=driver)
        self.headers = (
            headers
            if headers is not None
            else bearer(mint_token(settings, Role.ADMIN, subject="test-admin"))
        )

    def with_headers(self, headers: dict[str, str]) -> GraphQLClient:
        """The same app, called with these headers (none: unauthenticated)."""
        return GraphQLClient(self.driver, self.settings, app=self.app, headers=headers)

    def as_role(
        self,
        role: Role,
        *,
        store_id: str | None = None,
        customer_id: str | None = None,
        subject: str | None = None,
    ) -> GraphQLClient:
        """The same app, called with a token of `role` (associates get a store by default)."""
        if role is Role.ASSOCIATE and store_id is None:
            store_id = "store-lisbon-1"
        token = mint_token(
            self.settings,
            role,
            store_id=store_id,
            customer_id=customer_id,
            subject=subject or f"test-{role.value}",
        )
        return self.with_headers(bearer(token))

    def http(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app),
            base_url="http://omnigraph.test",
            headers=self.headers,
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

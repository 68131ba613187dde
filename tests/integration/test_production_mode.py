"""With OMNIGRAPH_ENV=production: no GraphiQL, tracing, introspection or suggestions; masked
errors; and no start at all without strong authentication."""

from __future__ import annotations

import dataclasses

import pytest
from neo4j import AsyncDriver

from gateway.app import UnsafeSettings, create_app
from gateway.settings import Settings
from schema.extensions import INVALID_MESSAGE
from tests.utils.graphql import GraphQLClient
from tests.utils.people import ANA


async def test_production_turns_off_graphiql_and_tracing(
    demo_graph: AsyncDriver, settings: Settings
) -> None:
    production = GraphQLClient(demo_graph, dataclasses.replace(settings, environment="production"))
    async with production.http() as client:
        page = await client.get("/graphql", headers={"Accept": "text/html"})
        by_browser = await client.get(
            "/graphql",
            params={"query": '{ customer(id: "%s") { givenName } }' % ANA},
            headers={"Accept": "text/html"},
        )
    assert "graphiql" not in page.text.lower()
    assert page.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert by_browser.json() == {"data": {"customer": {"givenName": "Ana"}}}

    body = await production.execute('{ customer(id: "%s") { givenName } }' % ANA, trace=True)
    assert body["data"] == {"customer": {"givenName": "Ana"}}
    assert "trace" not in (body.get("extensions") or {})


def _production(settings: Settings, **changes: object) -> Settings:
    return dataclasses.replace(settings, environment="production", **changes)  # type: ignore[arg-type]


async def test_production_hides_the_schema_and_masks_errors(
    demo_graph: AsyncDriver, settings: Settings
) -> None:
    production = GraphQLClient(demo_graph, _production(settings))
    introspection = await production.execute("{ __schema { types { name } } }")
    assert introspection["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "data" not in introspection or not introspection["data"]

    typo = await production.error('{ customer(id: "cus-a35f8c06c1c35f4a") { givenNme } }')
    assert typo == {
        "message": INVALID_MESSAGE,
        "locations": typo["locations"],
        "extensions": {"code": "BAD_USER_INPUT"},
    }
    development = await GraphQLClient(demo_graph, settings).error(
        '{ customer(id: "cus-a35f8c06c1c35f4a") { givenNme } }'
    )
    assert "Did you mean" in development["message"], "suggestions stay on in development"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"auth": False}, "OMNIGRAPH_AUTH=off"),
        ({"jwt_secret": "short-secret"}, "weak"),
        ({"jwt_secret_is_dev": True}, "weak"),
        ({"jwt_secret": None, "jwks": None}, "OMNIGRAPH_JWT_SECRET or OMNIGRAPH_JWKS"),
    ],
)
def test_production_refuses_to_start_without_strong_auth(
    settings: Settings, changes: dict[str, object], reason: str
) -> None:
    with pytest.raises(UnsafeSettings, match=reason):
        create_app(_production(settings, **changes))

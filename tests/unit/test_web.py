"""The gateway's browser pages without a database: GraphiQL names no CDN, the vendored files it
names exist, the clienteling app is served, and the demo-token door is shut in production."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from strawberry.http.ides import get_graphql_ide_html

from gateway.graphiql import CdnLeft, with_example_query, with_local_assets
from gateway.settings import Settings
from gateway.web import STATIC, VENDOR_URL, web_routes

SETTINGS = Settings(neo4j_uri="bolt://127.0.0.1:1", jwt_secret="x" * 40)


def _page() -> str:
    return with_local_assets(with_example_query(get_graphql_ide_html("graphiql")), VENDOR_URL)


def test_graphiql_loads_every_script_and_style_from_the_gateway() -> None:
    page = _page()
    assert "unpkg.com" not in page
    assets = re.findall(r'(?:src|href)="(/assets/vendor/[^"]+)"', page)
    assert len(assets) == 7, assets
    for asset in assets:  # vendored by `make install` (scripts/vendor-web.sh)
        assert (STATIC / "vendor" / asset.removeprefix(f"{VENDOR_URL}/")).is_file(), asset
    assert "query AnaByPhone" in page


def test_a_page_naming_another_cdn_is_refused() -> None:
    with pytest.raises(CdnLeft):
        with_local_assets('<script src="https://cdn.example.com/x.js"></script>', VENDOR_URL)


def _client(settings: Settings) -> httpx.AsyncClient:
    app = Starlette(routes=web_routes(settings))
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


async def test_the_clienteling_app_is_served() -> None:
    async with _client(SETTINGS) as client:
        page = await client.get("/clienteling/")
        script = await client.get("/clienteling/feed.js")
    assert page.status_code == 200 and "clienteling" in page.text
    assert script.status_code == 200 and "graphql-transport-ws" in script.text
    assert "https://" not in page.text


async def test_the_demo_token_is_for_development_only() -> None:
    async with _client(SETTINGS) as client:
        development = await client.get("/clienteling/dev-token")
    assert development.status_code == 200
    assert development.json()["role"] == "associate"
    production = dataclasses.replace(SETTINGS, environment="production")
    async with _client(production) as client:
        shut = await client.get("/clienteling/dev-token")
        vendor = await client.get(f"{VENDOR_URL}/graphiql/graphiql.min.js")
        app = await client.get("/clienteling/")
    assert shut.status_code == 404 and vendor.status_code == 404
    assert app.status_code == 200


def test_static_files_ship_with_the_package() -> None:
    """What a built wheel holds is checked by tests/integration/test_package.py."""
    text = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    assert 'gateway = ["static/clienteling/*", "static/vendor/**/*"]' in text

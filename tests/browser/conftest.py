"""The browser tests' set-up: the gateway as `omnigraph serve` in its own process on the test
Neo4j, and Debian's chromium driven by Playwright (`scripts/ensure-chromium.sh` installs it; no
browser download). Screenshots go to `test-artifacts/` (git-ignored).

Pages may load nothing from outside the gateway: every request to another host is aborted and
recorded, and `local_only` fails the test that made one.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import socket
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from neo4j import AsyncDriver
from playwright.async_api import Browser, BrowserContext, Page, Route, async_playwright, expect

from gateway.settings import Settings
from tests.browser.clienteling_app import ANA_PHONE, STORE, associate_token, post_graphql
from tests.utils.gateway_process import gateway_env, serving
from tests.utils.people import ANA_ID

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("OMNIGRAPH_CHROMIUM", "/usr/bin/chromium")
PORTS = range(8741, 8750)
# A cold gateway compiles its Cypher on the first look-up, on machines shared with other work:
# wait for what a user would wait for, not for a time.
expect.set_options(timeout=30_000)  # this project's test ports; any free port when all are taken


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as s, contextlib.suppress(OSError):
            s.bind(("127.0.0.1", port))
            return port
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free: int = s.getsockname()[1]
        return free


@pytest.fixture(scope="session")
def gateway_url(settings: Settings) -> Iterator[str]:
    """A development-mode gateway (GraphiQL, the dev-token endpoint) on the test Neo4j."""
    with serving(gateway_env(settings, OMNIGRAPH_ENV="development"), _free_port()) as url:
        yield url


@dataclass
class Outside:
    """Requests a page tried to send anywhere but the gateway (aborted)."""

    origin: str
    urls: list[str] = field(default_factory=list)

    async def route(self, route: Route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob") or f"{parts.scheme}://{parts.netloc}" == self.origin:
            await route.continue_()
        else:
            self.urls.append(url)
            await route.abort()


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run scripts/ensure-chromium.sh"
    async with async_playwright() as playwright:
        # --no-sandbox: CI and these machines run as root, where chromium's sandbox cannot start
        launched = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        yield launched
        await launched.close()


@dataclass
class Tab:
    page: Page
    outside: Outside
    errors: list[str]


@pytest.fixture
async def tab(browser: Browser, gateway_url: str) -> AsyncIterator[Tab]:
    """A fresh browser context (no stored token) whose page may reach only the gateway."""
    context: BrowserContext = await browser.new_context(viewport={"width": 1280, "height": 900})
    outside = Outside(gateway_url)
    await context.route("**/*", outside.route)
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield Tab(page, outside, errors)
    finally:
        await context.close()
    assert outside.urls == [], f"the page reached outside the gateway: {outside.urls}"


async def screenshot(page: Page, name: str, also: Path | None = None) -> Path:
    """A full-page screenshot in test-artifacts/ (and at `also`, the README's, when asked)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    await page.screenshot(path=str(path), full_page=True)
    if also is not None:
        await asyncio.to_thread(also.write_bytes, path.read_bytes())
    return path


_WARM: set[str] = set()


@pytest.fixture
def warm_clienteling(demo_day: AsyncDriver, settings: Settings, gateway_url: str) -> None:
    """Each of the app's reads once before the first page opens: a cold gateway on a cold Neo4j
    plans every statement on first use, which on a machine shared with other work can outlast
    the gateway's per-statement timeout (the app then asks again once; see `api.js`)."""
    if gateway_url in _WARM:
        return
    source = (ROOT / "gateway" / "static" / "clienteling" / "queries.js").read_text()
    literals = dict(re.findall(r"const (\w+) = `(.*?)`;", source, re.S))
    values = {"store": STORE, "id": ANA_ID, "type": "PHONE", "value": ANA_PHONE, "at": None}
    token = associate_token(settings)
    for name in ("STORE_HOME", "CUSTOMER_BY_IDENTIFIER", "STORE_CUSTOMER"):
        document = literals[name].replace("${CUSTOMER}", literals["CUSTOMER"])
        for _ in range(3):
            if "errors" not in post_graphql(gateway_url, token, document, values):
                break
    _WARM.add(gateway_url)

"""The clienteling app as the browser tests drive it (tests/browser/test_clienteling*.py):
signing in, looking a customer up, what a channel system sends, and the checks every screen
passes (accessibility, no sideways scrolling).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from playwright.async_api import Page, Request, expect

from gateway.settings import Settings
from gateway.tokens import mint_token
from resolvers.principal import Role

ROOT = Path(__file__).resolve().parents[2]

ANA_PHONE = "+351 912 345 678"
STORE = "store-lisbon-1"
AXE = ROOT / "tests" / "browser" / "vendor" / "axe.min.js"
# what the screen shows of every enum: a word, never the API's spelling
RAW_ENUMS = re.compile(r"\b(MOBILE_APP|CALL_CENTER|PICKUP_IN_STORE|READY_FOR_PICKUP|IN_STORE|"
                       r"PICKED_UP|STORE_VISIT|PRODUCT_VIEW|MARKETING|BASIC|LOYAL)\b")  # fmt: skip


def associate_token(settings: Settings, store: str = STORE) -> str:
    return mint_token(settings, Role.ASSOCIATE, store_id=store, subject="lisbon-1-rita")


def post_graphql(url: str, token: str, query: str, variables: dict[str, Any]) -> Any:
    return httpx.post(
        f"{url}/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,  # a cold gateway on a busy machine
    ).json()


def send_events(url: str, settings: Settings, *events: dict[str, Any]) -> None:
    """What a channel system sends, through `POST /events`."""
    ingest = mint_token(settings, Role.INGEST, subject="browser-channel")
    sent = httpx.post(
        f"{url}/events",
        content="".join(json.dumps(e) + "\n" for e in events),
        headers={"Authorization": f"Bearer {ingest}", "Content-Type": "application/x-ndjson"},
        timeout=30,
    )
    assert sent.status_code < 300, sent.text
    assert "REJECTED" not in sent.text, sent.text


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def note_operation(request: Request, asked: list[str]) -> None:
    """Note the name of a GraphQL operation the page sent over HTTP."""
    if request.method == "POST" and request.url.endswith("/graphql"):
        found = re.match(
            r"\s*(?:query|mutation)\s+(\w+)", json.loads(request.post_data or "{}")["query"]
        )
        asked.append(found.group(1) if found else "?")


async def sign_in(page: Page, url: str, token: str) -> None:
    await page.goto(f"{url}/clienteling/")
    await page.get_by_test_id("token").fill(token)
    await page.get_by_test_id("sign-in").click()
    await expect(page.get_by_test_id("lookup")).to_be_visible()


async def open_home(page: Page, url: str, token: str) -> None:
    await sign_in(page, url, token)
    await expect(page.get_by_test_id("store-title")).to_have_text("Lisbon Chiado: today")


async def look_up(page: Page, kind: str, value: str) -> None:
    await page.get_by_test_id("lookup-type").select_option(kind)
    await page.get_by_test_id("lookup-value").fill(value)
    await page.get_by_test_id("lookup-go").click()
    await expect(page.get_by_test_id("customer-name")).to_have_text("Ana Lima")


async def accessibility_problems(page: Page) -> list[str]:
    """Serious and critical WCAG 2.1 A/AA violations axe-core finds on the page as it is."""
    assert AXE.exists(), (
        f"{AXE} is missing: `make install` vendors axe-core (scripts/vendor-web.sh)"
    )
    if not await page.evaluate("typeof window.axe === 'object'"):
        await page.evaluate(AXE.read_text())
    found = await page.evaluate(
        """async () => (await axe.run(document, {
             runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
           })).violations"""
    )
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes']][:3]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


async def no_sideways_scrolling(page: Page) -> None:
    sizes = await page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert sizes[0] <= sizes[1], f"the page scrolls sideways: {sizes[0]} px in {sizes[1]} px"

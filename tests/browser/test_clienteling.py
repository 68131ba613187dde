"""A store associate uses the clienteling app in a real browser: signs in, looks Ana up by phone
and by loyalty id, sees her 360 view as an associate may (masked contact details, open cases
only), and sees what a channel just sent appear.

The live feed (`customerActivity`) and the extras (recommendations, open cases, notes) come with
other work: each test asks the gateway's schema whether they exist and asserts the feed or the
"not available yet" panel accordingly, so the same tests hold before and after those land.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
from neo4j import AsyncDriver
from playwright.async_api import Page, expect

from gateway.settings import Settings
from gateway.tokens import mint_token
from resolvers.principal import Role
from tests.browser.conftest import ROOT, Tab, screenshot
from tests.utils.people import ANA_ID

ANA_PHONE = "+351 912 345 678"
STORE = "store-lisbon-1"
# Ana's six channels (examples.jsonl): the app shows each as a chip
ANA_CHANNELS = {"WEB", "MOBILE_APP", "STORE", "CHAT", "EMAIL", "CALL_CENTER"}


def _graphql(url: str, settings: Settings, query: str, variables: dict[str, Any]) -> Any:
    """The running gateway's answer to `query`, asked as an admin."""
    token = mint_token(settings, Role.ADMIN, subject="browser-test", ttl=300)
    answer = httpx.post(
        f"{url}/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,  # a cold gateway on a busy machine
    ).json()
    assert "errors" not in answer, answer
    return answer["data"]


def _schema_has(url: str, settings: Settings, type_name: str, field_name: str) -> bool:
    """Whether the running gateway's schema has `type_name.field_name` (introspection)."""
    query = "query($t: String!) { __type(name: $t) { fields { name } } }"
    found = _graphql(url, settings, query, {"t": type_name})["__type"]
    return found is not None and field_name in {f["name"] for f in found["fields"]}


async def _sign_in(page: Page, url: str, token: str) -> None:
    await page.goto(f"{url}/clienteling/")
    await page.get_by_test_id("token").fill(token)
    await page.get_by_test_id("sign-in").click()
    await expect(page.get_by_test_id("lookup")).to_be_visible()


async def _look_up(page: Page, kind: str, value: str) -> None:
    await page.get_by_test_id("lookup-type").select_option(kind)
    await page.get_by_test_id("lookup-value").fill(value)
    await page.get_by_test_id("lookup-go").click()
    await expect(page.get_by_test_id("customer-name")).to_have_text("Ana Lima")


async def test_an_associate_finds_ana_by_phone_and_sees_her_360_view_masked(
    demo_graph: AsyncDriver, settings: Settings, gateway_url: str, tab: Tab
) -> None:
    page = tab.page
    token = mint_token(settings, Role.ASSOCIATE, store_id=STORE, subject="browser-associate")
    await _sign_in(page, gateway_url, token)
    await _look_up(page, "PHONE", ANA_PHONE)

    channels = page.get_by_test_id("channels").get_by_test_id("chip")
    await expect(channels).to_have_count(len(ANA_CHANNELS))
    assert set(await channels.all_inner_texts()) == ANA_CHANNELS
    # contact details as the API gives an associate: masked
    await expect(page.get_by_test_id("identifier-EMAIL")).to_have_text("a***@example.com")
    await expect(page.get_by_test_id("identifier-PHONE")).to_have_text("*** *** 678")
    await expect(page.get_by_text("ana.lima@example.com")).to_have_count(0)
    # her orders, each with the channel it was placed on
    orders = page.get_by_test_id("order")
    await expect(orders.first).to_be_visible()
    assert await orders.count() >= 2
    await expect(orders.filter(has_text="ord-3001")).to_contain_text("STORE")
    # case-77 was resolved: store staff see open cases only (resolvers/access.py)
    await expect(page.get_by_test_id("cases")).to_be_visible()
    await expect(page.get_by_test_id("cases")).not_to_contain_text("case-77")

    if _schema_has(gateway_url, settings, "Customer", "recommendations"):
        await expect(page.get_by_test_id("recommendations")).to_be_visible()
        await expect(page.get_by_test_id("notes")).to_be_visible()
    else:
        await expect(page.get_by_test_id("extras-unavailable")).to_contain_text("Not available yet")
    # the screenshot for the README, when asked: OMNIGRAPH_README_SCREENSHOT=1
    readme = (
        ROOT / "docs" / "clienteling.png" if os.environ.get("OMNIGRAPH_README_SCREENSHOT") else None
    )
    await screenshot(page, "clienteling-ana-by-phone", also=readme)
    assert tab.errors == []


async def test_an_agent_token_shows_ana_clear_with_case_77(
    demo_graph: AsyncDriver, settings: Settings, gateway_url: str, tab: Tab
) -> None:
    """The app shows what the API returns: an agent sees clear contact details and closed cases."""
    page = tab.page
    await _sign_in(page, gateway_url, mint_token(settings, Role.AGENT, subject="browser-agent"))
    await _look_up(page, "LOYALTY_ID", "LN-5521")
    await expect(page.get_by_test_id("identifier-EMAIL")).to_have_text("ana.lima@example.com")
    case = page.get_by_test_id("case").filter(has_text="case-77")
    await expect(case).to_contain_text("RESOLVED")
    await expect(case.get_by_test_id("chip")).to_contain_text(["CHAT", "EMAIL", "CALL_CENTER"])
    assert tab.errors == []


async def test_ana_by_loyalty_id_with_the_demo_token_and_a_new_cart_item_appears(
    demo_graph: AsyncDriver, settings: Settings, database: str, gateway_url: str, tab: Tab
) -> None:
    page = tab.page
    live = _schema_has(gateway_url, settings, "Subscription", "customerActivity")
    sku = await _a_product_not_in_anas_cart(demo_graph, database, gateway_url, settings)
    await page.goto(f"{gateway_url}/clienteling/")
    # a development gateway offers the demo associate token (gateway/web.py)
    await page.get_by_test_id("demo-sign-in").click()
    await expect(page.get_by_test_id("who")).to_contain_text(STORE)
    await _look_up(page, "LOYALTY_ID", "LN-5521")
    feed_status = page.get_by_test_id("feed-status")
    if live:
        await expect(feed_status).to_contain_text("live")
    else:
        await expect(feed_status).to_contain_text("unavailable")
    await expect(page.get_by_test_id("cart-item").filter(has_text=sku)).to_have_count(0)

    event = {
        "eventId": f"browser-{uuid.uuid4().hex[:12]}",
        "type": "cart",
        "at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "channel": "MOBILE_APP",
        "identifiers": [{"type": "PHONE", "value": ANA_PHONE}],
        "cart": {"action": "ADD", "sku": sku, "quantity": 2, "unitPrice": 59.9},
    }
    try:
        ingest = mint_token(settings, Role.INGEST, subject="browser-channel")
        sent = httpx.post(
            f"{gateway_url}/events",
            content=json.dumps(event) + "\n",
            headers={"Authorization": f"Bearer {ingest}", "Content-Type": "application/x-ndjson"},
            timeout=30,
        )
        assert sent.status_code < 300, sent.text

        if live:  # the feed shows the event and re-reads the view by itself
            await expect(page.get_by_test_id("feed-item").first).to_contain_text("MOBILE_APP")
        else:  # no feed on this gateway yet: the associate presses Refresh
            await page.get_by_test_id("refresh").click()
        item = page.get_by_test_id("cart-item").filter(has_text=sku)
        await expect(item).to_be_visible()
        await expect(item.get_by_test_id("cart-quantity")).to_have_text("2")
        await screenshot(page, "clienteling-after-cart-event")
    finally:  # Ana's cart changed: the next test that needs the demo data seeds it again
        await demo_graph.execute_query("MATCH (m:Meta {name: 'demo'}) DELETE m", database_=database)
    assert tab.errors == []


async def _a_product_not_in_anas_cart(
    driver: AsyncDriver, database: str, url: str, settings: Settings
) -> str:
    """A product of the catalogue that Ana's cart does not hold: the event adds it."""
    records, _, _ = await driver.execute_query(
        "MATCH (p:Product) RETURN p.sku AS sku ORDER BY p.sku LIMIT 50", database_=database
    )
    cart = _graphql(
        url,
        settings,
        "query($id: ID!) { customer(id: $id) { cart { items { sku } } } }",
        {"id": ANA_ID},
    )["customer"]["cart"]
    held = {item["sku"] for item in (cart or {"items": []})["items"]}
    free = [r["sku"] for r in records if r["sku"] not in held]
    assert free, "the demo catalogue is empty"
    return str(free[0])


def test_the_app_asks_for_fields_by_the_names_the_contract_gives() -> None:
    """The extras and the feed are written against the names the other work will merge with."""
    queries = (ROOT / "gateway" / "static" / "clienteling" / "queries.js").read_text()
    for name in ("recommendations(first: 5)", "openCases", "notes", "addNote", "customerActivity"):
        assert re.search(re.escape(name), queries), name

"""A store associate of Lisbon Chiado uses the clienteling app in a real browser, on the demo
data with its day in the store (`graph/seed/story.py`): the store's day lists Ana's pickup,
which opens her screen with every panel filled; a note and an important date show at once; an
event a channel sends reaches her screen and the store's home through the live feeds; nothing
scrolls sideways on a phone or a tablet; an associate of Porto cannot open Chiado's lists; the
sign-in checks the token first; axe-core finds no serious or critical accessibility problem.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
import pytest
from neo4j import AsyncDriver
from playwright.async_api import Locator, Page, Request, WebSocketRoute, expect

from gateway.settings import Settings
from gateway.tokens import mint_token
from resolvers.principal import Role
from tests.browser.conftest import ROOT, Tab, screenshot
from tests.utils.people import ANA_ID

ANA_PHONE = "+351 912 345 678"
STORE = "store-lisbon-1"
AXE = ROOT / "tests" / "browser" / "vendor" / "axe.min.js"
# what the screen shows of every enum: a word, never the API's spelling
RAW_ENUMS = re.compile(r"\b(MOBILE_APP|CALL_CENTER|PICKUP_IN_STORE|READY_FOR_PICKUP|IN_STORE|"
                       r"PICKED_UP|STORE_VISIT|PRODUCT_VIEW|MARKETING|BASIC|LOYAL)\b")  # fmt: skip


_WARM: set[str] = set()


@pytest.fixture(autouse=True)
def _warm_gateway(demo_day: AsyncDriver, settings: Settings, gateway_url: str) -> None:
    """Each of the app's reads once before the first page opens: a cold gateway on a cold Neo4j
    plans every statement on first use, which on a machine shared with other work can outlast
    the gateway's per-statement timeout (the app then asks again once; see `api.js`)."""
    if gateway_url in _WARM:
        return
    source = (ROOT / "gateway" / "static" / "clienteling" / "queries.js").read_text()
    literals = dict(re.findall(r"const (\w+) = `(.*?)`;", source, re.S))
    values = {"store": STORE, "id": ANA_ID, "type": "PHONE", "value": ANA_PHONE, "at": None}
    token = _associate(settings)
    for name in ("STORE_HOME", "CUSTOMER_BY_IDENTIFIER", "STORE_CUSTOMER"):
        document = literals[name].replace("${CUSTOMER}", literals["CUSTOMER"])
        for _ in range(3):
            if "errors" not in _graphql(gateway_url, token, document, values):
                break
    _WARM.add(gateway_url)


def _associate(settings: Settings, store: str = STORE) -> str:
    return mint_token(settings, Role.ASSOCIATE, store_id=store, subject="lisbon-1-rita")


def _graphql(url: str, token: str, query: str, variables: dict[str, Any]) -> Any:
    return httpx.post(
        f"{url}/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,  # a cold gateway on a busy machine
    ).json()


def _send(url: str, settings: Settings, *events: dict[str, Any]) -> None:
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


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _operation(request: Request, asked: list[str]) -> None:
    """Note the name of a GraphQL operation the page sent over HTTP."""
    if request.method == "POST" and request.url.endswith("/graphql"):
        found = re.match(
            r"\s*(?:query|mutation)\s+(\w+)", json.loads(request.post_data or "{}")["query"]
        )
        asked.append(found.group(1) if found else "?")


async def _sign_in(page: Page, url: str, token: str) -> None:
    await page.goto(f"{url}/clienteling/")
    await page.get_by_test_id("token").fill(token)
    await page.get_by_test_id("sign-in").click()
    await expect(page.get_by_test_id("lookup")).to_be_visible()


async def _home(page: Page, url: str, token: str) -> None:
    await _sign_in(page, url, token)
    await expect(page.get_by_test_id("store-title")).to_have_text("Lisbon Chiado: today")


async def _look_up(page: Page, kind: str, value: str) -> None:
    await page.get_by_test_id("lookup-type").select_option(kind)
    await page.get_by_test_id("lookup-value").fill(value)
    await page.get_by_test_id("lookup-go").click()
    await expect(page.get_by_test_id("customer-name")).to_have_text("Ana Lima")


async def _accessibility_problems(page: Page) -> list[str]:
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


async def _no_sideways_scrolling(page: Page) -> None:
    sizes = await page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert sizes[0] <= sizes[1], f"the page scrolls sideways: {sizes[0]} px in {sizes[1]} px"


async def test_the_stores_day_lists_anas_pickup_which_opens_her_whole_screen(
    demo_day: AsyncDriver, settings: Settings, gateway_url: str, tab: Tab
) -> None:
    page = tab.page
    asked: list[str] = []  # the operations the app sent, in order: one per screen
    page.on("request", lambda request: _operation(request, asked))
    await _home(page, gateway_url, _associate(settings))
    pickups = page.get_by_test_id("pickup")
    await expect(pickups).to_have_count(2)  # Marta's tote bag and Ana's jumper
    await expect(pickups.filter(has_text="Ana Lima")).to_contain_text("Merino jumper")
    visits = page.get_by_test_id("visit")
    await expect(visits.filter(has_text="Ana Lima")).to_have_count(1)
    await expect(visits.filter(has_text="Rui Lima")).to_have_count(1)
    assert await page.get_by_test_id("lapsed").count() >= 3
    await expect(page.get_by_test_id("feed-status")).to_contain_text("Live")
    assert await _accessibility_problems(page) == []
    readme = ROOT / "docs" if os.environ.get("OMNIGRAPH_README_SCREENSHOT") else None
    await screenshot(
        page, "clienteling-store-home", also=readme and readme / "clienteling-home.png"
    )
    assert asked == ["ClientelingSignIn", "ClientelingHome"]

    await pickups.filter(has_text="Ana Lima").get_by_test_id("open-customer").click()
    await expect(page.get_by_test_id("customer-name")).to_have_text("Ana Lima")
    await _every_panel_shows_anas_demo_data(page)
    assert asked[2:] == ["ClientelingStoreCustomer"], "her whole screen is one request"
    assert await _accessibility_problems(page) == []
    await screenshot(page, "clienteling-ana", also=readme and readme / "clienteling.png")
    assert tab.errors == []


async def _every_panel_shows_anas_demo_data(page: Page) -> None:
    def panel(name: str) -> Locator:
        return page.get_by_test_id(name)

    await expect(panel("profile")).to_contain_text("Basic member")
    channels = panel("channels").get_by_test_id("chip")
    assert set(await channels.all_inner_texts()) >= {"Web", "App", "Store", "Chat", "E-mail"}
    # may we contact her? masked values, and her answers in words
    await expect(page.get_by_test_id("identifier-EMAIL")).to_have_text("a***@example.com")
    await expect(panel("consent-EMAIL")).to_contain_text("Offers: yes")
    await expect(panel("consent-SMS")).to_contain_text("Offers: no")
    await expect(panel("consent-PHONE")).to_contain_text("not asked")
    await expect(panel("size-shoes")).to_have_text("38")
    await expect(panel("size-fit")).to_have_text("slim")
    # the cart she started on her phone and went on with on the web
    await expect(panel("cart-item")).to_have_count(2)
    await expect(panel("cart")).to_contain_text("Leather chelsea boots")
    await expect(panel("cart-where")).to_contain_text("Started on App")
    await expect(panel("cart-where")).to_contain_text("Last changed on Web")
    # orders with their journey across channels
    jumper = panel("order").filter(has_text="Merino jumper")
    await expect(jumper.get_by_test_id("order-journey")).to_contain_text(
        re.compile(r"Paid Web.*Ready for pickup Store, Lisbon Chiado", re.S)
    )
    await expect(panel("order").filter(has_text="Rain jacket")).to_contain_text("Bought in store")
    # the open case that went from the chat to e-mail; the resolved one stays out of sight
    case = panel("case")
    await expect(case).to_have_count(1)
    await expect(case).to_contain_text("Chelsea boots: which size?")
    await expect(case.get_by_test_id("chip")).to_have_text(["Chat", "E-mail"])
    await expect(panel("cases")).not_to_contain_text("case-77")
    await expect(panel("points")).to_have_text("159 points")
    await expect(panel("loyalty-move").first).to_contain_text("Earned")
    reasons = await panel("recommendation").all_inner_texts()
    assert len(reasons) >= 3 and any("in your cart" in r for r in reasons), reasons
    assert any("viewed in the app" in r for r in reasons), reasons
    birthday = panel("important-date").filter(has_text="Birthday")
    await expect(birthday).to_contain_text("in 12 days")
    notes = panel("note")
    await expect(notes.filter(has_text="the 38 fits")).to_contain_text("Lisbon Chiado")
    await expect(notes.filter(has_text="stuck zip")).to_have_count(1)
    timeline = panel("timeline-entry")
    assert await timeline.count() >= 8
    await expect(timeline.first).to_contain_text("Came into the store (Lisbon Chiado)")
    await expect(timeline.filter(has_text="Support case")).to_have_count(2)

    text = await page.locator("main").inner_text()
    assert "not available" not in text.lower()
    assert "ana.lima@example.com" not in text and ANA_ID not in text
    assert RAW_ENUMS.findall(text) == [], "raw enum labels on screen"


async def test_a_note_and_an_important_date_show_at_once_and_stay(
    demo_day: AsyncDriver, settings: Settings, gateway_url: str, tab: Tab
) -> None:
    page = tab.page
    await _home(page, gateway_url, _associate(settings))
    await _look_up(page, "PHONE", ANA_PHONE)
    text = f"Wants the boots in 38 before Friday ({uuid.uuid4().hex[:6]})"
    await page.get_by_label("Note for the next associate").fill(text)
    await page.get_by_test_id("note-add").click()
    await expect(page.get_by_test_id("note").first).to_contain_text(text)
    await expect(page.get_by_test_id("note").first).to_contain_text("lisbon-1-rita")
    await expect(page.get_by_label("Note for the next associate")).to_have_value("")

    in_three_days = (datetime.now(UTC).date() + timedelta(days=3)).replace(year=2012)
    kind = f"Shop anniversary {uuid.uuid4().hex[:4]}"
    await page.get_by_label("What", exact=True).fill(kind)
    await page.get_by_label("Date", exact=True).fill(in_three_days.isoformat())
    await page.get_by_test_id("date-add").click()
    added = page.get_by_test_id("important-date").filter(has_text=kind)
    await expect(added).to_contain_text("in 3 days")
    # before the birthday (in 12 days): the list stays in date order
    dates = await page.get_by_test_id("important-date").all_inner_texts()
    ours = next(i for i, d in enumerate(dates) if kind in d)
    assert ours < next(i for i, d in enumerate(dates) if d.startswith("Birthday")), dates

    await page.reload()  # the token stays for the tab: signed in, on the store's day
    await _look_up(page, "LOYALTY_ID", "LN-5521")
    await expect(page.get_by_test_id("note").filter(has_text=text)).to_have_count(1)
    await expect(page.get_by_test_id("important-date").filter(has_text=kind)).to_have_count(1)
    assert tab.errors == []


async def test_events_reach_anas_screen_and_the_stores_day_through_the_live_feeds(
    demo_day: AsyncDriver, settings: Settings, database: str, gateway_url: str, tab: Tab
) -> None:
    page = tab.page
    token = _associate(settings)
    await _home(page, gateway_url, token)
    store_page = await page.context.new_page()  # a second tablet, on the store's day
    await _home(store_page, gateway_url, token)
    await expect(store_page.get_by_test_id("feed-status")).to_contain_text("Live")
    await _look_up(page, "PHONE", ANA_PHONE)
    await expect(page.get_by_test_id("feed-status")).to_contain_text("Live")
    await expect(page.get_by_test_id("cart-item").filter(has_text="BLT-020")).to_have_count(0)
    try:
        _send(gateway_url, settings, {
            "eventId": f"browser-{uuid.uuid4().hex[:12]}", "type": "cart", "at": _now(),
            "channel": "MOBILE_APP", "identifiers": [{"type": "PHONE", "value": ANA_PHONE}],
            "cart": {"action": "ADD", "sku": "BLT-020", "quantity": 2, "unitPrice": 67.99},
        }, {
            "eventId": f"browser-{uuid.uuid4().hex[:12]}", "type": "interaction", "at": _now(),
            "channel": "STORE", "storeId": STORE,
            "identifiers": [{"type": "EMAIL", "value": "lia.browser@example.com"}],
            "interaction": {"kind": "STORE_VISIT"},
        })  # fmt: skip
        await expect(page.get_by_test_id("feed-item").first).to_contain_text("Cart changed")
        item = page.get_by_test_id("cart-item").filter(has_text="BLT-020")
        await expect(item.get_by_test_id("cart-quantity")).to_have_text("2")
        await expect(page.get_by_test_id("feed-status")).to_contain_text("last update")
        # the store's day: Lia came in, and the store's feed said so
        await expect(store_page.get_by_test_id("feed-item").first).to_contain_text("Checked in")
        await expect(store_page.get_by_test_id("visit")).to_have_count(3)
        await screenshot(page, "clienteling-after-cart-event")
    finally:  # Ana's cart changed: the next test that needs the demo data seeds it again
        await demo_day.execute_query("MATCH (m:Meta {name: 'demo'}) DELETE m", database_=database)
    assert tab.errors == []


async def test_the_screen_says_when_the_live_feed_is_down(
    demo_day: AsyncDriver, settings: Settings, gateway_url: str, tab: Tab
) -> None:
    page = tab.page

    async def refuse(socket: WebSocketRoute) -> None:
        await socket.close(code=1011, reason="feed unavailable")

    await page.route_web_socket(re.compile(r".*/graphql$"), refuse)
    await _home(page, gateway_url, _associate(settings))
    await _look_up(page, "PHONE", ANA_PHONE)
    status = page.get_by_test_id("feed-status")
    await expect(status).to_contain_text("Live updates are down")
    await expect(status).to_contain_text("Refresh")
    await page.get_by_test_id("refresh").click()  # the associate reads it again by hand
    await expect(page.get_by_test_id("customer-name")).to_have_text("Ana Lima")
    assert tab.errors == []


async def test_nothing_scrolls_sideways_on_a_phone_or_a_tablet(
    demo_day: AsyncDriver, settings: Settings, gateway_url: str, tab: Tab
) -> None:
    page = tab.page
    await page.set_viewport_size({"width": 360, "height": 800})
    await _home(page, gateway_url, _associate(settings))
    for width in (360, 768):
        await page.set_viewport_size({"width": width, "height": 800})
        await page.get_by_test_id("home").click()
        await expect(page.get_by_test_id("pickup").first).to_be_visible()
        await _no_sideways_scrolling(page)
        await (
            page.get_by_test_id("visit")
            .filter(has_text="Ana Lima")
            .get_by_test_id("open-customer")
            .click()
        )
        await expect(page.get_by_test_id("order").first).to_be_visible()
        await _no_sideways_scrolling(page)
        if width == 360:
            assert await _accessibility_problems(page) == []
            readme = ROOT / "docs" if os.environ.get("OMNIGRAPH_README_SCREENSHOT") else None
            await screenshot(
                page, "clienteling-phone", also=readme and readme / "clienteling-phone.png"
            )
    assert tab.errors == []


async def test_an_associate_of_porto_cannot_open_chiados_lists(
    demo_day: AsyncDriver, settings: Settings, gateway_url: str, tab: Tab
) -> None:
    page = tab.page
    porto = _associate(settings, "store-porto-1")
    await _sign_in(page, gateway_url, porto)
    await expect(page.get_by_test_id("store-title")).to_have_text("Porto Santa Catarina: today")
    await expect(page.get_by_test_id("pickups")).not_to_contain_text("Ana Lima")
    for lists in (
        "pickupsReady { order { id } }",
        "visitsToday { id }",
        "lapsedCustomers { id }",
        f'customer(id: "{ANA_ID}") {{ givenName }}',
    ):
        body = _graphql(gateway_url, porto, '{ store(id: "%s") { %s } }' % (STORE, lists), {})
        assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"], lists
        assert "Ana" not in json.dumps(body)
    assert tab.errors == []


async def test_the_sign_in_checks_the_token_before_keeping_it(
    demo_day: AsyncDriver, settings: Settings, gateway_url: str, tab: Tab
) -> None:
    page = tab.page
    refused = page.get_by_test_id("login-error")
    forged = jwt.encode(
        {"sub": "mallory", "roles": ["associate"], "store_id": STORE, "aud": "omnigraph",
         "exp": datetime.now(UTC) + timedelta(hours=1)},
        "not-the-gateways-secret-0123456789-abcdefghijklmnop", algorithm="HS256",
    )  # fmt: skip
    customer = mint_token(settings, Role.CUSTOMER, customer_id=ANA_ID)
    for token, says in [
        ("hello", "That is not a token"),
        (forged, "The gateway refused this token"),
        (customer, "for store staff"),
    ]:
        await page.goto(f"{gateway_url}/clienteling/")
        await page.get_by_test_id("token").fill(token)
        await page.get_by_test_id("sign-in").click()
        await expect(refused).to_be_visible()
        await expect(refused).to_contain_text(says)
        await expect(page.get_by_test_id("lookup")).to_be_hidden()
    await _home(page, gateway_url, _associate(settings))
    await expect(page.get_by_test_id("who")).to_contain_text("Lisbon Chiado")

    # a number nobody has: said where the associate looks, in words
    await page.get_by_test_id("lookup-value").fill("+351 910 000 001")
    await page.get_by_test_id("lookup-go").click()
    await expect(page.get_by_test_id("error")).to_contain_text("Nobody has the phone")
    assert tab.errors == []


async def test_an_agent_looks_ana_up_without_a_store_and_sees_her_contact_details_clear(
    demo_day: AsyncDriver, settings: Settings, gateway_url: str, tab: Tab
) -> None:
    page = tab.page
    await _sign_in(page, gateway_url, mint_token(settings, Role.AGENT, subject="browser-agent"))
    await expect(page.get_by_test_id("status")).to_contain_text("names no store")
    await expect(page.get_by_test_id("home")).to_be_hidden()
    await _look_up(page, "LOYALTY_ID", "LN-5521")
    await expect(page.get_by_test_id("identifier-EMAIL")).to_have_text("ana.lima@example.com")
    await expect(page.get_by_test_id("case")).to_contain_text("Chelsea boots")
    assert tab.errors == []


async def test_the_demo_token_signs_in_as_an_associate_of_chiado(
    demo_day: AsyncDriver, gateway_url: str, tab: Tab
) -> None:
    page = tab.page
    await page.goto(f"{gateway_url}/clienteling/")
    # a development gateway offers the demo associate token (gateway/web.py)
    await page.get_by_test_id("demo-sign-in").click()
    await expect(page.get_by_test_id("store-title")).to_have_text("Lisbon Chiado: today")
    await expect(page.get_by_test_id("pickup").filter(has_text="Ana Lima")).to_have_count(1)
    assert tab.errors == []

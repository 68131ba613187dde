"""A store associate of Lisbon Chiado uses the clienteling app in a real browser, on the demo
data with its day in the store (`graph/seed/story.py`): the store's day lists Ana's pickup,
which opens her screen with every panel filled; a note and an important date show at once; an
event a channel sends reaches her screen and the store's home through the live feeds; nothing
scrolls sideways on a phone or a tablet; axe-core finds no serious or critical accessibility
problem. Who may open what (Porto's associate, the sign-in, an agent, the demo token):
test_clienteling_access.py.
"""

from __future__ import annotations

import os
import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from neo4j import AsyncDriver
from playwright.async_api import Locator, Page, WebSocketRoute, expect

from gateway.settings import Settings
from tests.browser.clienteling_app import (
    ANA_PHONE,
    RAW_ENUMS,
    STORE,
    accessibility_problems,
    associate_token,
    look_up,
    no_sideways_scrolling,
    note_operation,
    now_iso,
    open_home,
    send_events,
)
from tests.browser.conftest import ROOT, Tab, screenshot
from tests.utils.people import ANA_ID

pytestmark = pytest.mark.usefixtures("warm_clienteling")


async def test_the_stores_day_lists_anas_pickup_which_opens_her_whole_screen(
    demo_day: AsyncDriver, settings: Settings, gateway_url: str, tab: Tab
) -> None:
    page = tab.page
    asked: list[str] = []  # the operations the app sent, in order: one per screen
    page.on("request", lambda request: note_operation(request, asked))
    await open_home(page, gateway_url, associate_token(settings))
    pickups = page.get_by_test_id("pickup")
    await expect(pickups).to_have_count(2)  # Marta's tote bag and Ana's jumper
    await expect(pickups.filter(has_text="Ana Lima")).to_contain_text("Merino jumper")
    visits = page.get_by_test_id("visit")
    await expect(visits.filter(has_text="Ana Lima")).to_have_count(1)
    await expect(visits.filter(has_text="Rui Lima")).to_have_count(1)
    assert await page.get_by_test_id("lapsed").count() >= 3
    await expect(page.get_by_test_id("feed-status")).to_contain_text("Live")
    assert await accessibility_problems(page) == []
    readme = ROOT / "docs" if os.environ.get("OMNIGRAPH_README_SCREENSHOT") else None
    await screenshot(
        page, "clienteling-store-home", also=readme and readme / "clienteling-home.png"
    )
    assert asked == ["ClientelingSignIn", "ClientelingHome"]

    await pickups.filter(has_text="Ana Lima").get_by_test_id("open-customer").click()
    await expect(page.get_by_test_id("customer-name")).to_have_text("Ana Lima")
    await _every_panel_shows_anas_demo_data(page)
    assert asked[2:] == ["ClientelingStoreCustomer"], "her whole screen is one request"
    assert await accessibility_problems(page) == []
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
    await open_home(page, gateway_url, associate_token(settings))
    await look_up(page, "PHONE", ANA_PHONE)
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
    await look_up(page, "LOYALTY_ID", "LN-5521")
    await expect(page.get_by_test_id("note").filter(has_text=text)).to_have_count(1)
    await expect(page.get_by_test_id("important-date").filter(has_text=kind)).to_have_count(1)
    assert tab.errors == []


async def test_events_reach_anas_screen_and_the_stores_day_through_the_live_feeds(
    demo_day: AsyncDriver, settings: Settings, database: str, gateway_url: str, tab: Tab
) -> None:
    page = tab.page
    token = associate_token(settings)
    await open_home(page, gateway_url, token)
    store_page = await page.context.new_page()  # a second tablet, on the store's day
    await open_home(store_page, gateway_url, token)
    await expect(store_page.get_by_test_id("feed-status")).to_contain_text("Live")
    await look_up(page, "PHONE", ANA_PHONE)
    await expect(page.get_by_test_id("feed-status")).to_contain_text("Live")
    await expect(page.get_by_test_id("cart-item").filter(has_text="BLT-020")).to_have_count(0)
    try:
        send_events(gateway_url, settings, {
            "eventId": f"browser-{uuid.uuid4().hex[:12]}", "type": "cart", "at": now_iso(),
            "channel": "MOBILE_APP", "identifiers": [{"type": "PHONE", "value": ANA_PHONE}],
            "cart": {"action": "ADD", "sku": "BLT-020", "quantity": 2, "unitPrice": 67.99},
        }, {
            "eventId": f"browser-{uuid.uuid4().hex[:12]}", "type": "interaction", "at": now_iso(),
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
    await open_home(page, gateway_url, associate_token(settings))
    await look_up(page, "PHONE", ANA_PHONE)
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
    await open_home(page, gateway_url, associate_token(settings))
    for width in (360, 768):
        await page.set_viewport_size({"width": width, "height": 800})
        await page.get_by_test_id("home").click()
        await expect(page.get_by_test_id("pickup").first).to_be_visible()
        await no_sideways_scrolling(page)
        await (
            page.get_by_test_id("visit")
            .filter(has_text="Ana Lima")
            .get_by_test_id("open-customer")
            .click()
        )
        await expect(page.get_by_test_id("order").first).to_be_visible()
        await no_sideways_scrolling(page)
        if width == 360:
            assert await accessibility_problems(page) == []
            readme = ROOT / "docs" if os.environ.get("OMNIGRAPH_README_SCREENSHOT") else None
            await screenshot(
                page, "clienteling-phone", also=readme and readme / "clienteling-phone.png"
            )
    assert tab.errors == []

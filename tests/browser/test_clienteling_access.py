"""Who may open what in the clienteling app, in a real browser: an associate of Porto cannot
open Chiado's lists, the sign-in checks the token before keeping it, an agent looks Ana up with
no store and sees her contact details clear, and the development demo token signs in as an
associate of Chiado.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from neo4j import AsyncDriver
from playwright.async_api import expect

from gateway.settings import Settings
from gateway.tokens import mint_token
from resolvers.principal import Role
from tests.browser.clienteling_app import (
    STORE,
    associate_token,
    look_up,
    open_home,
    post_graphql,
    sign_in,
)
from tests.browser.conftest import Tab
from tests.utils.people import ANA_ID

pytestmark = pytest.mark.usefixtures("warm_clienteling")


async def test_an_associate_of_porto_cannot_open_chiados_lists(
    demo_day: AsyncDriver, settings: Settings, gateway_url: str, tab: Tab
) -> None:
    page = tab.page
    porto = associate_token(settings, "store-porto-1")
    await sign_in(page, gateway_url, porto)
    await expect(page.get_by_test_id("store-title")).to_have_text("Porto Santa Catarina: today")
    await expect(page.get_by_test_id("pickups")).not_to_contain_text("Ana Lima")
    for lists in (
        "pickupsReady { order { id } }",
        "visitsToday { id }",
        "lapsedCustomers { id }",
        f'customer(id: "{ANA_ID}") {{ givenName }}',
    ):
        body = post_graphql(gateway_url, porto, '{ store(id: "%s") { %s } }' % (STORE, lists), {})
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
    await open_home(page, gateway_url, associate_token(settings))
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
    await sign_in(page, gateway_url, mint_token(settings, Role.AGENT, subject="browser-agent"))
    await expect(page.get_by_test_id("status")).to_contain_text("names no store")
    await expect(page.get_by_test_id("home")).to_be_hidden()
    await look_up(page, "LOYALTY_ID", "LN-5521")
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

"""The rules behind journey insight, without a database: RFM scores and segments, an order's
journey in words, and a recommendation's reason."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from graph.temporal import UtcDateTime
from resolvers.orders import order_journey
from resolvers.recommendations import reason
from resolvers.rfm import of_stats, rfm_scores, segment


@pytest.mark.parametrize(
    ("days", "recency"),
    [(0, 5), (30, 5), (31, 4), (90, 4), (91, 3), (180, 3), (181, 2), (365, 2), (366, 1)],
)
def test_recency_bands(days: int, recency: int) -> None:
    assert rfm_scores(days, 1, 10.0) == (recency, 1, 1)


@pytest.mark.parametrize(
    ("orders", "frequency"), [(1, 1), (2, 2), (3, 3), (4, 3), (5, 4), (7, 4), (8, 5)]
)
def test_frequency_bands(orders: int, frequency: int) -> None:
    assert rfm_scores(10, orders, 10.0) == (5, frequency, 1)


@pytest.mark.parametrize(
    ("value", "monetary"), [(99.99, 1), (100.0, 2), (250.0, 3), (500.0, 4), (1000.0, 5)]
)
def test_monetary_bands(value: float, monetary: int) -> None:
    assert rfm_scores(10, 1, value) == (5, 1, monetary)


@pytest.mark.parametrize(
    ("scores", "name"),
    [
        ((5, 5, 5), "CHAMPIONS"), ((4, 4, 1), "CHAMPIONS"), ((3, 3, 2), "LOYAL"),
        ((5, 3, 2), "LOYAL"), ((5, 1, 1), "NEW"), ((4, 2, 2), "POTENTIAL_LOYALIST"),
        ((3, 2, 5), "NEEDS_ATTENTION"), ((2, 5, 5), "CANT_LOSE"), ((1, 3, 4), "AT_RISK"),
        ((2, 2, 2), "ABOUT_TO_SLEEP"), ((1, 1, 5), "HIBERNATING"), (None, "PROSPECT"),
    ],
)  # fmt: skip
def test_segments(scores: tuple[int, int, int] | None, name: str) -> None:
    assert segment(scores) == name


def test_rfm_from_stats_counts_days_until_now() -> None:
    now = datetime(2026, 11, 23, tzinfo=UTC)
    stats = {
        "lastOrderAt": datetime(2026, 11, 1, tzinfo=UTC),
        "orderCount": 2,
        "lifetimeValue": 300.0,
    }
    assert of_stats(stats, now) == {"recency": 5, "frequency": 2, "monetary": 3,
                                    "segment": "POTENTIAL_LOYALIST"}  # fmt: skip
    never = {"lastOrderAt": None, "orderCount": 0, "lifetimeValue": 0.0}
    assert of_stats(never, now)["segment"] == "PROSPECT"


def test_an_orders_journey_groups_steps_taken_in_one_place() -> None:
    steps = [
        {"status": "PLACED", "channel": "MOBILE_APP"},
        {"status": "PAID", "channel": "MOBILE_APP"},
        {"status": "SHIPPED", "channel": "MOBILE_APP"},
        {"status": "RETURNED", "channel": "STORE", "storeId": "store-porto-1"},
    ]
    assert order_journey(steps, None) == "placed, paid and shipped on MOBILE_APP, returned in STORE"
    ready = [{"status": "READY_FOR_PICKUP", "channel": "STORE", "storeId": None}]
    assert order_journey(ready, "store-faro-1") == "ready in store-faro-1"


def test_reasons_read_as_sentences() -> None:
    at = UtcDateTime(2026, 3, 1, 19, 2, tzinfo=UTC)  # as the driver reads a stored DATETIME
    assert reason({"source": "CART", "why": {}}) == "in your cart"
    assert reason({"source": "VIEWED", "why": {"channel": "WEB", "at": at, "count": 3}}) == (
        "viewed 3 times, last on the web on 1 Mar"
    )
    assert reason({"source": "VIEWED", "why": {"channel": "STORE", "at": at, "count": 1}}) == (
        "viewed in store on 1 Mar"
    )
    assert reason({"source": "SIMILAR_CUSTOMERS", "why": {"name": "Wool scarf", "count": 2}}) == (
        "customers who bought Wool scarf also bought it"
    )

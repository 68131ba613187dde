"""RFM: how recently, how often and how much a customer buys, each scored 1-5, and the segment
the scores put them in. Fixed thresholds, not quantiles of the population: a score means the
same thing for every customer and every request, and costs no query of its own.

>>> scores = rfm_scores(days_since_last_order=12, orders=5, lifetime_value=640.0)
>>> scores, segment(scores)
((5, 4, 4), 'CHAMPIONS')
>>> segment(rfm_scores(days_since_last_order=400, orders=1, lifetime_value=35.5))
'HIBERNATING'
>>> rfm_scores(days_since_last_order=None, orders=0, lifetime_value=0.0), segment(None)
(None, 'PROSPECT')
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, TypedDict

# Recency: days since the last order, at most (5 within 30 days ... 1 beyond a year).
RECENCY_DAYS = (30, 90, 180, 365)
# Frequency: orders, at least (1 order: 1, 2: 2, 3-4: 3, 5-7: 4, 8 or more: 5).
FREQUENCY_ORDERS = (2, 3, 5, 8)
# Monetary: lifetime value, at least (under 100: 1, 100: 2, 250: 3, 500: 4, 1,000 or more: 5).
MONETARY_VALUE = (100.0, 250.0, 500.0, 1000.0)

Scores = tuple[int, int, int]


class Rfm(TypedDict):
    """A customer's three scores (None when the customer never ordered) and their segment."""

    recency: int | None
    frequency: int | None
    monetary: int | None
    segment: str


def rfm_scores(
    days_since_last_order: int | None, orders: int, lifetime_value: float
) -> Scores | None:
    """(recency, frequency, monetary), or None for a customer who never ordered."""
    if days_since_last_order is None or orders == 0:
        return None
    recency = 5 - sum(days_since_last_order > limit for limit in RECENCY_DAYS)
    frequency = 1 + sum(orders >= least for least in FREQUENCY_ORDERS)
    monetary = 1 + sum(lifetime_value >= least for least in MONETARY_VALUE)
    return recency, frequency, monetary


def segment(scores: Scores | None) -> str:
    """The segment (`schema.enums.RfmSegment` says what each means); the first rule that holds."""
    if scores is None:
        return "PROSPECT"
    recency, frequency, monetary = scores
    if recency >= 4 and frequency >= 4:
        return "CHAMPIONS"
    if recency >= 3 and frequency >= 3:
        return "LOYAL"
    if recency >= 4:
        return "NEW" if frequency == 1 else "POTENTIAL_LOYALIST"
    if recency == 3:
        return "NEEDS_ATTENTION"
    if frequency >= 3:
        return "CANT_LOSE" if monetary == 5 else "AT_RISK"
    return "ABOUT_TO_SLEEP" if recency == 2 else "HIBERNATING"


def of_stats(stats: Mapping[str, Any], now: datetime | None = None) -> Rfm:
    """`recency`, `frequency`, `monetary` (None when the customer never ordered) and `segment`
    from a customer's `lastOrderAt`, `orderCount` and `lifetimeValue`, as of `now`."""
    last = stats.get("lastOrderAt")
    days = None
    if last is not None:
        moment = last.to_native() if hasattr(last, "to_native") else last
        days = max(0, ((now or datetime.now(UTC)) - moment).days)
    scores = rfm_scores(days, int(stats["orderCount"]), float(stats["lifetimeValue"]))
    recency, frequency, monetary = scores or (None, None, None)
    return Rfm(recency=recency, frequency=frequency, monetary=monetary, segment=segment(scores))

"""The rows the generator hands the writer: per batch of customers, one list per node kind.

Times are drawn as whole seconds relative to `EPOCH` (so negative: activity lies up to two years
before it) and become Unix seconds, via `unix`, only when they go into a row; the Cypher turns
them into DATETIMEs. Nothing reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

Row = dict[str, Any]

EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
HOUR = 3600
DAY = 24 * HOUR

# The order the writer runs them in: a kind's statement MATCHes nodes of the kinds before it.
KINDS = (
    "customers",
    "identifiers",
    "devices",
    "accounts",
    "orders",
    "interactions",
    "carts",
    "cases",
    "consents",
    "loyalty",
)

_EPOCH_UNIX = int(EPOCH.timestamp())


def unix(seconds: int) -> int:
    """The Unix time `seconds` after the epoch (negative: before it)."""
    return _EPOCH_UNIX + seconds


@dataclass
class Batch:
    """Customers written whole in one transaction: their ids and their rows per kind."""

    customer_ids: list[str] = field(default_factory=list)
    rows: dict[str, list[Row]] = field(default_factory=lambda: {kind: [] for kind in KINDS})

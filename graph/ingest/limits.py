"""The ranges an accepted event's values stay within, so that every layer can hold them.

A value Neo4j cannot store (an integer of 2^63 or more, a time past year 9999 once in UTC) or
GraphQL cannot answer (an `Int` past 2^31-1) would otherwise be accepted and then break the batch
it came in, or every later read of the customer. `validate` rejects such a value with its field
and reason; `plan` keeps balances and cart lines inside the same ranges as events add up.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

INT_MAX = 2**31 - 1  # GraphQL `Int`: every integer the API answers with stays within +-INT_MAX
MAX_POINTS = 10_000_000  # one loyalty move, an order's points earned or redeemed
MAX_BALANCE = 500_000_000  # a loyalty balance, either way (four merged still fit an `Int`)
MAX_QUANTITY = 10_000  # an order line, a cart change, a cart line
MAX_AMOUNT = 1_000_000_000_000.0  # an order's total, a unit price (floats: sums stay finite)
MAX_DURATION = 31 * 24 * 3600  # an interaction's `durationSeconds`
MAX_IDENTIFIERS = 100  # per event: more than any one person holds of a type, far fewer than 100k
MAX_TRAIT_KEYS = 50  # `sizes` and `preferences`, each
MAX_TRAIT_VALUE = 200  # characters of a `sizes` or `preferences` value

EARLIEST_AT = datetime(1970, 1, 1, tzinfo=UTC)
FUTURE_SKEW = timedelta(days=1)  # a sender's clock may run ahead; a year 9999 is not a clock
EARLIEST_BIRTH = date(1900, 1, 1)


def latest_at() -> datetime:
    """The latest `at` accepted now: an event cannot have happened much later than it arrives."""
    return datetime.now(UTC) + FUTURE_SKEW

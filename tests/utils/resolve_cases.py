"""Who owns what, for the identity-resolution decisions (tests/unit/test_resolve.py,
test_resolve_merges.py): Ana's and Rui's identifiers, and owners first seen on a given day.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from graph.ingest.events import IdentifierRef
from graph.ingest.resolve import Holdings, Owner

DAY_ONE = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

ANA_EMAIL = IdentifierRef("EMAIL", "ana.lima@example.com")
ANA_PHONE = IdentifierRef("PHONE", "+351912345678")
ANA_CARD = IdentifierRef("LOYALTY_ID", "LN-5521")
RUI_EMAIL = IdentifierRef("EMAIL", "rui.lima@example.com")
RUI_CARD = IdentifierRef("LOYALTY_ID", "LN-7788")
COOKIE = IdentifierRef("COOKIE_ID", "ck-7f3a")
OTHER_COOKIE = IdentifierRef("COOKIE_ID", "ck-9b21")
TABLET = IdentifierRef("DEVICE_ID", "dev-family-tablet")


def owner(customer: str, identifier: IdentifierRef, *, day: int, anonymous: bool = False) -> Owner:
    """`customer`, first seen on `day` (1-based), owns `identifier`."""
    return Owner(customer, identifier, anonymous, DAY_ONE + timedelta(days=day - 1))


def holding(*identifiers: IdentifierRef) -> Holdings:
    return Holdings({ref.key for ref in identifiers})


def emails(name: str, count: int) -> list[IdentifierRef]:
    return [IdentifierRef("EMAIL", f"{name}.{n}@example.com") for n in range(count)]

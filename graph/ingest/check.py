"""The checks every field of an event goes through, envelope and payloads alike: each returns
the value normalised, or raises `Rejected` naming the field (`where` is the path of the object
that holds it, e.g. `order.lines[0]`).

>>> string({"city": "  Porto "}, "city", where="traits.address")
'Porto'
>>> integer({"rating": 5}, "rating", where="interaction", low=1, high=5)
5
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from graph.ingest import limits
from graph.ingest.events import Rejected

MAX_TEXT = 4000
MAX_ID = 128
MAX_SHORT = 500

CURRENCY = re.compile(r"^[A-Z]{3}$")
# NUL and the other control characters but tab and line breaks: no system downstream wants them
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def path(where: str | None, name: str) -> str:
    return f"{where}.{name}" if where else name


def given(raw: dict[str, Any], name: str, required: bool, where: str | None) -> Any:
    """The field's value; None when absent, which a required field may not be."""
    value = raw.get(name)
    if value is None and required:
        raise Rejected("MISSING_FIELD", path(where, name), f"`{name}` is required")
    return value


def only(raw: dict[str, Any], where: str, allowed: set[str]) -> None:
    if raw.keys() <= allowed:  # the usual case, without building a set
        return
    for name in sorted(set(raw) - allowed):
        raise Rejected("INVALID_FIELD", f"{where}.{name}", f"`{name}` is not a field of `{where}`")


def string(
    raw: dict[str, Any], name: str, *, required: bool = False, limit: int = MAX_TEXT,
    where: str | None = None,
) -> str | None:  # fmt: skip
    value = raw.get(name)  # `given`, inlined: this runs for every string of every event
    if value is None:
        if required:
            raise Rejected("MISSING_FIELD", path(where, name), f"`{name}` is required")
        return None
    if not isinstance(value, str):
        raise Rejected("INVALID_FIELD", path(where, name), f"`{name}` must be a string")
    value = value.strip()
    if required and not value:
        raise Rejected("MISSING_FIELD", path(where, name), f"`{name}` must not be empty")
    if len(value) > limit:
        raise Rejected("INVALID_FIELD", path(where, name), f"longer than {limit} characters")
    if CONTROL.search(value):
        raise Rejected("INVALID_FIELD", path(where, name), "contains control characters")
    return value or None


def enum(
    raw: dict[str, Any], name: str, values: tuple[str, ...], *, required: bool = False,
    where: str | None = None,
) -> str | None:  # fmt: skip
    value = raw.get(name)
    if value is None:
        if required:
            raise Rejected("MISSING_FIELD", path(where, name), f"`{name}` is required")
        return None
    if value not in values:
        raise Rejected(
            "INVALID_FIELD", path(where, name), f"{value!r} is not one of {', '.join(values)}"
        )
    return str(value)


def integer(
    raw: dict[str, Any], name: str, *, where: str, low: int = -limits.INT_MAX,
    high: int = limits.INT_MAX, required: bool = False,
) -> int | None:  # fmt: skip
    value = given(raw, name, required, where)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise Rejected("INVALID_FIELD", path(where, name), f"`{name}` must be a whole number")
    if not low <= value <= high:
        raise Rejected("INVALID_FIELD", path(where, name), f"`{name}` must be in {low}..{high}")
    return value


def number(raw: dict[str, Any], name: str, *, where: str, required: bool = False) -> float | None:
    value = given(raw, name, required, where)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Rejected("INVALID_FIELD", path(where, name), f"`{name}` must be a number")
    if value != value or not 0 <= value <= limits.MAX_AMOUNT:
        raise Rejected("INVALID_FIELD", path(where, name),
                       f"`{name}` must be >= 0 and at most {limits.MAX_AMOUNT:.0e}")  # fmt: skip
    return float(value)


def timestamp(raw: dict[str, Any], name: str) -> datetime:
    value = raw.get(name)
    if value is None:
        raise Rejected("MISSING_FIELD", name, f"`{name}` is required")
    if not isinstance(value, str):
        raise Rejected("INVALID_FIELD", name, "an RFC 3339 timestamp, e.g. 2026-03-01T19:02:11Z")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise Rejected("INVALID_FIELD", name, f"{value!r} is not an RFC 3339 timestamp") from error
    if parsed.tzinfo is None or "T" not in value.upper():
        raise Rejected("INVALID_FIELD", name, "the timestamp needs a date, a time and an offset")
    try:
        instant = parsed.astimezone(UTC)
    except OverflowError as error:  # 9999-12-31T23:59:59-05:00 is in year 10000 in UTC
        raise Rejected("INVALID_FIELD", name, f"{value!r} is out of range") from error
    if not limits.EARLIEST_AT <= instant <= limits.latest_at():
        raise Rejected("INVALID_FIELD", name, f"{value!r} is before 1970 or more than a day "
                       "ahead of now: when it happened, with the sender's clock set right")  # fmt: skip
    return parsed

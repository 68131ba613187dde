"""Turning Neo4j values into what the schema's scalars expect."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

E = TypeVar("E", bound=Enum)


def to_datetime(value: Any) -> datetime | None:
    if value is None:
        return None
    native: datetime = value.to_native() if hasattr(value, "to_native") else value
    return native


def to_date(value: Any) -> date | None:
    if value is None:
        return None
    native: date = value.to_native() if hasattr(value, "to_native") else value
    return native


def to_enum(kind: type[E], value: Any) -> E | None:
    return None if value is None else kind(value)

"""What a compiled field is (`Spec`), and the getters most fields are made of."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from graph.driver import Row
from resolvers.principal import Principal

# `get(raw, principal)`: the field's value; for an object or a list of objects, the raw
# record(s) its child selection is built from (None for null).
Getter = Callable[[Row, Principal], Any]


@dataclass(frozen=True)
class Spec:
    get: Getter
    door: str | None = None  # `resolvers.access.DOORS` entry a role needs
    args: str | None = None  # how its arguments bind: a `resolvers/compiled/arguments.py` name
    # a customer shown to the viewer: masked as `access.customer_view` masks it, and audited
    shows_customer: bool = False
    key: str | None = None  # set when the value is the raw record's `key` as it is
    time: bool = False  # ... or, with `time`, that key's datetime


def prop(key: str) -> Spec:
    return Spec(lambda r, _: r.get(key), key=key)


def datetime_prop(key: str) -> Spec:
    def get(r: Row, _: Principal) -> datetime | None:
        value: Any = r.get(key)
        return value.to_native() if hasattr(value, "to_native") else value  # type: ignore[no-any-return]

    return Spec(get, key=key, time=True)


def same(r: Row, _: Principal) -> Row:
    return r

"""Neo4j DATETIME values read as Python datetimes, without the driver's pure-Python DateTime.

The official driver turns every DATETIME it receives into `neo4j.time.DateTime`, a pure-Python
class with nanosecond precision. Building those was the largest single cost of a read in the
benchmark's profile (py-spy on a page of 50 customers x 5 orders: ~21% of the gateway's CPU in
`hydrate_datetime`). Every time omnigraph stores is UTC with at most microsecond precision (event
times are parsed by Python), so `install()` registers a hydrator that builds a `UtcDateTime`, a
`datetime` subclass, for those values and hands anything else (another zone, nanoseconds) to the
driver's own hydrator unchanged: no value loses precision.

`UtcDateTime` keeps the two methods of `neo4j.time.DateTime` that callers use, `to_native()` and
`iso_format()`, so code written against either type works.

    >>> hydrate = _fast_hydrator(lambda *a: ("driver", a))
    >>> hydrate(1773144000, 0, 0)
    UtcDateTime(2026, 3, 10, 12, 0, tzinfo=datetime.timezone.utc)
    >>> hydrate(1773144000, 1, 0)  # nanoseconds: the driver's own type
    ('driver', (1773144000, 1, 0))
    >>> hydrate(1773144000, 0, "Europe/Lisbon")
    ('driver', (1773144000, 0, 'Europe/Lisbon'))
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from neo4j.time import DateTime as DriverDateTime

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_installed = False


class UtcDateTime(datetime):
    """A UTC datetime read from Neo4j; also answers `neo4j.time.DateTime`'s `to_native()`."""

    __slots__ = ()

    def to_native(self) -> datetime:
        return self

    def iso_format(self) -> str:
        return self.isoformat()


# What a stored DATETIME reads as: a `UtcDateTime` almost always, the driver's own type for
# another zone or nanoseconds; `to_native()` gives a Python datetime either way.
GraphDateTime = UtcDateTime | DriverDateTime


def _fast_hydrator(driver_hydrator: Callable[..., Any]) -> Callable[..., Any]:
    def hydrate(seconds: int, nanoseconds: int, tz: Any = None) -> Any:
        if (tz == 0 or tz == "UTC") and nanoseconds % 1000 == 0:
            moment = _EPOCH + timedelta(seconds=seconds, microseconds=nanoseconds // 1000)
            return UtcDateTime(
                moment.year, moment.month, moment.day, moment.hour, moment.minute,
                moment.second, moment.microsecond, tzinfo=UTC,
            )  # fmt: skip
        return driver_hydrator(seconds, nanoseconds, tz)

    return hydrate


def install() -> None:
    """Register the hydrator for Bolt 5's UTC DATETIME structures (once per process)."""
    global _installed
    if _installed:
        return
    from neo4j._codec.hydration.bolt.v2 import hydration_handler

    original = hydration_handler.HydrationHandler.__init__

    def __init__(self: Any) -> None:
        original(self)
        functions = self.struct_hydration_functions
        for tag in (b"I", b"i"):  # with a zone offset, with a zone name
            functions[tag] = _fast_hydrator(functions[tag])
        # and back: a UtcDateTime passed as a parameter is sent as any datetime is
        hooks = self.dehydration_hooks
        hooks.update(exact_types={UtcDateTime: hooks.exact_types[datetime]})

    hydration_handler.HydrationHandler.__init__ = __init__  # type: ignore[method-assign]
    _installed = True

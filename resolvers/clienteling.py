"""Request-time work for store staff: a store's customer lists, notes and important dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TypeVar

from graph import notes as note_writes
from graph.cypher.customers import CustomerRow
from resolvers.access import require_store
from resolvers.context import Info, require
from resolvers.errors import BadUserInput, NotFound
from resolvers.loaders.customers import (
    ImportantDateRow,
    ImportantDatesByCustomerLoader,
    NoteRow,
    NotesByCustomerLoader,
)
from resolvers.loaders.pages import OrderRow
from resolvers.loaders.stores import (
    LapsedCustomersByStoreLoader,
    PickupsReadyByStoreLoader,
    StoreCustomerLoader,
    VisitsByStoreLoader,
    lapsed_cutoff,
)
from resolvers.pagination import page_size
from resolvers.privacy import actor

MAX_NOTE_LENGTH = 4000  # as long as an interaction's text
MAX_KIND_LENGTH = 64
LAPSED_AFTER_DAYS = 180
BIRTHDAY = "BIRTHDAY"

W = TypeVar("W", NoteRow, ImportantDateRow)  # what a clienteling write recorded


async def pickups_ready(info: Info, store_id: str) -> list[OrderRow]:
    require_store(info.context.principal, "storeCustomers", store_id, info.field_name)
    return await PickupsReadyByStoreLoader(info).load(store_id)


async def store_customer(info: Info, store_id: str, customer_id: str) -> CustomerRow | None:
    """One of the store's customers (see `Store.customer`); None for anyone else."""
    require_store(info.context.principal, "storeCustomers", store_id, info.field_name)
    return await StoreCustomerLoader(info).load((store_id, customer_id))


def visit_day(at: datetime | None) -> tuple[datetime, datetime]:
    """The day of `at` (in its own offset; today in UTC when absent) as [start, end) (both read
    paths use it)."""
    moment = at or datetime.now(UTC)
    if moment.tzinfo is None:
        raise BadUserInput("`at` needs a time zone offset, e.g. Z", field="at")
    start = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + timedelta(days=1)


def lapsed_arguments(first: int | None, days: int) -> tuple[int, datetime]:
    """`lapsedCustomers(first, days)` checked: how many, and the last order date before which a
    customer has lapsed (both read paths use it)."""
    limit = page_size(20 if first is None else first)
    if days < 1:
        raise BadUserInput("`days` must be at least 1", field="days")
    return limit, lapsed_cutoff(days)


async def visits(info: Info, store_id: str, at: datetime | None) -> list[CustomerRow]:
    """Customers with a STORE_VISIT at the store on the day of `at` (in its own offset; now,
    in UTC, when absent), latest visit first."""
    require_store(info.context.principal, "storeCustomers", store_id, info.field_name)
    start, end = visit_day(at)
    return await VisitsByStoreLoader(info, start=start, end=end).load(store_id)


async def lapsed_customers(
    info: Info, store_id: str, first: int | None, days: int
) -> list[CustomerRow]:
    require_store(info.context.principal, "storeCustomers", store_id, info.field_name)
    limit, _ = lapsed_arguments(first, days)
    return await LapsedCustomersByStoreLoader(info, days=days, limit=limit).load(store_id)


async def notes(info: Info, customer_id: str) -> list[NoteRow]:
    """Notes staff wrote about the customer, newest first."""
    require(info, "notes")
    return await NotesByCustomerLoader(info).load(customer_id)


async def add_note(info: Info, customer_id: str, text: str) -> NoteRow:
    principal = require(info, "addNote")
    text = text.strip()
    if not text:
        raise BadUserInput("`text` is empty", field="text")
    if len(text) > MAX_NOTE_LENGTH:
        raise BadUserInput(f"`text` is limited to {MAX_NOTE_LENGTH} characters", field="text")
    reader = info.context.reader
    note = await note_writes.add_note(
        reader.driver, reader.database, customer_id, text, actor(principal)
    )
    return _written(note, customer_id)


async def add_important_date(
    info: Info, customer_id: str, kind: str, day: date
) -> ImportantDateRow:
    principal = require(info, "addImportantDate")
    kind = kind.strip().upper().replace(" ", "_")
    if not kind or len(kind) > MAX_KIND_LENGTH:
        raise BadUserInput(f"`kind` must be 1 to {MAX_KIND_LENGTH} characters", field="kind")
    reader = info.context.reader
    found = await note_writes.add_important_date(
        reader.driver, reader.database, customer_id, kind, day, actor(principal)
    )
    return _written(found, customer_id)


def _written(record: W | None, customer_id: str) -> W:
    """What a clienteling write recorded; NOT_FOUND when the id names no customer."""
    if record is None:
        raise NotFound(f"No customer {customer_id!r}", field="customerId")
    return record


async def important_dates(
    info: Info, customer_id: str, birth_date: date | None
) -> list[ImportantDateRow]:
    """The birthday (from the birth date, when the role may see it), then the dates staff
    recorded, in date order."""
    require(info, "importantDates")
    recorded = await ImportantDatesByCustomerLoader(info).load(customer_id)
    birthday: list[ImportantDateRow] = (
        [{"kind": BIRTHDAY, "date": birth_date}] if birth_date is not None else []
    )
    return birthday + recorded


def next_occurrence(day: date, today: date) -> date:
    """The next time `day` comes round, `today` or later (both read paths use it).

    >>> next_occurrence(date(1990, 3, 12), date(2026, 11, 23))
    datetime.date(2027, 3, 12)
    >>> next_occurrence(date(2000, 2, 29), date(2026, 1, 5))
    datetime.date(2026, 2, 28)
    """
    for year in (today.year, today.year + 1):
        try:
            candidate = day.replace(year=year)
        except ValueError:  # 29 February in a common year
            candidate = date(year, 2, 28)
        if candidate >= today:
            return candidate
    raise AssertionError("unreachable: next year's date is after today")

"""What staff write about a customer: notes and the dates worth remembering."""

from __future__ import annotations

from datetime import date
from typing import Any

from graph.driver import Row
from resolvers.clienteling import BIRTHDAY, next_occurrence
from resolvers.compiled.fields.spec import Spec, datetime_prop, prop
from resolvers.principal import Principal


def _date(value: Any) -> date:
    found: date = value.to_native() if hasattr(value, "to_native") else value
    return found


def _note_store(r: Row, _: Principal) -> Row | None:
    # a store id a token named but the catalogue does not have yet: still named
    if r["store"] is None and r.get("storeId") is not None:
        return {"id": r["storeId"]}
    found: Row | None = r["store"]
    return found


def _important_dates(r: Row, _: Principal) -> list[Row]:
    """The birthday (when the role sees the birth date), then the dates staff recorded."""
    born = r.get("birthDate")
    birthday = [{"kind": BIRTHDAY, "date": _date(born)}] if born is not None else []
    dates: list[Row] = r["importantDates"]
    return birthday + dates


FIELDS: dict[tuple[str, str], Spec] = {
    ("Customer", "notes"): Spec(lambda r, _: r["notes"], door="notes"),
    ("Note", "id"): prop("id"),
    ("Note", "text"): Spec(lambda r, _: r.get("text") or ""),
    ("Note", "at"): datetime_prop("at"),
    ("Note", "author"): Spec(lambda r, _: r.get("author") or ""),
    ("Note", "authorRole"): prop("role"),
    ("Note", "store"): Spec(_note_store),
    ("Customer", "importantDates"): Spec(_important_dates, door="importantDates"),
    ("ImportantDate", "kind"): prop("kind"),
    ("ImportantDate", "date"): datetime_prop("date"),
    ("ImportantDate", "nextOccurrence"): Spec(
        lambda r, _: next_occurrence(_date(r["date"]), date.today())
    ),
}

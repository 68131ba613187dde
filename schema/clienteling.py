"""What store staff record about a customer: notes and important dates."""

from __future__ import annotations

import datetime as dt

import strawberry

from resolvers.clienteling import next_occurrence
from resolvers.context import Info
from resolvers.loaders.customers import ImportantDateRow, NoteRow
from schema.catalog import Store, store_by_id
from schema.convert import to_date, to_datetime


@strawberry.type(description="A note a member of staff wrote about the customer.")
class Note:
    id: strawberry.ID
    text: str
    at: dt.datetime | None
    author: str = strawberry.field(description="Who wrote it: the token's subject.")
    author_role: str | None
    store_id: strawberry.Private[str | None]

    @strawberry.field(description="The store of the associate who wrote it (none for agents).")
    async def store(self, info: Info) -> Store | None:
        if self.store_id is None:
            return None
        found = await store_by_id(info, self.store_id)
        # a store id a token named but the catalogue does not have yet: still name it
        return found or Store(id=strawberry.ID(self.store_id), name=None, city=None, country=None)

    @classmethod
    def from_record(cls, r: NoteRow) -> Note:
        return cls(
            id=strawberry.ID(r["id"]),
            text=r.get("text") or "",
            at=to_datetime(r.get("at")),
            author=r.get("author") or "",
            author_role=r.get("role"),
            store_id=r.get("storeId"),
        )


@strawberry.type(description="A date worth remembering: the birthday, or one staff recorded.")
class ImportantDate:
    kind: str = strawberry.field(description="BIRTHDAY, or what staff called it (ANNIVERSARY...).")
    date: dt.date

    @strawberry.field(description="The next time it comes round, today or later.")
    def next_occurrence(self) -> dt.date:
        return next_occurrence(self.date, dt.date.today())

    @classmethod
    def from_record(cls, r: ImportantDateRow) -> ImportantDate:
        day = to_date(r["date"])
        assert day is not None
        return cls(kind=r["kind"], date=day)

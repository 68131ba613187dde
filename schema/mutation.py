"""The root `Mutation`: events in, merges undone."""

from __future__ import annotations

from datetime import date

import strawberry

from resolvers import clienteling, privacy
from resolvers import ingest as resolve
from resolvers.context import Info, require
from resolvers.loaders.customers import CustomerByIdLoader
from schema.clienteling import ImportantDate, Note
from schema.customer import Customer
from schema.ingest import IngestResult, ingest_events
from schema.inputs import EventInput, as_event_json
from schema.privacy import ErasureResult


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Apply up to 1,000 events (EVENTS.md); one result per event, in order. "
        "A rejected event names its field and reason and never stops the others."
    )
    async def ingest_events(self, info: Info, events: list[EventInput]) -> list[IngestResult]:
        # served by `schema.ingest.take_ingest_input_directly`, which skips this conversion
        return await ingest_events(info, [as_event_json(event) for event in events])

    @strawberry.mutation(
        description="Undo one recorded merge; returns the restored profile. What arrived after "
        "the merge stays with the survivor."
    )
    async def unmerge_customer(self, info: Info, merge_id: strawberry.ID) -> Customer | None:
        require(info, "unmergeCustomer")
        restored = await resolve.unmerge_customer(info, str(merge_id))
        return await CustomerByIdLoader(info).load_as(restored, Customer.from_record)

    @strawberry.mutation(
        description="Admin: erase a person's personal data (identifiers, traits, free text, "
        "devices) from them and every profile merged into them. Orders stay, anonymised; "
        "identifiers go on the suppression list. Audited with `reason`."
    )
    async def erase_customer(
        self, info: Info, id: strawberry.ID, reason: str | None = None
    ) -> ErasureResult:
        return ErasureResult.from_report(await privacy.erase_customer(info, str(id), reason))

    @strawberry.mutation(
        description="Staff (associate, agent, admin): write a note about a customer; the author "
        "and store come from the token. Up to 4,000 characters."
    )
    async def add_note(self, info: Info, customer_id: strawberry.ID, text: str) -> Note:
        return Note.from_record(await clienteling.add_note(info, str(customer_id), text))

    @strawberry.mutation(
        description="Staff (associate, agent, admin): record a date worth remembering about a "
        'customer, e.g. kind "ANNIVERSARY" (upper-cased, spaces as underscores).'
    )
    async def add_important_date(
        self, info: Info, customer_id: strawberry.ID, kind: str, date: date
    ) -> ImportantDate:
        found = await clienteling.add_important_date(info, str(customer_id), kind, date)
        return ImportantDate.from_record(found)

"""The root `Mutation`: events in, merges undone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any

import strawberry

from graph.ingest.pipeline import IngestResult as PipelineResult
from resolvers import clienteling, privacy
from resolvers import ingest as resolve
from resolvers.context import Info, require
from resolvers.loaders.customers import CustomerByIdLoader
from schema.clienteling import ImportantDate, Note
from schema.customer import Customer
from schema.inputs import EventInput, as_event_json
from schema.privacy import ErasureResult


@strawberry.enum
class IngestStatus(Enum):
    APPLIED = "APPLIED"
    PENDING = "PENDING"
    DUPLICATE = "DUPLICATE"
    REJECTED = "REJECTED"


@strawberry.type(
    description="Why an event was rejected, or what a PENDING one waits for: a code, the field "
    "and a reason."
)
class IngestError:
    code: str
    field: str | None
    message: str


@strawberry.type
class IngestResult:
    event_id: str | None
    status: IngestStatus
    customer_id: strawberry.ID | None
    merged_customer_ids: list[strawberry.ID]
    warnings: list[str]
    error: IngestError | None
    reason: IngestError | None = strawberry.field(
        description="PENDING: what the event waits for (the first event of its order, or points "
        "earned before it); it is kept and applied when that arrives."
    )

    @classmethod
    def from_result(cls, r: PipelineResult) -> IngestResult:
        return cls(
            event_id=r.event_id,
            status=IngestStatus(r.status),
            customer_id=strawberry.ID(r.customer_id) if r.customer_id else None,
            merged_customer_ids=[strawberry.ID(c) for c in r.merged_customer_ids],
            warnings=r.warnings,
            error=IngestError(code=r.error.code, field=r.error.field, message=r.error.message)
            if r.error
            else None,
            reason=IngestError(code=r.reason.code, field=r.reason.field, message=r.reason.message)
            if r.reason
            else None,
        )


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Apply up to 1,000 events (EVENTS.md); one result per event, in order. "
        "A rejected event names its field and reason and never stops the others."
    )
    async def ingest_events(self, info: Info, events: list[EventInput]) -> list[IngestResult]:
        require(info, "ingestEvents")
        results = await resolve.ingest(info, [as_event_json(event) for event in events])
        return [IngestResult.from_result(r) for r in results]

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


def take_ingest_input_directly(schema: strawberry.Schema) -> None:
    """Have `ingestEvents` take graphql-core's coerced input as the contract's JSON.

    graphql-core has already checked and coerced `events` against `EventInput` (types, required
    fields, enum values) into dicts with the contract's camelCase names. Strawberry would then
    convert each nested dict into input classes, and `as_event_json` back into dicts: that round
    trip was 37% of the gateway's CPU for a call of 100 events (pyinstrument, bench W1). This
    resolver keeps the coerced dicts, dropping unset fields as `as_event_json` does, and does
    what `Mutation.ingest_events` does with them. tests/integration/test_ingest_graphql.py covers
    both the results and the errors of this door.
    """
    graphql_schema = schema._schema
    mutation = graphql_schema.mutation_type
    assert mutation is not None
    field = mutation.fields["ingestEvents"]
    events_type = field.args["events"].type
    strip = _stripper(events_type)

    async def ingest_events(_root: Any, info: Any, events: list[Any]) -> list[IngestResult]:
        require(info, "ingestEvents")  # both read `info.context` only
        results = await resolve.ingest(info, strip(events))
        return [IngestResult.from_result(r) for r in results]

    field.resolve = ingest_events


def _stripper(type_: Any) -> Callable[[Any], Any]:
    """A function dropping unset (None) fields of input objects, all the way down `type_`, and
    turning enum members into their values: what `as_event_json` does to input classes."""
    from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLList, GraphQLNonNull

    while isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    if isinstance(type_, GraphQLList):
        item = _stripper(type_.of_type)
        return lambda value: None if value is None else [item(v) for v in value]
    if isinstance(type_, GraphQLInputObjectType):
        fields: dict[str, Callable[[Any], Any]] = {}

        def strip_object(value: Any) -> Any:
            if value is None:
                return None
            if not fields:
                fields.update((name, _stripper(f.type)) for name, f in type_.fields.items())
            return {k: fields[k](v) for k, v in value.items() if v is not None}

        return strip_object
    if isinstance(type_, GraphQLEnumType):  # Strawberry's enums coerce to their Python members
        return lambda value: value.value if isinstance(value, Enum) else value
    return lambda value: value

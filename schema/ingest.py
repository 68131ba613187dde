"""`ingestEvents`' answer, and the door that hands it graphql-core's coerced input.

One result per event, in order; its shape is the pipeline's (`IngestResult.as_json` in
`graph/ingest/events.py`), the same JSON `POST /events` and `omnigraph import` answer, so the
three doors cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any

import strawberry

from resolvers import ingest as resolve
from resolvers.context import Info, require


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

    @classmethod
    def from_json(cls, problem: Mapping[str, Any] | None) -> IngestError | None:
        if problem is None:
            return None
        return cls(code=problem["code"], field=problem["field"], message=problem["message"])


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
    def from_json(cls, result: Mapping[str, Any]) -> IngestResult:
        """From the pipeline's result as the contract's JSON.

        >>> IngestResult.from_json({"eventId": "ex-01", "status": "APPLIED", "customerId": "cus-a",
        ...     "mergedCustomerIds": [], "warnings": [], "error": None, "reason": None}).status
        <IngestStatus.APPLIED: 'APPLIED'>
        """
        customer_id = result["customerId"]
        return cls(
            event_id=result["eventId"],
            status=IngestStatus(result["status"]),
            customer_id=strawberry.ID(customer_id) if customer_id else None,
            merged_customer_ids=[strawberry.ID(c) for c in result["mergedCustomerIds"]],
            warnings=list(result["warnings"]),
            error=IngestError.from_json(result["error"]),
            reason=IngestError.from_json(result["reason"]),
        )


async def ingest_events(info: Info, events: list[Any]) -> list[IngestResult]:
    """What `ingestEvents` does with its events, already the contract's JSON."""
    require(info, "ingestEvents")  # reads `info.context` only: either door's info will do
    results = await resolve.ingest(info, events)
    return [IngestResult.from_json(result.as_json()) for result in results]


def take_ingest_input_directly(schema: strawberry.Schema) -> None:
    """Have `ingestEvents` take graphql-core's coerced input as the contract's JSON.

    graphql-core has already checked and coerced `events` against `EventInput` (types, required
    fields, enum values) into dicts with the contract's camelCase names. Strawberry would then
    convert each nested dict into input classes, and `as_event_json` back into dicts: that round
    trip was 37% of the gateway's CPU for a call of 100 events (pyinstrument, bench W1). This
    resolver keeps the coerced dicts, dropping unset fields as `as_event_json` does, and does
    what `Mutation.ingest_events` does with them (`ingest_events`), so the body of
    `Mutation.ingest_events` only declares the field. tests/integration/test_rejections.py and
    test_journey.py cover the results and the errors of this door.
    """
    graphql_schema = schema._schema
    mutation = graphql_schema.mutation_type
    assert mutation is not None
    field = mutation.fields["ingestEvents"]
    events_type = field.args["events"].type
    strip = _stripper(events_type)

    async def ingest_directly(_root: Any, info: Any, events: list[Any]) -> list[IngestResult]:
        failed = getattr(info.context, "failed_ingestion", None)
        if failed is not None:  # the compiled door ran these events: its failure is reported
            info.context.failed_ingestion = None
            require(info, "ingestEvents")
            raise failed
        return await ingest_events(info, strip(events))

    field.resolve = ingest_directly


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

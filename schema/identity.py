"""Identity evidence: why omnigraph believes a profile is one person, and what it merged."""

from __future__ import annotations

from datetime import datetime

import strawberry

from resolvers import identity
from resolvers.context import Info
from resolvers.loaders.customers import IdentifierRefRow
from schema.convert import to_datetime
from schema.enums import Channel, IdentifierType


@strawberry.type(description="One identifier with when and where it was seen.")
class IdentifierEvidence:
    type: IdentifierType
    value: str
    first_seen: datetime | None
    last_seen: datetime | None
    channels: list[Channel]
    sources: list[str]


@strawberry.type(name="IdentifierRef")
class IdentifierRefType:
    type: IdentifierType
    value: str


@strawberry.type(description="A profile merged into this one, with what linked them.")
class Merge:
    id: strawberry.ID
    merged_customer_id: strawberry.ID
    at: datetime | None
    event_id: str | None
    linked_by: list[IdentifierRefType]


@strawberry.type(description="Merge protection refused to join these profiles: for review.")
class IdentityConflict:
    id: strawberry.ID
    at: datetime | None
    event_id: str | None
    reason: str
    customer_ids: list[strawberry.ID]
    identifiers: list[IdentifierRefType]


@strawberry.type
class Identity:
    customer_id: strawberry.Private[str]

    @strawberry.field
    async def identifiers(self, info: Info) -> list[IdentifierEvidence]:
        from resolvers.customers import identifiers

        return [
            IdentifierEvidence(
                type=IdentifierType(r["type"]),
                value=r["value"],
                first_seen=to_datetime(r.get("firstSeen")),
                last_seen=to_datetime(r.get("lastSeen")),
                channels=[Channel(c) for c in dict.fromkeys(r.get("channels") or [])],
                sources=list(dict.fromkeys(r.get("sources") or [])),
            )
            for r in await identifiers(info, self.customer_id)
        ]

    @strawberry.field
    async def merges(self, info: Info) -> list[Merge]:
        rows = await identity.merges(info, self.customer_id)
        return [
            Merge(
                id=strawberry.ID(m["id"]),
                merged_customer_id=strawberry.ID(m["mergedId"]),
                at=to_datetime(m.get("at")),
                event_id=m.get("eventId"),
                linked_by=_refs(m["linkedBy"]),
            )
            for m in rows
        ]

    @strawberry.field
    async def conflicts(self, info: Info) -> list[IdentityConflict]:
        rows = await identity.conflicts(info, self.customer_id)
        return [
            IdentityConflict(
                id=strawberry.ID(x["id"]),
                at=to_datetime(x.get("at")),
                event_id=x.get("eventId"),
                reason=x["reason"],
                customer_ids=[strawberry.ID(c) for c in x.get("customerIds") or []],
                identifiers=_refs(x["identifiers"]),
            )
            for x in rows
        ]


def _refs(refs: list[IdentifierRefRow]) -> list[IdentifierRefType]:
    return [IdentifierRefType(type=IdentifierType(r["type"]), value=r["value"]) for r in refs]

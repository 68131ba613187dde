"""Privacy in the schema: the audit trail and the result of an erasure."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from resolvers.privacy import AuditRow, ErasureReport
from schema.convert import to_datetime


@strawberry.enum
class AuditAction(Enum):
    READ = "READ"
    MERGE = "MERGE"
    UNMERGE = "UNMERGE"
    EXPORT = "EXPORT"
    ERASE = "ERASE"


@strawberry.type(description="Who did what to whose profile, when and why.")
class AuditRecord:
    id: strawberry.ID
    at: datetime | None
    actor: str = strawberry.field(description="The token's subject or the API key's id.")
    role: str
    store_id: str | None
    action: AuditAction
    customer_id: strawberry.ID = strawberry.field(
        description="The customer asked about (`auditRecords(customerId)`), else the first one."
    )
    customer_ids: list[strawberry.ID] = strawberry.field(
        description="Every customer the act concerned: a staff request that showed a page of "
        "fifty customers is one READ record naming the fifty."
    )
    operation: str | None = strawberry.field(description="The GraphQL operation or field.")
    reason: str | None = strawberry.field(description="`X-Omnigraph-Reason`, or the argument.")

    @classmethod
    def from_record(cls, r: AuditRow) -> AuditRecord:
        return cls(
            id=strawberry.ID(r["id"]),
            at=to_datetime(r.get("at")),
            actor=r["actor"],
            role=r["role"],
            store_id=r.get("storeId"),
            action=AuditAction(r["action"]),
            customer_id=strawberry.ID(r["customerId"]),
            customer_ids=[strawberry.ID(c) for c in r["customerIds"]],
            operation=r.get("operation"),
            reason=r.get("reason"),
        )


@strawberry.type(description="What an erasure removed.")
class ErasureResult:
    customer_id: strawberry.ID
    profiles_erased: int = strawberry.field(description="The person and their merged profiles.")
    identifiers_suppressed: int = strawberry.field(
        description="Identifiers hashed onto the suppression list (shared ones are only unlinked)."
    )
    devices_removed: int

    @classmethod
    def from_report(cls, r: ErasureReport) -> ErasureResult:
        return cls(
            customer_id=strawberry.ID(r.customer_id),
            profiles_erased=r.profiles,
            identifiers_suppressed=r.identifiers_suppressed,
            devices_removed=r.devices_removed,
        )

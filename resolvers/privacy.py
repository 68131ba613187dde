"""Request-time work for privacy: export, erasure, the audit trail of staff reads.

Every staff read of a profile is recorded once per request, after the response is computed
(`record_reads`), from the customers the loaders actually returned to that principal.
"""

from __future__ import annotations

from typing import Any

from graph import audit, privacy
from graph.audit import AuditRow as AuditRow  # what `auditRecords` hands `schema/`
from graph.privacy import ErasureReport as ErasureReport  # what `eraseCustomer` answers
from resolvers.context import Info, RequestContext, require
from resolvers.errors import NotFound
from resolvers.principal import Principal

MAX_AUDIT_RECORDS = 100


def actor(principal: Principal) -> audit.Actor:
    return audit.Actor(principal.subject, principal.role.value, principal.store_id)


async def export_customer(info: Info, customer_id: str) -> dict[str, Any] | None:
    principal = require(info, "exportCustomer")
    reader = info.context.reader
    if info.context.read_log is not None:
        await info.context.read_log.flush()  # the access log includes the reads queued so far
    document = await privacy.export_customer(reader.driver, reader.database, customer_id)
    if document is not None:
        await audit.record(
            reader.driver, reader.database, actor(principal), "EXPORT",
            [document["customerId"]], operation="exportCustomer", reason=info.context.reason,
        )  # fmt: skip
    return document


async def erase_customer(info: Info, customer_id: str, reason: str | None) -> privacy.ErasureReport:
    principal = require(info, "eraseCustomer")
    reader = info.context.reader
    try:
        report = await privacy.erase_customer(reader.driver, reader.database, customer_id)
    except LookupError as error:
        raise NotFound(f"No customer {customer_id!r}", field="id") from error
    await audit.record(
        reader.driver, reader.database, actor(principal), "ERASE", [report.customer_id],
        operation="eraseCustomer", reason=reason or info.context.reason,
    )  # fmt: skip
    return report


async def audit_records(
    info: Info, customer_id: str | None, action: str | None, first: int | None
) -> list[AuditRow]:
    require(info, "auditRecords")
    reader = info.context.reader
    if info.context.read_log is not None:
        await info.context.read_log.flush()  # the reads queued so far are part of the trail
    ids = None
    if customer_id is not None:
        live, merged = await privacy.person(reader.driver, reader.database, customer_id)
        ids = [customer_id, *([live, *merged] if live else [])]
    limit = max(0, min(first if first is not None else 50, MAX_AUDIT_RECORDS))
    return await audit.records(
        reader.driver, reader.database, customer_ids=ids, action=action, limit=limit
    )


async def record_reads(context: RequestContext, operation: str | None) -> None:
    """One READ record per profile a staff member was shown in this request."""
    principal = context.principal
    read = context.loaders.customers_read
    if not principal.staff or not read:
        return
    if context.read_log is not None:  # written in the background, batched
        context.read_log.add(actor(principal), read, operation=operation, reason=context.reason)
        return
    reader = context.reader
    await audit.record(
        reader.driver, reader.database, actor(principal), "READ", read,
        operation=operation, reason=context.reason,
    )  # fmt: skip

"""Consents in force: what a customer allowed, per purpose and channel."""

from __future__ import annotations

from datetime import datetime

import strawberry

from resolvers.loaders.customers import ConsentRow
from schema.convert import to_datetime
from schema.enums import ConsentChannel, ConsentPurpose


@strawberry.type(description="A consent in force: the latest change per purpose and channel.")
class Consent:
    purpose: ConsentPurpose
    channel: ConsentChannel
    granted: bool
    at: datetime | None
    document_version: str | None

    @classmethod
    def from_record(cls, r: ConsentRow) -> Consent:
        return cls(
            purpose=ConsentPurpose(r["purpose"]),
            channel=ConsentChannel(r["channel"]),
            granted=bool(r["granted"]),
            at=to_datetime(r.get("at")),
            document_version=r.get("documentVersion"),
        )

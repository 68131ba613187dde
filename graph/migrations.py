"""Versioned, idempotent schema migrations: constraints, indexes and the full-text index, and
the rare rewrite of data written the way an older version wrote it.

`omnigraph migrate` applies every migration above the graph's recorded version, in order; each
statement uses `IF NOT EXISTS`, so re-running any of them is harmless. The gateway refuses to serve
from a graph whose version is behind `LATEST_VERSION` (see `MigrationsBehind`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from neo4j import AsyncDriver

from graph.ingest.evidence import one_link_per_identifier

_UNIQUE_IDS = [
    ("customer_id", "Customer", "id"),
    ("device_id", "Device", "id"),
    ("account_id", "Account", "id"),
    ("order_id", "Order", "id"),
    ("order_status_id", "OrderStatus", "id"),
    ("product_sku", "Product", "sku"),
    ("store_id", "Store", "id"),
    ("channel_code", "Channel", "code"),
    ("interaction_id", "Interaction", "id"),
    ("cart_id", "Cart", "id"),
    ("cart_change_id", "CartChange", "id"),
    ("support_case_id", "SupportCase", "id"),
    ("case_message_id", "CaseMessage", "id"),
    ("consent_id", "Consent", "id"),
    ("loyalty_move_id", "LoyaltyMove", "id"),
    ("meta_name", "Meta", "name"),
]


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]
    # data to rewrite, after the statements: idempotent too
    data: Callable[[AsyncDriver, str], Awaitable[None]] | None = None


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "uniqueness constraints on every id and on (Identifier.type, Identifier.value)",
        (
            *tuple(
                f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE"
                for name, label, prop in _UNIQUE_IDS
            ),
            "CREATE CONSTRAINT identifier_type_value IF NOT EXISTS "
            "FOR (i:Identifier) REQUIRE (i.type, i.value) IS UNIQUE",
        ),
    ),
    Migration(
        2,
        "indexes for the API's lookups, filters and keyset pages; full-text customer search",
        (
            "CREATE INDEX order_placed_at IF NOT EXISTS FOR (o:Order) ON (o.placedAt, o.id)",
            "CREATE INDEX order_channel_status IF NOT EXISTS FOR (o:Order) ON (o.channel, o.status)",
            "CREATE INDEX interaction_at IF NOT EXISTS FOR (i:Interaction) ON (i.at, i.id)",
            "CREATE INDEX interaction_channel_kind IF NOT EXISTS "
            "FOR (i:Interaction) ON (i.channel, i.kind)",
            "CREATE INDEX case_status IF NOT EXISTS FOR (s:SupportCase) ON (s.status)",
            "CREATE INDEX cart_status IF NOT EXISTS FOR (c:Cart) ON (c.status)",
            "CREATE INDEX customer_last_seen IF NOT EXISTS FOR (c:Customer) ON (c.lastSeen)",
            "CREATE INDEX identifier_value IF NOT EXISTS FOR (i:Identifier) ON (i.value)",
            "CREATE FULLTEXT INDEX customer_search IF NOT EXISTS "
            "FOR (c:Customer) ON EACH [c.givenName, c.familyName, c.searchText] "
            "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words', "
            "`fulltext.eventually_consistent`: false}}",
        ),
    ),
    Migration(
        3,
        "reference data: one Channel node per channel code",
        (
            "UNWIND ['WEB', 'MOBILE_APP', 'STORE', 'CALL_CENTER', 'EMAIL', 'SMS', 'SOCIAL', 'CHAT', "
            "'KIOSK', 'MARKETPLACE'] AS code MERGE (:Channel {code: code})",
        ),
    ),
    Migration(
        4,
        "ingestion: applied event ids, merges, merged profiles, conflicts, trait values",
        (
            "CREATE CONSTRAINT ingested_event_id IF NOT EXISTS "
            "FOR (e:IngestedEvent) REQUIRE e.id IS UNIQUE",
            "CREATE CONSTRAINT merged_customer_id IF NOT EXISTS "
            "FOR (m:MergedCustomer) REQUIRE m.id IS UNIQUE",
            "CREATE CONSTRAINT merge_id IF NOT EXISTS FOR (m:Merge) REQUIRE m.id IS UNIQUE",
            "CREATE CONSTRAINT identity_conflict_id IF NOT EXISTS "
            "FOR (x:IdentityConflict) REQUIRE x.id IS UNIQUE",
            "CREATE INDEX trait_value_name IF NOT EXISTS FOR (t:TraitValue) ON (t.name)",
        ),
    ),
    Migration(
        5,
        "security: hashed API keys, audit records, the erasure suppression list",
        (
            "CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE",
            "CREATE CONSTRAINT api_key_hash IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.hash IS UNIQUE",
            "CREATE CONSTRAINT audit_record_id IF NOT EXISTS "
            "FOR (a:AuditRecord) REQUIRE a.id IS UNIQUE",
            "CREATE INDEX audit_record_customer IF NOT EXISTS "
            "FOR (a:AuditRecord) ON (a.customerId, a.at)",
            "CREATE CONSTRAINT suppressed_identifier_hash IF NOT EXISTS "
            "FOR (s:SuppressedIdentifier) REQUIRE s.hash IS UNIQUE",
        ),
    ),
    Migration(
        6,
        "clienteling: notes and important dates staff record about a customer",
        (
            "CREATE CONSTRAINT note_id IF NOT EXISTS FOR (n:Note) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT important_date_id IF NOT EXISTS "
            "FOR (d:ImportantDate) REQUIRE d.id IS UNIQUE",
        ),
    ),
    Migration(
        7,
        "arrival order: events kept until what they wait for arrives, waiting ledger moves",
        (
            "CREATE CONSTRAINT pending_event_id IF NOT EXISTS "
            "FOR (p:PendingEvent) REQUIRE p.id IS UNIQUE",
            "CREATE CONSTRAINT awaited_key IF NOT EXISTS FOR (a:Awaited) REQUIRE a.key IS UNIQUE",
            "CREATE CONSTRAINT waiting_move_id IF NOT EXISTS "
            "FOR (l:WaitingMove) REQUIRE l.id IS UNIQUE",
        ),
    ),
    Migration(
        8,
        "one HAS_IDENTIFIER per customer and identifier: merged profiles' evidence combined",
        (),
        data=one_link_per_identifier,
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version


class MigrationsBehind(RuntimeError):
    """The graph's schema is older than this code expects."""

    def __init__(self, current: int) -> None:
        super().__init__(
            f"the graph is at schema version {current}, this omnigraph needs {LATEST_VERSION}: "
            "run `omnigraph migrate` (or `make migrate`) first"
        )
        self.current = current


async def current_version(driver: AsyncDriver, database: str) -> int:
    records, _, _ = await driver.execute_query(
        "OPTIONAL MATCH (m:Meta {name: 'schema'}) RETURN coalesce(m.version, 0) AS version",
        database_=database,
        routing_="r",
    )
    return int(records[0]["version"])


async def migrate(driver: AsyncDriver, database: str) -> list[Migration]:
    """Apply every pending migration; returns the ones applied (none when up to date)."""
    applied = []
    version = await current_version(driver, database)
    for migration in MIGRATIONS:
        if migration.version <= version:
            continue
        for statement in migration.statements:
            await driver.execute_query(statement, database_=database)
        if migration.data is not None:
            await migration.data(driver, database)
        await driver.execute_query(
            "MERGE (m:Meta {name: 'schema'}) SET m.version = $version, m.appliedAt = datetime()",
            version=migration.version,
            database_=database,
        )
        applied.append(migration)
    await driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
    return applied


async def ensure_current(driver: AsyncDriver, database: str) -> None:
    version = await current_version(driver, database)
    if version < LATEST_VERSION:
        raise MigrationsBehind(version)

"""Apply events: one transaction per event, so each is applied whole or not at all.

Inside the transaction: claim the event id (a replay fails here and reports DUPLICATE), lock the
event's identifiers in a fixed order, read their owners, `resolve`, lock the customers involved
(re-checking none was merged away meanwhile), merge, attach, then write the payload's facts.
The driver's transaction functions retry transient failures (deadlocks between concurrent
writers); a customer merged away under our feet retries the event from scratch.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction, AsyncSession
from neo4j.exceptions import ConstraintError
from neo4j.time import Date

from graph.identifiers import search_terms
from graph.ingest import cypher as q
from graph.ingest.events import Event, IdentifierRef, Rejected, Rejection
from graph.ingest.resolve import Decision, Holdings, Owner, is_person, resolve
from graph.ingest.validate import Rules, parse_event
from graph.loyalty import tier_for

MAX_ATTEMPTS = 5
_REFRESHING = ("identify", "loyalty")  # event types whose payload changes derived fields


@dataclass
class IngestResult:
    """What happened to one event, in the order the events were given."""

    event_id: str | None
    status: str  # APPLIED | DUPLICATE | REJECTED
    customer_id: str | None = None
    merged_customer_ids: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: Rejection | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "eventId": self.event_id,
            "status": self.status,
            "customerId": self.customer_id,
            "mergedCustomerIds": self.merged_customer_ids,
            "warnings": self.warnings,
            "error": None
            if self.error is None
            else {
                "code": self.error.code,
                "field": self.error.field,
                "message": self.error.message,
            },
        }


class _MergedMeanwhile(Exception):
    """A customer we resolved to was merged away by a concurrent event: resolve again."""


class Pipeline:
    """The one ingestion path behind `ingestEvents`, `POST /events` and `omnigraph import`."""

    def __init__(
        self, driver: AsyncDriver, database: str, rules: Rules | None = None, concurrency: int = 4
    ) -> None:
        self.driver = driver
        self.database = database
        self.rules = rules or Rules()
        self.concurrency = concurrency

    async def ingest(self, raw_events: Sequence[Any]) -> list[IngestResult]:
        """Validate and apply events; one result per event, in order.

        Events are applied concurrently, except that events sharing an identifier keep their
        order (so a batch's own journey is applied as written).
        """
        parsed = [parse_event(raw, self.rules) for raw in raw_events]
        results: list[IngestResult | None] = [None] * len(parsed)
        for index, item in enumerate(parsed):
            if isinstance(item, Rejection):
                raw = raw_events[index]
                event_id = raw.get("eventId") if isinstance(raw, dict) else None
                results[index] = IngestResult(
                    event_id if isinstance(event_id, str) else None, "REJECTED", error=item
                )
        events = [(i, p) for i, p in enumerate(parsed) if isinstance(p, Event)]
        # a replay is answered from one read, without a transaction per event
        seen = await self._already_applied([event.event_id for _, event in events])
        for index, event in events:
            if event.event_id in seen:
                results[index] = IngestResult(event.event_id, "DUPLICATE", warnings=event.warnings)
        chains = _chains([(i, e) for i, e in events if e.event_id not in seen])
        gate = asyncio.Semaphore(self.concurrency)

        async def run(chain: list[tuple[int, Event]]) -> None:
            async with gate, self.driver.session(database=self.database) as session:
                for index, event in chain:
                    results[index] = await self.apply(event, session)

        await asyncio.gather(*(run(chain) for chain in chains))
        # Chains only know identifiers, not people: a REDEEM sent by e-mail can run before the
        # EARN its store card brought in another chain. Such rejections get one more try, in
        # order, once the rest of the batch is in.
        for index, event in events:
            result = results[index]
            if result is not None and result.error is not None and _may_depend(result.error):
                results[index] = await self.apply(event)
        return [r for r in results if r is not None]

    async def _already_applied(self, event_ids: list[str]) -> set[str]:
        if not event_ids:
            return set()
        records, _, _ = await self.driver.execute_query(
            q.APPLIED_EVENTS, ids=event_ids, database_=self.database
        )
        return set(records[0]["ids"])

    async def apply(self, event: Event, session: AsyncSession | None = None) -> IngestResult:
        """Apply one event in its own transaction (retried on transient errors)."""
        if session is None:
            async with self.driver.session(database=self.database) as own:
                return await self.apply(event, own)
        for _ in range(MAX_ATTEMPTS):
            try:
                return await session.execute_write(self._apply, event)
            except _MergedMeanwhile:
                continue
            except ConstraintError as error:
                if "IngestedEvent" in str(error) or "ingested_event" in str(error):
                    return IngestResult(event.event_id, "DUPLICATE", warnings=event.warnings)
                raise
            except Rejected as rejected:
                return IngestResult(
                    event.event_id, "REJECTED", warnings=event.warnings, error=rejected.rejection
                )
        raise RuntimeError(f"event {event.event_id}: customers kept changing under it")

    async def _apply(self, tx: AsyncManagedTransaction, event: Event) -> IngestResult:
        at = event.at.isoformat()
        refs = sorted(event.identifiers, key=lambda r: r.key)  # a fixed lock order
        rows = [{"type": r.type, "value": r.value} for r in refs]
        read = await _rows(tx, q.CLAIM_LOCK_READ, eventId=event.event_id, type=event.type,
                           at=at, channel=event.channel, source=event.source, refs=rows)  # fmt: skip
        owners, holdings = [], {}
        for row in read[0]["owners"]:
            ref = IdentifierRef(row["type"], row["value"])
            owners.append(Owner(row["customerId"], ref, row["anonymous"],
                                row["firstSeen"].to_native()))  # fmt: skip
            holdings[row["customerId"]] = Holdings(set(row["keys"]))
        decision = resolve(refs, owners, holdings)
        involved = sorted(
            {c for c in (decision.target, *(m.merged_id for m in decision.merges)) if c is not None}
        )
        if involved:
            found = await _rows(tx, q.LOCK_CUSTOMERS, ids=involved)
            if found[0]["found"] != len(involved):
                raise _MergedMeanwhile
        customer_id = decision.target or _derived_id("cus", event.event_id)
        if decision.target is None:
            await _run(tx, q.CREATE_CUSTOMER, id=customer_id, at=at)
        merged = await self._merge(tx, event, customer_id, decision)
        if decision.conflict is not None:
            note = decision.conflict
            await _run(tx, q.CONFLICT, id=f"conflict-{event.event_id}", at=at,
                       eventId=event.event_id, reason=note.reason,
                       customerIds=list(note.customer_ids),
                       identifiers=[r.key for r in note.identifiers])  # fmt: skip
        device = None
        if event.device is not None:
            device = {"id": event.device.id, "kind": event.device.kind, "os": event.device.os,
                      "model": event.device.model, "appVersion": event.device.app_version,
                      "terminal": event.device.terminal}  # fmt: skip
        await _run(tx, q.ENVELOPE, customerId=customer_id, eventId=event.event_id, at=at,
                   refs=[{"type": r.type, "value": r.value, "attach": r in decision.attach,
                          "link": _link(decision, r, event)} for r in refs],
                   accounts=_accounts(decision.attach), keys=[r.key for r in refs],
                   channel=event.channel, source=event.source, storeId=event.store_id,
                   device=device)  # fmt: skip
        await _PAYLOADS[event.type](tx, event, customer_id)
        # Derived fields change only with new identifiers, merges, traits or points.
        if (
            decision.target is None
            or decision.attach
            or merged
            or event.type in _REFRESHING
            or (
                event.type == "order"
                and (event.payload["loyaltyPointsEarned"] or event.payload["loyaltyPointsRedeemed"])
            )
        ):
            await refresh_customer(tx, customer_id)
        warnings = [*event.warnings, *decision.warnings]
        if decision.conflict is not None:
            warnings.append(f"identity conflict recorded: {decision.conflict.reason}")
        return IngestResult(event.event_id, "APPLIED", customer_id, merged, warnings)

    async def _merge(
        self, tx: AsyncManagedTransaction, event: Event, survivor: str, decision: Decision
    ) -> list[str]:
        merged_ids = []
        for step in decision.merges:
            merge_id = _merge_id(event, step.merged_id)
            params = {"survivorId": survivor, "mergedId": step.merged_id, "mergeId": merge_id}
            await _run(tx, q.FOLD_CART, **params)
            await _run(tx, q.MOVE_FACTS, **params)
            await _run(tx, q.RECORD_MERGE, **params, at=event.at.isoformat(),
                       eventId=event.event_id, linkedBy=[r.key for r in step.linked_by])  # fmt: skip
            merged_ids.append(step.merged_id)
        return merged_ids


async def refresh_customer(tx: AsyncManagedTransaction, customer_id: str) -> None:
    """Recompute what is derived from a customer's facts: traits, loyalty, search text, times."""
    rows = await _rows(tx, q.REFRESH_CUSTOMER, customerId=customer_id)
    if not rows:
        return
    row = rows[0]
    identifiers = [(t, v) for t, v in row["identifiers"] if t is not None]
    props: dict[str, Any] = {
        "anonymous": not any(is_person(IdentifierRef(t, v)) for t, v in identifiers),
        "searchText": search_terms(identifiers),
        "loyaltyPoints": int(row["points"]),
        "loyaltyTier": tier_for(int(row["points"])),
    }
    if row["firstSeen"] is not None:
        props["firstSeen"] = row["firstSeen"]
        props["lastSeen"] = row["lastSeen"]
    traits = {name: json.loads(value) for name, value in row["traits"] if name is not None}
    derived = _trait_properties(traits)
    # Only properties that events set are recomputed: what a bulk load wrote directly stays.
    for name in set(row["traitProps"] or []) - set(derived):
        props[name] = None
    props.update(derived)
    props["traitProps"] = sorted(derived)
    await _run(tx, q.SET_DERIVED, customerId=customer_id, props=props)


def _trait_properties(traits: dict[str, Any]) -> dict[str, Any]:
    """Customer properties from the traits in force (latest `at` per trait)."""
    props: dict[str, Any] = {}
    for name in ("givenName", "familyName", "locale"):
        if name in traits:
            props[name] = traits[name]
    if "birthDate" in traits:
        props["birthDate"] = Date.from_iso_format(traits["birthDate"])
    for part in ("line1", "city", "postalCode", "country"):
        if f"address.{part}" in traits:
            props[f"address{part[0].upper()}{part[1:]}"] = traits[f"address.{part}"]
    for group in ("sizes", "preferences"):
        values = {k.split(".", 1)[1]: v for k, v in traits.items() if k.startswith(f"{group}.")}
        if values:
            props[f"{group}Json"] = json.dumps(values, sort_keys=True)
    return props


# -- payloads ---------------------------------------------------------------------------------


async def _identify(tx: AsyncManagedTransaction, event: Event, customer_id: str) -> None:
    traits = [{"name": k, "value": json.dumps(v)} for k, v in event.payload.items()]
    if traits:
        await _run(tx, q.TRAITS, customerId=customer_id, traits=traits, at=event.at.isoformat(),
                   eventId=event.event_id)  # fmt: skip


async def _interaction(tx: AsyncManagedTransaction, event: Event, customer_id: str) -> None:
    await _run(tx, q.INTERACTION, customerId=customer_id, p=event.payload,
               eventId=event.event_id, channel=event.channel, at=event.at.isoformat(),
               storeId=event.store_id, deviceId=_device_id(event))  # fmt: skip


async def _order(tx: AsyncManagedTransaction, event: Event, customer_id: str) -> None:
    order = event.payload
    at = event.at.isoformat()
    exists = (await _rows(tx, q.ORDER_EXISTS, orderId=order["orderId"]))[0]["found"]
    if not exists:
        if not order["lines"]:
            raise Rejected("MISSING_FIELD", "order.lines",
                           f"order {order['orderId']} is new: its first event needs `lines`")  # fmt: skip
        if order["currency"] is None or order["total"] is None:
            field_name = "order.currency" if order["currency"] is None else "order.total"
            raise Rejected("MISSING_FIELD", field_name,
                           f"order {order['orderId']} is new: its first event needs it")  # fmt: skip
        await _run(tx, q.CREATE_ORDER, customerId=customer_id, channel=event.channel, at=at,
                   o=order, eventId=event.event_id)  # fmt: skip
    await _run(tx, q.ORDER_LINKS, orderId=order["orderId"], storeId=event.store_id,
               fulfillmentStoreId=order["fulfillmentStoreId"], deviceId=event.device.id
               if event.device else None)  # fmt: skip
    await _run(tx, q.ORDER_STATUS, orderId=order["orderId"], eventId=event.event_id,
               status=order["status"], channel=event.channel, at=at, storeId=event.store_id,
               total=order["total"] if exists else None,
               fulfillment=order["fulfillment"])  # fmt: skip
    if order["cartCheckout"]:
        await _run(tx, q.CHECKOUT_CART, customerId=customer_id, orderId=order["orderId"], at=at)
        await _run(tx, q.OPEN_CART, customerId=customer_id, newId=f"cart-{event.event_id}", at=at)
    moves = []
    if order["loyaltyPointsEarned"]:
        moves.append({"id": f"{event.event_id}:earn", "action": "EARN",
                      "points": order["loyaltyPointsEarned"], "reference": order["orderId"]})  # fmt: skip
    if order["loyaltyPointsRedeemed"]:
        await _check_balance(tx, customer_id, order["loyaltyPointsRedeemed"],
                             "order.loyaltyPointsRedeemed")  # fmt: skip
        moves.append({"id": f"{event.event_id}:redeem", "action": "REDEEM",
                      "points": -order["loyaltyPointsRedeemed"], "reference": order["orderId"]})  # fmt: skip
    if moves:
        await _run(tx, q.LOYALTY_MOVES, customerId=customer_id, moves=moves,
                   channel=event.channel, at=at)  # fmt: skip


async def _cart(tx: AsyncManagedTransaction, event: Event, customer_id: str) -> None:
    at = event.at.isoformat()
    rows = await _rows(tx, q.OPEN_CART, customerId=customer_id, newId=f"cart-{event.event_id}",
                       at=at)  # fmt: skip
    await _run(tx, q.CART_CHANGE, customerId=customer_id, cartId=rows[0]["cartId"],
               eventId=event.event_id, p=event.payload, channel=event.channel, at=at,
               deviceId=_device_id(event))  # fmt: skip


async def _support(tx: AsyncManagedTransaction, event: Event, customer_id: str) -> None:
    await _run(tx, q.SUPPORT, customerId=customer_id, p=event.payload, eventId=event.event_id,
               channel=event.channel, at=event.at.isoformat())  # fmt: skip


async def _consent(tx: AsyncManagedTransaction, event: Event, customer_id: str) -> None:
    await _run(tx, q.CONSENT, customerId=customer_id, p=event.payload, eventId=event.event_id,
               channel=event.channel, at=event.at.isoformat())  # fmt: skip


async def _loyalty(tx: AsyncManagedTransaction, event: Event, customer_id: str) -> None:
    move = dict(event.payload)
    if move["action"] == "REDEEM":
        await _check_balance(tx, customer_id, move["points"], "loyalty.points")
        move["points"] = -move["points"]
    move["id"] = event.event_id
    await _run(tx, q.LOYALTY_MOVES, customerId=customer_id, moves=[move], channel=event.channel,
               at=event.at.isoformat())  # fmt: skip


async def _check_balance(
    tx: AsyncManagedTransaction, customer_id: str, points: int, field_name: str
) -> None:
    balance = (await _rows(tx, q.LOYALTY_BALANCE, customerId=customer_id))[0]["points"]
    if points > balance:
        raise Rejected("INSUFFICIENT_POINTS", field_name,
                       f"redeeming {points} points would take the balance of {balance} below zero")  # fmt: skip


_PAYLOADS = {
    "identify": _identify,
    "interaction": _interaction,
    "order": _order,
    "cart": _cart,
    "support": _support,
    "consent": _consent,
    "loyalty": _loyalty,
}


# -- helpers ----------------------------------------------------------------------------------


def _may_depend(error: Rejection) -> bool:
    """A rejection that another event of the same batch may lift once applied."""
    return error.code == "INSUFFICIENT_POINTS" or (
        error.code == "MISSING_FIELD" and (error.field or "").startswith("order.")
    )


def _derived_id(kind: str, source: str) -> str:
    """Ids of what an event creates follow from the event: a replay into an empty graph gives
    the same ids, which makes runs comparable and support tickets reproducible."""
    return f"{kind}-{hashlib.sha256(source.encode()).hexdigest()[:16]}"


def _merge_id(event: Event, merged_id: str) -> str:
    return _derived_id("merge", f"{event.event_id}/{merged_id}")


def _link(decision: Decision, ref: IdentifierRef, event: Event) -> str | None:
    """The merge this identifier caused in this event, if any: the survivor's own evidence for it
    is part of that inference, and goes if the merge is undone."""
    for step in decision.merges:
        if ref in step.linked_by:
            return _merge_id(event, step.merged_id)
    return None


def _device_id(event: Event) -> str | None:
    return event.device.id if event.device else None


def _accounts(refs: Iterable[IdentifierRef]) -> list[dict[str, str]]:
    kinds = {"LOYALTY_ID": ("loyalty", "LOYALTY"), "CUSTOMER_ID": ("online", "ONLINE")}
    return [
        {"id": f"{kinds[r.type][0]}-{r.value}", "kind": kinds[r.type][1]}
        for r in refs
        if r.type in kinds
    ]


def _chains(events: list[tuple[int, Event]]) -> list[list[tuple[int, Event]]]:
    """Group events that share an identifier (transitively), each group in its given order."""
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[str, int] = {}
    for i, (_, event) in enumerate(events):
        keys = [r.key for r in event.identifiers]
        if event.type == "order":
            keys.append(f"order:{event.payload['orderId']}")
        for key in keys:
            if key in seen:
                parent[find(i)] = find(seen[key])
            else:
                seen[key] = i
    groups: dict[int, list[tuple[int, Event]]] = {}
    for i, item in enumerate(events):
        groups.setdefault(find(i), []).append(item)
    return list(groups.values())


async def _run(tx: AsyncManagedTransaction, cypher: str, **params: Any) -> None:
    result = await tx.run(cypher, params)
    await result.consume()


async def _rows(tx: AsyncManagedTransaction, cypher: str, **params: Any) -> list[dict[str, Any]]:
    result = await tx.run(cypher, params)
    return [record.data() async for record in result]


class UnmergeError(Exception):
    """The merge cannot be undone; `code` is NOT_FOUND or BAD_USER_INPUT."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


async def unmerge(driver: AsyncDriver, database: str, merge_id: str) -> str:
    """Undo one recorded merge; returns the id of the profile brought back.

    What the merge moved (identifiers, events, orders, carts, cases...) goes back to the restored
    profile; whatever reached the survivor after the merge stays with the survivor.
    """

    async def work(tx: AsyncManagedTransaction) -> str:
        rows = await _rows(tx, q.FIND_MERGE, mergeId=merge_id)
        if not rows:
            raise UnmergeError("NOT_FOUND", f"there is no merge {merge_id!r}")
        merge, survivor_live = rows[0]["merge"], rows[0]["survivorLive"]
        if merge.get("undoneAt") is not None:
            raise UnmergeError("BAD_USER_INPUT", f"merge {merge_id} was already undone")
        if not survivor_live:
            raise UnmergeError(
                "BAD_USER_INPUT",
                f"customer {merge['survivorId']} was itself merged since: undo that merge first",
            )
        params = {
            "mergeId": merge_id,
            "survivorId": merge["survivorId"],
            "mergedId": merge["mergedId"],
        }
        await _run(tx, q.LOCK_CUSTOMERS, ids=[merge["survivorId"]])
        await _run(tx, q.UNDO_MERGE, mergeId=merge_id)
        await _run(tx, q.RESTORE_FACTS, **params)
        await _run(tx, q.UNFOLD_CART, **params)
        await _run(tx, q.DROP_LINK_EVIDENCE, **params)
        await refresh_customer(tx, merge["survivorId"])
        await refresh_customer(tx, merge["mergedId"])
        return str(merge["mergedId"])

    async with driver.session(database=database) as session:
        return await session.execute_write(work)

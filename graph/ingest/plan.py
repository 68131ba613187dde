"""Plan a batch of events in memory: who each event goes to, and the write row it becomes.

The pipeline locks every identifier of a batch, reads their owners once (`Snapshot`), and then
plays the events in their given order over that snapshot: each is resolved (`resolve.resolve`)
against the state the events before it left, checked, and turned into one row of
`cypher.APPLY_EVENTS` (`graph.ingest.write_rows`). Nothing here touches Neo4j, so a batch of 1,000 events costs the same few
round trips as a batch of one.

What happened is decided by `at`, not by arrival (EVENTS.md), so a shuffled replay ends where the
serial one sorted by `at` does:
- an order step whose order is not known yet waits (PENDING, stored in the graph) and is played
  right after the event that creates the order, in this batch or a later one;
- the loyalty ledger is settled by `at` (`graph.ingest.ledger`): a REDEEM counts when the
  balance as of its `at` covers it, whatever arrived first; one that is not covered waits on the
  ledger;
- a cart change or checkout older than what the customer's carts already hold marks the
  customer's carts to be derived again by `at` (`graph.ingest.carts`).

    plan = plan_batch(events, snapshot)
    plan.rows        # one map per applied event, in order, for `APPLY_EVENTS`
    plan.outcomes    # one `IngestResult` per event, in order: APPLIED, PENDING, DUPLICATE, REJECTED
    plan.refresh     # customers whose derived fields (traits, points, search text) changed
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from graph.ingest import ledger
from graph.ingest.events import Event, IdentifierRef, IngestResult, Rejection, derived_id
from graph.ingest.ledger import Move
from graph.ingest.resolve import Holdings, Owner, is_person, resolve
from graph.ingest.write_rows import event_row, payload_part


@dataclass
class CustomerState:
    """What resolution needs to know about one live customer."""

    anonymous: bool
    first_seen: datetime
    keys: set[str]
    moves: list[Move] = field(default_factory=list)
    cart_at: datetime | None = None  # the latest change or checkout its own carts hold
    last_seen: datetime | None = None


@dataclass
class Snapshot:
    """The graph as the batch found it, for the batch's identifiers (all locked)."""

    owners: dict[str, list[str]]  # identifier key -> customers linked to it
    customers: dict[str, CustomerState]
    orders: set[str]  # ids of the batch's orders that already exist
    existing: set[str] = field(default_factory=set)  # identifier keys that existed before
    waiting: dict[str, list[Event]] = field(default_factory=dict)  # stored, by the order awaited


@dataclass
class Plan:
    rows: list[dict[str, Any]] = field(default_factory=list)
    outcomes: list[IngestResult] = field(default_factory=list)
    refresh: set[str] = field(default_factory=set)
    orphans: list[IdentifierRef] = field(default_factory=list)  # created for rejected events only
    pending: list[tuple[Event, Rejection]] = field(default_factory=list)  # to keep until later
    released: list[tuple[Event, IngestResult]] = field(default_factory=list)  # stored, now applied
    count: list[str] = field(default_factory=list)  # waiting ledger moves that now count
    uncount: list[str] = field(default_factory=list)  # ledger moves that stop counting
    carts: set[str] = field(default_factory=set)  # customers whose carts are derived again
    # first and last seen, written once a batch instead of once an event: per customer whose
    # span the batch widened, the new bounds (None: unchanged), merged profiles as they left
    spans: list[dict[str, Any]] = field(default_factory=list)


def plan_batch(events: Sequence[Event], snapshot: Snapshot) -> Plan:
    plan = Plan()
    state = _State(snapshot)
    claimed: set[str] = set()
    used: set[str] = set()
    # what waits for an order's first event: (index in `events`, or None when stored, event)
    waiting: dict[str, list[tuple[int | None, Event]]] = {
        order_id: [(None, event) for event in stored]
        for order_id, stored in snapshot.waiting.items()
    }

    def applied(index: int | None, event: Event, outcome: IngestResult, row: dict[str, Any],
                refresh: bool) -> None:  # fmt: skip
        claimed.add(event.event_id)
        used.update(r.key for r in event.identifiers)
        row["wasPending"] = index is None
        plan.rows.append(row)
        if refresh and outcome.customer_id is not None:
            plan.refresh.add(outcome.customer_id)
        plan.refresh.update(outcome.merged_customer_ids)  # their facts moved: nothing derived left
        if index is None:
            plan.released.append((event, outcome))
        else:
            plan.outcomes[index] = outcome
        if event.type == "order" and row["o"]["lines"] and not row["orderExists"]:
            release(event.payload["orderId"])

    def release(order_id: str) -> None:
        """The order exists now: its steps that waited are played, in order of `at`."""
        for index, event in sorted(waiting.pop(order_id, []), key=lambda w: _when(w[1])):
            if event.event_id in claimed:
                if index is not None:
                    plan.outcomes[index] = IngestResult(
                        event.event_id, "DUPLICATE", warnings=event.warnings
                    )
                continue
            outcome, row, refresh = state.play(event)
            if row is not None:
                applied(index, event, outcome, row, refresh)
            elif index is not None:
                plan.outcomes[index] = outcome

    for index, event in enumerate(events):
        if event.event_id in claimed:
            plan.outcomes.append(IngestResult(event.event_id, "DUPLICATE", warnings=event.warnings))
            continue
        outcome, row, refresh = state.play(event)
        plan.outcomes.append(outcome)
        if row is not None:
            applied(index, event, outcome, row, refresh)
        elif outcome.status == "PENDING":
            waiting.setdefault(event.payload["orderId"], []).append((index, event))
    for entries in waiting.values():
        for position, event in entries:
            if position is not None and event.event_id not in claimed:
                reason = plan.outcomes[position].reason
                assert reason is not None
                plan.pending.append((event, reason))
    _settle_ledgers(state, plan)
    plan.spans = state.widened()
    plan.carts = {cid for cid in state.carts_behind if cid in state.customers}
    seen: set[str] = set()
    stored = [event for entries in snapshot.waiting.values() for event in entries]
    for event in [*events, *stored]:  # a waiting event's identifiers come with it, when applied
        for ref in event.identifiers:
            if ref.key not in used and ref.key not in snapshot.existing and ref.key not in seen:
                seen.add(ref.key)
                plan.orphans.append(ref)
    return plan


def _when(event: Event) -> tuple[datetime, str]:
    return event.at, event.event_id


def _settle_ledgers(state: _State, plan: Plan) -> None:
    """Settle the ledgers the batch touched; a REDEEM of the batch left uncovered makes its
    event PENDING (applied, its points waiting); moves whose standing changed are relabelled."""
    by_event = {o.event_id: i for i, o in enumerate(plan.outcomes)}
    released = {event.event_id: i for i, (event, _) in enumerate(plan.released)}
    for customer_id in sorted(state.ledgers_touched):
        customer = state.customers.get(customer_id)
        if customer is None:
            continue
        for move, balance in ledger.changed_standing(customer.moves):
            (plan.count if balance is None else plan.uncount).append(move.id)
            plan.refresh.add(customer_id)
            event_id = state.move_events.get(move.id)
            if balance is None or event_id is None:
                continue
            reason = ledger.insufficient(move, balance, event_id)
            if event_id in by_event and move in state.new_moves:
                outcome = plan.outcomes[by_event[event_id]]
                outcome.status, outcome.reason = "PENDING", reason
            elif event_id in released:
                outcome = plan.released[released[event_id]][1]
                outcome.status, outcome.reason = "PENDING", reason


class _State:
    """The snapshot as the batch's events change it, one event at a time."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.owners = {key: list(ids) for key, ids in snapshot.owners.items()}
        self.customers = {
            cid: CustomerState(
                c.anonymous, c.first_seen, set(c.keys), list(c.moves), c.cart_at, c.last_seen
            )
            for cid, c in snapshot.customers.items()
        }
        # first and last seen as the graph holds them, and those of the profiles merged away
        self.stored = {cid: (c.first_seen, c.last_seen) for cid, c in snapshot.customers.items()}
        self.left: dict[str, CustomerState] = {}
        self.orders = set(snapshot.orders)
        self.ledgers_touched: set[str] = set()
        self.new_moves: set[Move] = set()
        self.move_events: dict[str, str] = {}  # a new move's id -> its event's id
        self.carts_behind: set[str] = set()

    def play(self, event: Event) -> tuple[IngestResult, dict[str, Any] | None, bool]:
        """Resolve and check one event; its outcome, its write row (None: not applied now), and
        whether its customer's derived fields need recomputing."""
        if event.type == "order" and not event.payload["lines"] and not self._order_known(event):
            order_id = event.payload["orderId"]
            reason = Rejection("WAITING_FOR_ORDER", "order.orderId",
                               f"order {order_id} is not known yet: this step is kept and "
                               "applied when the order's first event (the one with its "
                               "`lines`) arrives")  # fmt: skip
            outcome = IngestResult(
                event.event_id, "PENDING", warnings=event.warnings, reason=reason
            )
            return outcome, None, False
        refs = sorted(event.identifiers, key=lambda r: r.key)
        owners = [
            Owner(cid, ref, self.customers[cid].anonymous, self.customers[cid].first_seen)
            for ref in refs
            for cid in self.owners.get(ref.key, [])
        ]
        # read only: `resolve` copies what it changes
        holdings = {o.customer_id: Holdings(self.customers[o.customer_id].keys) for o in owners}
        decision = resolve(refs, owners, holdings)
        new = decision.target is None
        customer_id = decision.target or derived_id("cus", event.event_id)
        rejection, payload = payload_part(event, self.orders)
        if rejection is None and payload["moves"]:
            moves = [] if new else list(self.customers[customer_id].moves)
            for step in decision.merges:
                moves += self.customers[step.merged_id].moves
            rejection = ledger.over_the_limit(event, moves, payload["moves"])
        if rejection is not None:
            rejected = IngestResult(
                event.event_id, "REJECTED", warnings=event.warnings, error=rejection
            )
            return rejected, None, False

        if new:
            self.customers[customer_id] = CustomerState(True, event.at, set(), last_seen=event.at)
            self.stored[customer_id] = (event.at, event.at)
        target = self.customers[customer_id]
        merged_ids = []
        for step in decision.merges:
            gone = self.customers.pop(step.merged_id)
            target.keys |= gone.keys
            self.left[step.merged_id] = gone
            target.first_seen = min(target.first_seen, gone.first_seen)
            target.last_seen = _latest(target.last_seen, gone.last_seen)
            target.moves += gone.moves
            if gone.moves:
                self.ledgers_touched.add(customer_id)
            target.cart_at = _latest(target.cart_at, gone.cart_at)
            for key in gone.keys:
                ids = self.owners.get(key, [])
                self.owners[key] = [i for i in ids if i != step.merged_id]
                if customer_id not in self.owners[key]:
                    self.owners[key].append(customer_id)
            merged_ids.append(step.merged_id)
        for ref in decision.attach:
            target.keys.add(ref.key)
            if customer_id not in self.owners.setdefault(ref.key, []):
                self.owners[ref.key].append(customer_id)
        target.first_seen = min(target.first_seen, event.at)
        target.last_seen = _latest(target.last_seen, event.at)
        for move in payload["moves"]:
            entry = Move(move["id"], event.at, move["points"], move["action"])
            target.moves.append(entry)
            self.new_moves.add(entry)
            self.move_events[entry.id] = event.event_id
            self.ledgers_touched.add(customer_id)
        if event.type == "cart" or (event.type == "order" and event.payload["cartCheckout"]):
            if target.cart_at is not None and event.at < target.cart_at:
                self.carts_behind.add(customer_id)  # older than what its carts hold
            target.cart_at = _latest(target.cart_at, event.at)
        if event.type == "order" and not payload["orderExists"]:
            self.orders.add(event.payload["orderId"])
        refresh = bool(new or decision.attach or merged_ids or payload["refreshes"])
        if refresh:
            target.anonymous = not any(is_person(_ref(key)) for key in target.keys)

        warnings = [*event.warnings, *decision.warnings]
        if decision.conflict is not None:
            warnings.append(f"identity conflict recorded: {decision.conflict.reason}")
        row = event_row(event, refs, customer_id, new, decision, payload, target.keys)
        return (
            IngestResult(event.event_id, "APPLIED", customer_id, merged_ids, warnings),
            row,
            refresh,
        )

    def widened(self) -> list[dict[str, Any]]:
        """The customers (live or merged away) whose first or last seen the batch moved."""
        rows = []
        for cid, customer in sorted({**self.customers, **self.left}.items()):
            first, last = self.stored.get(cid, (None, None))
            if customer.first_seen == first and customer.last_seen == last:
                continue
            rows.append({
                "id": cid,
                "first": None if customer.first_seen == first else customer.first_seen.isoformat(),
                "last": None if customer.last_seen in (last, None) else customer.last_seen.isoformat(),
            })  # fmt: skip
        return rows

    def _order_known(self, event: Event) -> bool:
        return bool(event.payload["orderId"] in self.orders)


def _latest(one: datetime | None, other: datetime | None) -> datetime | None:
    if one is None or other is None:
        return one or other
    return max(one, other)


def _ref(key: str) -> IdentifierRef:
    kind, value = key.split(":", 1)
    return IdentifierRef(kind, value)

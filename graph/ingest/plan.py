"""Plan a batch of events in memory: who each event goes to, and the write row it becomes.

The pipeline locks every identifier of a batch, reads their owners once (`Snapshot`), and then
plays the events in their given order over that snapshot: each is resolved (`resolve.resolve`)
against the state the events before it left, checked, and turned into one row of
`cypher.APPLY_EVENTS`. Nothing here touches Neo4j, so a batch of 1,000 events costs the same few
round trips as a batch of one.

What happened is decided by `at`, not by arrival (EVENTS.md), so a shuffled replay ends where the
serial one sorted by `at` does:
- an order step whose order is not known yet waits (PENDING, stored in the graph) and is played
  right after the event that creates the order, in this batch or a later one;
- the loyalty ledger is settled by `at` (`settle`): a REDEEM counts when the balance as of its
  `at` covers it, whatever arrived first; one that is not covered waits on the ledger;
- a cart change or checkout older than what the customer's carts already hold marks the
  customer's carts to be derived again by `at` (`graph.ingest.carts`).

    plan = plan_batch(events, snapshot)
    plan.rows        # one map per applied event, in order, for `APPLY_EVENTS`
    plan.outcomes    # one `IngestResult` per event, in order: APPLIED, PENDING, DUPLICATE, REJECTED
    plan.refresh     # customers whose derived fields (traits, points, search text) changed
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from graph.ingest.events import Event, IdentifierRef, IngestResult, Rejection
from graph.ingest.limits import MAX_BALANCE, MAX_QUANTITY
from graph.ingest.resolve import Decision, Holdings, Owner, is_person, resolve


@dataclass(frozen=True)
class Move:
    """One entry of a loyalty ledger; `counted` as the graph holds it (a new one: True)."""

    id: str
    at: datetime
    points: int  # signed: negative for a REDEEM
    action: str
    counted: bool = True


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


def settle(moves: Iterable[Move]) -> dict[str, int | None]:
    """The ledger by `at`: every EARN and ADJUST counts, and a REDEEM counts when the balance as
    of its `at` covers it. For each move, None when it counts, else the balance it found.

    >>> from datetime import datetime as t
    >>> settle([Move("r", t(2026, 3, 2), -30, "REDEEM"), Move("e", t(2026, 3, 1), 50, "EARN"),
    ...         Move("r2", t(2026, 3, 3), -30, "REDEEM")])
    {'e': None, 'r': None, 'r2': 20}
    """
    balance = 0
    out: dict[str, int | None] = {}
    # at one instant a redemption comes before what is earned with it (an order's own points)
    for move in sorted(moves, key=lambda m: (m.at, m.action != "REDEEM", m.id)):
        if move.action == "REDEEM" and balance + move.points < 0:
            out[move.id] = balance
            continue
        balance += move.points
        out[move.id] = None
    return out


def _settle_ledgers(state: _State, plan: Plan) -> None:
    """Settle the ledgers the batch touched; a REDEEM of the batch left uncovered makes its
    event PENDING (applied, its points waiting); moves whose standing changed are relabelled."""
    by_event = {o.event_id: i for i, o in enumerate(plan.outcomes)}
    released = {event.event_id: i for i, (event, _) in enumerate(plan.released)}
    for customer_id in sorted(state.ledgers_touched):
        customer = state.customers.get(customer_id)
        if customer is None:
            continue
        standing = settle(customer.moves)
        for move in customer.moves:
            balance = standing[move.id]
            if move.counted and balance is not None:
                plan.uncount.append(move.id)
            elif not move.counted and balance is None:
                plan.count.append(move.id)
            else:
                continue
            plan.refresh.add(customer_id)
            event_id = state.move_events.get(move.id)
            if balance is None or event_id is None:
                continue
            field_name = "loyalty.points" if move.id == event_id else "order.loyaltyPointsRedeemed"
            reason = _insufficient(-move.points, balance, move.at, field_name)
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
        holdings = {
            o.customer_id: Holdings(set(self.customers[o.customer_id].keys)) for o in owners
        }
        decision = resolve(refs, owners, holdings)
        new = decision.target is None
        customer_id = decision.target or derived_id("cus", event.event_id)
        rejection, payload = _payload(event, self.orders)
        if rejection is None and payload["moves"]:
            moves = [] if new else list(self.customers[customer_id].moves)
            for step in decision.merges:
                moves += self.customers[step.merged_id].moves
            rejection = _balance_check(event, moves, payload["moves"])
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
            self.left[step.merged_id] = gone
            target.keys |= gone.keys
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
        row = _row(event, refs, customer_id, new, decision, payload, target.keys)
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


def _payload(event: Event, orders: set[str]) -> tuple[Rejection | None, dict[str, Any]]:
    """The payload's part of the row, or why the event cannot be applied."""
    p = event.payload
    out: dict[str, Any] = {"moves": [], "refreshes": event.type == "identify",
                           "orderExists": False, "total": None, "traits": []}  # fmt: skip
    if event.type == "identify":
        out["traits"] = [{"name": k, "value": json.dumps(v)} for k, v in p.items()]
    elif event.type == "order":
        exists = p["orderId"] in orders
        if not exists and (p["currency"] is None or p["total"] is None):
            name = "order.currency" if p["currency"] is None else "order.total"
            return Rejection("MISSING_FIELD", name,
                             f"order {p['orderId']} is new: its first event needs it"), out  # fmt: skip
        out["orderExists"] = exists
        out["total"] = p["total"] if exists else None
        if p["loyaltyPointsEarned"]:
            out["moves"].append({"id": f"{event.event_id}:earn", "action": "EARN",
                                 "points": p["loyaltyPointsEarned"], "reference": p["orderId"]})  # fmt: skip
        if p["loyaltyPointsRedeemed"]:
            out["moves"].append({"id": f"{event.event_id}:redeem", "action": "REDEEM",
                                 "points": -p["loyaltyPointsRedeemed"], "reference": p["orderId"]})  # fmt: skip
    elif event.type == "loyalty":
        move = dict(p, id=event.event_id)
        if move["action"] == "REDEEM":
            move["points"] = -move["points"]
        out["moves"].append(move)
        out["refreshes"] = True
    out["refreshes"] = out["refreshes"] or bool(out["moves"])
    return None, out


def _balance_check(event: Event, moves: list[Move], new: list[dict[str, Any]]) -> Rejection | None:
    """A balance never passes `MAX_BALANCE`: judged on what counts now, plus this event."""
    standing = settle(moves)
    balance = sum(m.points for m in moves if standing[m.id] is None)
    if abs(balance + sum(m["points"] for m in new)) <= MAX_BALANCE:
        return None
    field_name = "loyalty.points" if event.type == "loyalty" else "order.loyaltyPointsEarned"
    return Rejection("INVALID_FIELD", field_name, f"the balance of {balance} would pass "
                     f"{MAX_BALANCE:,} points, the most a balance holds")  # fmt: skip


def _insufficient(points: int, balance: int, at: datetime, field_name: str) -> Rejection:
    return Rejection("INSUFFICIENT_POINTS", field_name,
                     f"redeeming {points} points would take the balance as of {at.isoformat()} "
                     f"({balance}) below zero: the event is kept, and the points are redeemed "
                     "once points earned before it arrive")  # fmt: skip


def _row(
    event: Event,
    refs: list[IdentifierRef],
    customer_id: str,
    new: bool,
    decision: Decision,
    payload: dict[str, Any],
    held: set[str],
) -> dict[str, Any]:
    """Everything `APPLY_EVENTS` needs for one event (see the parameter list there); `held`:
    the identifier keys the customer holds once the event is applied."""
    links = {r.key: _merge_id(event.event_id, m.merged_id)
             for m in decision.merges for r in m.linked_by}  # fmt: skip
    conflict = decision.conflict
    device = event.device
    return {
        "eventId": event.event_id,
        "type": event.type,
        "at": event.at.isoformat(),
        "channel": event.channel,
        "source": event.source,
        "storeId": event.store_id,
        "customerId": customer_id,
        "create": new,
        "merges": [
            {
                "survivorId": customer_id,
                "mergedId": m.merged_id,
                "mergeId": _merge_id(event.event_id, m.merged_id),
                "linkedBy": [r.key for r in m.linked_by],
            }
            for m in decision.merges
        ],
        "conflict": None
        if conflict is None
        else {
            "id": f"conflict-{event.event_id}",
            "reason": conflict.reason,
            "customerIds": list(conflict.customer_ids),
            "identifiers": [r.key for r in conflict.identifiers],
        },
        "refs": [
            {
                "type": r.type,
                "value": r.value,
                "held": r.key in held,
                "link": links.get(r.key),
            }
            for r in refs
        ],
        "accounts": _accounts(r for r in refs if r.key in held),
        "device": None
        if device is None
        else {
            "id": device.id,
            "kind": device.kind,
            "os": device.os,
            "model": device.model,
            "appVersion": device.app_version,
            "terminal": device.terminal,
        },
        "deviceId": device.id if device else None,
        "p": event.payload if event.type != "order" else None,
        "o": event.payload if event.type == "order" else None,
        "orderExists": payload["orderExists"],
        "total": payload["total"],
        "traits": payload["traits"],
        "moves": payload["moves"],
        "lineMax": MAX_QUANTITY,
    }


def derived_id(kind: str, source: str) -> str:
    """Ids of what an event creates follow from the event: a replay into an empty graph gives
    the same ids, which makes runs comparable and support tickets reproducible.

    >>> derived_id("cus", "ex-01") == derived_id("cus", "ex-01") != derived_id("cus", "ex-02")
    True
    """
    return f"{kind}-{hashlib.sha256(source.encode()).hexdigest()[:16]}"


def _merge_id(event_id: str, merged_id: str) -> str:
    return derived_id("merge", f"{event_id}/{merged_id}")


def _ref(key: str) -> IdentifierRef:
    kind, value = key.split(":", 1)
    return IdentifierRef(kind, value)


def _accounts(refs: Iterable[IdentifierRef]) -> list[dict[str, str]]:
    kinds = {"LOYALTY_ID": ("loyalty", "LOYALTY"), "CUSTOMER_ID": ("online", "ONLINE")}
    return [
        {"id": f"{kinds[r.type][0]}-{r.value}", "kind": kinds[r.type][1]}
        for r in refs
        if r.type in kinds
    ]

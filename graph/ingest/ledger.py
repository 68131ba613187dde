"""The loyalty ledger: the moves events write, and which of them count.

What happened is decided by `at`, not by arrival (EVENTS.md): the ledger is settled by `at`
(`settle`), so a REDEEM counts when the balance as of its `at` covers it, whatever arrived first;
one that is not covered waits on the ledger (its event is PENDING) until points earned before it
arrive. A balance never passes `MAX_BALANCE` (`over_the_limit`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from graph.ingest.events import Event, Rejection
from graph.ingest.limits import MAX_BALANCE


@dataclass(frozen=True)
class Move:
    """One entry of a loyalty ledger; `counted` as the graph holds it (a new one: True)."""

    id: str
    at: datetime
    points: int  # signed: negative for a REDEEM
    action: str
    counted: bool = True


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


def changed_standing(moves: Sequence[Move]) -> Iterator[tuple[Move, int | None]]:
    """The moves whose standing the ledger, settled again, changes: each with None when it
    counts now, else the balance it found (it stops counting)."""
    standing = settle(moves)
    for move in moves:
        balance = standing[move.id]
        if (move.counted and balance is not None) or (not move.counted and balance is None):
            yield move, balance


def moves_of(event: Event) -> list[dict[str, Any]]:
    """The ledger moves an event writes (rows of `cypher.APPLY_EVENTS`'s `moves`): an order's
    points earned and redeemed, or a loyalty event's one move."""
    p = event.payload
    moves: list[dict[str, Any]] = []
    if event.type == "order":
        if p["loyaltyPointsEarned"]:
            moves.append({"id": f"{event.event_id}:earn", "action": "EARN",
                          "points": p["loyaltyPointsEarned"], "reference": p["orderId"]})  # fmt: skip
        if p["loyaltyPointsRedeemed"]:
            moves.append({"id": f"{event.event_id}:redeem", "action": "REDEEM",
                          "points": -p["loyaltyPointsRedeemed"], "reference": p["orderId"]})  # fmt: skip
    elif event.type == "loyalty":
        move = dict(p, id=event.event_id)
        if move["action"] == "REDEEM":
            move["points"] = -move["points"]
        moves.append(move)
    return moves


def over_the_limit(event: Event, moves: list[Move], new: list[dict[str, Any]]) -> Rejection | None:
    """A balance never passes `MAX_BALANCE`: judged on what counts now, plus this event."""
    standing = settle(moves)
    balance = sum(m.points for m in moves if standing[m.id] is None)
    if abs(balance + sum(m["points"] for m in new)) <= MAX_BALANCE:
        return None
    field_name = "loyalty.points" if event.type == "loyalty" else "order.loyaltyPointsEarned"
    return Rejection("INVALID_FIELD", field_name, f"the balance of {balance} would pass "
                     f"{MAX_BALANCE:,} points, the most a balance holds")  # fmt: skip


def insufficient(move: Move, balance: int, event_id: str) -> Rejection:
    """Why the event of a REDEEM the ledger does not cover is PENDING."""
    field_name = "loyalty.points" if move.id == event_id else "order.loyaltyPointsRedeemed"
    return Rejection("INSUFFICIENT_POINTS", field_name,
                     f"redeeming {-move.points} points would take the balance as of "
                     f"{move.at.isoformat()} ({balance}) below zero: the event is kept, and the "
                     "points are redeemed once points earned before it arrive")  # fmt: skip

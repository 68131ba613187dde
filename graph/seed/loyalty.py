"""Loyalty: points earned on orders and bonuses, adjusted on returns, redeemed for coupons."""

from __future__ import annotations

from graph.seed.orders import Order
from graph.seed.rows import unix
from graph.seed.shopper import Shopper

_COUPONS = ((100, "coupon-10eur"), (250, "coupon-25eur"), (500, "coupon-50eur"))  # (cost, id)


def add_loyalty(shopper: Shopper, orders: list[Order]) -> int:
    """EARN on orders after joining, ADJUST on returns, some REDEEMs; returns the balance."""
    rng = shopper.rng
    since = shopper.loyalty_since if shopper.loyalty_since is not None else shopper.start
    moves: list[tuple[int, str, int, str, str]] = [
        (since, "EARN", 100, rng.choice(("STORE", "WEB", "MOBILE_APP")), "welcome-bonus")
    ]
    for order in orders:
        if order.placed < since or order.status == "CANCELLED":
            continue
        points = int(order.total)
        moves.append((order.placed, "EARN", points, order.channel, order.id))
        if order.status == "RETURNED":
            moves.append((order.steps[-1][2], "ADJUST", -points, order.steps[-1][1], order.id))
    if rng.random() < 0.3:
        moves.append((rng.randint(since, shopper.end), "EARN", 200, "EMAIL", "birthday-bonus"))
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        channel = rng.choice(("STORE", "WEB", "MOBILE_APP"))
        moves.append((rng.randint(since, shopper.end), "REDEEM", 0, channel, ""))
    balance = 0
    append = shopper.rows["loyalty"].append
    k = 0
    for at, action, points, channel, reference in sorted(moves):
        if action == "REDEEM":
            affordable = [c for c in _COUPONS if c[0] <= balance]
            if not affordable:
                continue
            cost, reference = rng.choice(affordable)
            points = -cost
        elif action == "ADJUST":
            points = -min(-points, balance)
            if points == 0:
                continue
        balance += points
        k += 1
        shopper.seen(at, channel)
        append(
            {
                "customerId": shopper.cid,
                "id": f"loy-{shopper.num}-{k:02d}",
                "action": action,
                "points": points,
                "channel": channel,
                "at": unix(at),
                "reference": reference,
            }
        )
    return balance

"""Carts: the ones online orders were checked out from, and the one a customer has open now."""

from __future__ import annotations

from graph.seed.channels import ANONYMOUS_CHANNELS
from graph.seed.orders import Order
from graph.seed.rows import DAY, Row, unix
from graph.seed.shopper import Shopper
from graph.seed.weights import pick


def add_carts(shopper: Shopper, orders: list[Order]) -> None:
    """Some online orders were checked out from a cart; ~40% also have an open cart now."""
    rng = shopper.rng
    number = 0
    since = shopper.start
    checked_out = [o for o in orders if o.channel in ("WEB", "MOBILE_APP") and rng.random() < 0.4][
        -2:
    ]
    for order in checked_out:
        number += 1
        cart_id = f"cart-{shopper.num}-{number}"
        times = sorted(
            max(shopper.start, order.placed - rng.randint(300, 3 * DAY)) for _ in order.lines
        )
        changes = [
            {
                "id": f"{cart_id}-c{n}",
                "action": "ADD",
                "sku": line["sku"],
                "quantity": line["quantity"],
                "unitPrice": line["unitPrice"],
                "channel": order.channel,
                "at": unix(at),
            }
            for n, (line, at) in enumerate(zip(order.lines, times, strict=True), 1)
        ]
        shopper.rows["carts"].append(
            {
                "customerId": shopper.cid,
                "id": cart_id,
                "status": "CHECKED_OUT",
                "updatedAt": unix(order.placed),
                "lastChannel": order.channel,
                "lastDeviceId": order.device_id,
                "items": [
                    {
                        "sku": line["sku"],
                        "quantity": line["quantity"],
                        "unitPrice": line["unitPrice"],
                    }
                    for line in order.lines
                ],
                "changes": changes,
            }
        )
        since = order.placed
    if rng.random() < 0.4:
        add_open_cart(shopper, max(since, shopper.end - 30 * DAY), number + 1)


def add_open_cart(shopper: Shopper, since: int, number: int) -> None:
    rng = shopper.rng
    cart_id = f"cart-{shopper.num}-{number}"
    fx = shopper.fx
    picks = rng.sample(shopper.catalogue.products, rng.randint(1, 3) + 1)
    keep, extra = picks[:-1], picks[-1]
    actions: list[tuple[str, Row, int]] = [("ADD", p, rng.choice((1, 1, 1, 2))) for p in keep]
    if rng.random() < 0.25:  # added something, then changed their mind
        actions.insert(rng.randrange(len(actions)), ("ADD", extra, 1))
        actions.append(("REMOVE", extra, 0))
    if rng.random() < 0.15:
        actions.append(("SET_QUANTITY", keep[0], 2))
    times = sorted(rng.randint(since, max(since, shopper.end)) for _ in actions)
    items: dict[str, Row] = {}
    changes: list[Row] = []
    channel, device_id = "WEB", None
    for n, ((action, product, quantity), at) in enumerate(zip(actions, times, strict=True), 1):
        channel = pick(rng, ANONYMOUS_CHANNELS)
        device_id = shopper.device_for(channel)
        shopper.used(device_id, at)
        shopper.seen(at, channel)
        unit_price = round(product["price"] * fx, 2)
        sku = product["sku"]
        if action == "REMOVE":
            items.pop(sku, None)
        else:
            items[sku] = {"sku": sku, "quantity": quantity, "unitPrice": unit_price}
        changes.append(
            {
                "id": f"{cart_id}-c{n}",
                "action": action,
                "sku": sku,
                "quantity": quantity,
                "unitPrice": unit_price,
                "channel": channel,
                "at": unix(at),
            }
        )
    shopper.rows["carts"].append(
        {
            "customerId": shopper.cid,
            "id": cart_id,
            "status": "OPEN",
            "updatedAt": unix(times[-1]),
            "lastChannel": channel,
            "lastDeviceId": device_id,
            "items": list(items.values()),
            "changes": changes,
        }
    )

"""Orders: where and how each was placed, its lines, and its status history up to the epoch."""

from __future__ import annotations

from dataclasses import dataclass

from graph.seed.catalogue import POS_PER_STORE
from graph.seed.rows import DAY, HOUR, Row, unix
from graph.seed.shopper import Shopper
from graph.seed.weights import pick, weighted

_ONLINE_FULFILMENT = weighted({"SHIP": 65, "PICKUP_IN_STORE": 25, "CURBSIDE": 10})
_LINE_COUNTS = weighted({"1": 55, "2": 28, "3": 12, "4": 5})


@dataclass
class Order:
    """What carts, support cases and loyalty need to know of an order once it is drawn."""

    id: str
    channel: str
    placed: int
    total: float
    lines: list[Row]
    device_id: str | None
    status: str
    steps: list[tuple[str, str, int, str | None]]  # (status, channel, at, store id)


def add_orders(shopper: Shopper, count: int) -> list[Order]:
    rng = shopper.rng
    fx = shopper.fx
    products = shopper.catalogue.products
    orders: list[Order] = []
    for k, placed in enumerate(
        sorted(rng.randint(shopper.start, shopper.end) for _ in range(count)), 1
    ):
        oid = f"ord-{shopper.num}-{k:02d}"
        channel = pick(rng, shopper.order_channels)
        lines: list[Row] = []
        total = 0.0
        for line, product in enumerate(rng.sample(products, int(pick(rng, _LINE_COUNTS))), 1):
            quantity = 1 if rng.random() < 0.85 else rng.randint(2, 3)
            unit_price = round(product["price"] * fx, 2)
            lines.append(
                {
                    "sku": product["sku"],
                    "line": line,
                    "quantity": quantity,
                    "unitPrice": unit_price,
                }
            )
            total += quantity * unit_price
        store_id = pickup_id = device_id = None
        if channel in ("STORE", "KIOSK"):
            store = shopper.home_store if rng.random() < 0.85 else rng.choice(shopper.stores)
            store_id = store.id
            if channel == "STORE":
                fulfillment = "IN_STORE"
                device_id = store.pos_id(rng.randint(1, POS_PER_STORE))
            else:
                fulfillment = "SHIP"
                device_id = store.kiosk_id
        elif channel in ("WEB", "MOBILE_APP"):
            fulfillment = pick(rng, _ONLINE_FULFILMENT)
            device_id = shopper.device_for(channel)
            shopper.used(device_id, placed)
        else:
            fulfillment = "SHIP"
        if fulfillment in ("PICKUP_IN_STORE", "CURBSIDE"):
            pickup_id = shopper.home_store.id
        steps = _steps(shopper, channel, fulfillment, placed, store_id, pickup_id)
        status, updated = steps[-1][0], steps[-1][2]
        for _, step_channel, at, _ in steps:
            shopper.seen(at, step_channel)
        order = Order(oid, channel, placed, round(total, 2), lines, device_id, status, steps)
        orders.append(order)
        shopper.rows["orders"].append(
            {
                "customerId": shopper.cid,
                "id": oid,
                "channel": channel,
                "status": status,
                "fulfillment": fulfillment,
                "placedAt": unix(placed),
                "updatedAt": unix(updated),
                "currency": shopper.country.currency,
                "total": order.total,
                "storeId": store_id,
                "fulfillmentStoreId": pickup_id,
                "deviceId": device_id,
                "lines": lines,
                "statuses": [
                    {
                        "id": f"{oid}-s{n}",
                        "status": step,
                        "channel": step_channel,
                        "at": unix(at),
                        "storeId": step_store,
                    }
                    for n, (step, step_channel, at, step_store) in enumerate(steps, 1)
                ],
            }
        )
    return orders


def _steps(
    shopper: Shopper,
    channel: str,
    fulfillment: str,
    placed: int,
    store_id: str | None,
    pickup_id: str | None,
) -> list[tuple[str, str, int, str | None]]:
    """The status history; steps that would fall after the epoch have not happened yet."""
    rng = shopper.rng
    if fulfillment == "IN_STORE":
        steps = [("PAID", "STORE", placed, store_id)]
        if rng.random() < 0.06:
            steps.append(("RETURNED", "STORE", placed + rng.randint(1, 25) * DAY, store_id))
    elif fulfillment == "SHIP":
        steps = [("PLACED", channel, placed, store_id)]
        at = placed + rng.randint(60, 1800)
        if rng.random() < 0.05:
            steps.append(("CANCELLED", channel, at + rng.randint(600, 2 * DAY), None))
        else:
            steps.append(("PAID", channel, at, store_id))
            at += rng.randint(6 * HOUR, 2 * DAY)
            steps.append(("SHIPPED", channel, at, None))
            at += rng.randint(DAY, 4 * DAY)
            steps.append(("DELIVERED", channel, at, None))
            if rng.random() < 0.07:
                at += rng.randint(2 * DAY, 25 * DAY)
                if rng.random() < 0.5:
                    steps.append(("RETURNED", "STORE", at, shopper.home_store.id))
                else:
                    steps.append(("RETURNED", channel, at, None))
    else:  # PICKUP_IN_STORE, CURBSIDE: placed online, collected in the store
        steps = [("PLACED", channel, placed, None)]
        at = placed
        if rng.random() < 0.5:
            at += rng.randint(60, 1800)
            steps.append(("PAID", channel, at, None))
        at += rng.randint(4 * HOUR, 2 * DAY)
        steps.append(("READY_FOR_PICKUP", "STORE", at, pickup_id))
        if rng.random() < 0.05:
            steps.append(("CANCELLED", "STORE", at + 7 * DAY, pickup_id))
        else:
            steps.append(("PICKED_UP", "STORE", at + rng.randint(HOUR, 3 * DAY), pickup_id))
    return [step for step in steps if step[2] <= 0]

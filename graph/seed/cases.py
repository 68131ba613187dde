"""Support cases: opened by chat, email or phone, some about an order, and their messages."""

from __future__ import annotations

from graph.seed.orders import Order
from graph.seed.rows import DAY, HOUR, unix
from graph.seed.shopper import Shopper

_CASE_CHANNELS = ("CHAT", "EMAIL", "CALL_CENTER")


def add_cases(shopper: Shopper, orders: list[Order]) -> None:
    rng = shopper.rng
    for number in range(1, 2 if rng.random() < 0.85 else 3):
        subject, about_order, opening = rng.choice(_CASE_SUBJECTS)
        while about_order and not orders:
            subject, about_order, opening = rng.choice(_CASE_SUBJECTS)
        order = rng.choice(orders) if about_order else None
        opened = (
            order.placed + rng.randint(DAY, 10 * DAY)
            if order
            else rng.randint(shopper.start, shopper.end)
        )
        at = min(opened, -HOUR)
        case_id = f"case-{shopper.num}-{number}"
        channel = rng.choice(_CASE_CHANNELS)
        messages = [
            {
                "id": f"{case_id}-m1",
                "channel": channel,
                "at": unix(at),
                "action": "OPEN",
                "text": opening,
            }
        ]
        shopper.seen(at, channel)
        resolved = rng.random() < 0.7
        count = rng.randint(2, 5) if resolved else rng.randint(1, 4)
        for n in range(2, count + 1):
            at += rng.randint(1800, 2 * DAY)
            if at > 0:
                break
            if rng.random() < 0.5:
                channel = rng.choice(_CASE_CHANNELS)
            action = "RESOLVE" if resolved and n == count else "MESSAGE"
            text = rng.choice(_CASE_RESOLUTIONS if action == "RESOLVE" else _CASE_FOLLOW_UPS)
            messages.append(
                {
                    "id": f"{case_id}-m{n}",
                    "channel": channel,
                    "at": unix(at),
                    "action": action,
                    "text": text,
                }
            )
            shopper.seen(at, channel)
        if messages[-1]["action"] == "RESOLVE" and rng.random() < 0.1 and at + DAY < 0:
            at += rng.randint(DAY, 5 * DAY) if at + 5 * DAY < 0 else DAY
            channel = rng.choice(_CASE_CHANNELS)
            messages.append(
                {
                    "id": f"{case_id}-m{len(messages) + 1}",
                    "channel": channel,
                    "at": unix(at),
                    "action": "REOPEN",
                    "text": "The problem is back.",
                }
            )
            shopper.seen(at, channel)
        shopper.rows["cases"].append(
            {
                "customerId": shopper.cid,
                "id": case_id,
                "subject": subject,
                "status": "RESOLVED" if messages[-1]["action"] == "RESOLVE" else "OPEN",
                "openedAt": messages[0]["at"],
                "updatedAt": messages[-1]["at"],
                "orderId": order.id if order else None,
                "messages": messages,
            }
        )


# subject -> (is about an order, first message)
_CASE_SUBJECTS: tuple[tuple[str, bool, str], ...] = (
    ("Where is my order?", True, "My order has not arrived yet."),
    ("Wrong size delivered", True, "I ordered an M but received an L."),
    ("Refund not received", True, "I returned the items two weeks ago and have no refund."),
    ("Damaged item", True, "The item arrived damaged."),
    ("Zip is stuck", True, "The zip of my jacket is stuck."),
    ("Loyalty points missing", False, "My last purchase did not earn any points."),
    ("Cannot log in", False, "I cannot log in to my account."),
    ("Change my email address", False, "Please update the email address on my account."),
)
_CASE_FOLLOW_UPS: tuple[str, ...] = (
    "Photo attached as requested.",
    "Any news on this?",
    "Thanks, that helps.",
    "Here is my order number again.",
    "Could you call me back?",
)
_CASE_RESOLUTIONS: tuple[str, ...] = (
    "Refund issued.",
    "Replacement sent.",
    "Exchange arranged in store.",
    "Points credited.",
    "Account access restored.",
    "Email address updated.",
)

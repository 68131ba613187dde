"""Consents: marketing, personalisation and analytics choices, given and sometimes withdrawn."""

from __future__ import annotations

from graph.seed.rows import DAY, unix
from graph.seed.shopper import Shopper


def add_consents(shopper: Shopper) -> None:
    rng = shopper.rng
    changes: list[tuple[int, str, str, bool, str]] = []

    def record(
        purpose: str, channel: str, granted: bool, event_channel: str, at: int | None = None
    ) -> int:
        at = (
            rng.randint(shopper.start, min(shopper.start + 14 * DAY, shopper.end))
            if at is None
            else at
        )
        changes.append((at, purpose, channel, granted, event_channel))
        return at

    signup = rng.choice(("WEB", "MOBILE_APP", "STORE"))
    if rng.random() < 0.65:
        at = record("MARKETING", "EMAIL", True, signup)
        if rng.random() < 0.2:  # changed their mind: the unsubscribe link
            record("MARKETING", "EMAIL", False, "EMAIL", rng.randint(at, shopper.end))
    if rng.random() < 0.35:
        granted = rng.random() < 0.5
        at = record("MARKETING", "SMS", granted, rng.choice((signup, "CALL_CENTER", "SMS")))
        if rng.random() < 0.1:
            record("MARKETING", "SMS", not granted, "CALL_CENTER", rng.randint(at, shopper.end))
    if rng.random() < 0.5:
        record("PERSONALIZATION", "ALL", rng.random() < 0.85, signup)
    if rng.random() < 0.3:
        record("ANALYTICS", "ALL", rng.random() < 0.7, signup)
    if rng.random() < 0.15:
        record("MARKETING", "PUSH", rng.random() < 0.6, "MOBILE_APP")
    append = shopper.rows["consents"].append
    for k, (at, purpose, channel, granted, event_channel) in enumerate(sorted(changes), 1):
        shopper.seen(at)
        append(
            {
                "customerId": shopper.cid,
                "id": f"con-{shopper.num}-{k:02d}",
                "purpose": purpose,
                "channel": channel,
                "granted": granted,
                "at": unix(at),
                "documentVersion": _version(at),
                "eventChannel": event_channel,
            }
        )


def _version(at: int) -> str:
    """The version of the consent text in force at `at`."""
    return "2024-03" if at < -365 * DAY else "2025-01"

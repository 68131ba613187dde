"""The object each type of event carries, checked and normalised: one module per event type.

Each checker takes the object and its path (`order`, `traits`) and returns the payload
`Event.payload` holds, or raises `Rejected` naming the first field that is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graph.ingest.payloads import cart, consent, identify, interaction, loyalty, order, support

Checker = Callable[[dict[str, Any], str], dict[str, Any]]

PAYLOADS: dict[str, Checker] = {
    "identify": identify.traits,
    "interaction": interaction.interaction,
    "order": order.order,
    "cart": cart.cart,
    "support": support.support,
    "consent": consent.consent,
    "loyalty": loyalty.loyalty,
}


def payload_name(kind: str) -> str:
    """The field that holds an event's object: its type's name, but `traits` for `identify`."""
    return "traits" if kind == "identify" else kind

"""How each kind of shopper spreads their interactions and orders over the channels."""

from __future__ import annotations

from graph.seed.weights import Weighted, weighted

# persona -> (interaction channel weights, order channel weights)
_PERSONAS: dict[str, tuple[dict[str, int], dict[str, int]]] = {
    "digital": (
        {
            "WEB": 30,
            "MOBILE_APP": 35,
            "EMAIL": 14,
            "SMS": 2,
            "SOCIAL": 6,
            "CHAT": 5,
            "STORE": 4,
            "KIOSK": 1,
            "CALL_CENTER": 1,
            "MARKETPLACE": 2,
        },
        {"WEB": 40, "MOBILE_APP": 42, "STORE": 6, "MARKETPLACE": 9, "CALL_CENTER": 1, "KIOSK": 2},
    ),
    "store": (
        {
            "STORE": 32,
            "WEB": 14,
            "MOBILE_APP": 8,
            "EMAIL": 15,
            "SMS": 9,
            "CALL_CENTER": 8,
            "KIOSK": 7,
            "CHAT": 2,
            "SOCIAL": 3,
            "MARKETPLACE": 2,
        },
        {"STORE": 62, "WEB": 12, "MOBILE_APP": 4, "KIOSK": 9, "CALL_CENTER": 11, "MARKETPLACE": 2},
    ),
    "omni": (
        {
            "WEB": 22,
            "MOBILE_APP": 22,
            "STORE": 18,
            "EMAIL": 12,
            "SMS": 4,
            "SOCIAL": 5,
            "CHAT": 5,
            "KIOSK": 4,
            "CALL_CENTER": 4,
            "MARKETPLACE": 4,
        },
        {"WEB": 28, "MOBILE_APP": 26, "STORE": 30, "KIOSK": 5, "CALL_CENTER": 4, "MARKETPLACE": 7},
    ),
}
PERSONAS: dict[str, tuple[Weighted, Weighted]] = {
    name: (weighted(interactions), weighted(orders))
    for name, (interactions, orders) in _PERSONAS.items()
}
# where anonymous visitors browse, and where anyone fills the cart they have open now
ANONYMOUS_CHANNELS = weighted({"WEB": 70, "MOBILE_APP": 30})

"""`EventInput`: the event contract of EVENTS.md as GraphQL input, same field names as the JSON.

The mutation turns an `EventInput` back into the JSON object (`as_event_json`) and hands it to the
same validation as `POST /events` and `omnigraph import`, so all three doors behave alike.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types.base import has_object_definition

from schema.enums import (
    CartAction,
    CaseAction,
    Channel,
    ConsentChannel,
    ConsentPurpose,
    DeviceKind,
    Fulfillment,
    IdentifierType,
    InteractionKind,
    LoyaltyAction,
    OrderStatus,
)


@strawberry.enum(description="The event's `type`, spelled as in the JSON contract.")
class EventType(Enum):
    identify = "identify"
    interaction = "interaction"
    order = "order"
    cart = "cart"
    support = "support"
    consent = "consent"
    loyalty = "loyalty"


@strawberry.input
class IdentifierInput:
    type: IdentifierType
    value: str


@strawberry.input
class DeviceInput:
    id: str
    kind: DeviceKind
    os: str | None = None
    model: str | None = None
    app_version: str | None = None


@strawberry.input
class AddressInput:
    line1: str | None = None
    city: str | None = None
    postal_code: str | None = None
    country: str | None = None


@strawberry.input
class TraitsInput:
    given_name: str | None = None
    family_name: str | None = None
    birth_date: str | None = None
    locale: str | None = None
    address: AddressInput | None = None
    sizes: JSON | None = None
    preferences: JSON | None = None


@strawberry.input
class InteractionInput:
    kind: InteractionKind
    sku: str | None = None
    query: str | None = None
    url: str | None = None
    text: str | None = None
    rating: int | None = None
    duration_seconds: int | None = None


@strawberry.input
class OrderLineInput:
    sku: str
    quantity: int
    unit_price: float
    name: str | None = None
    category: str | None = None


@strawberry.input
class OrderInput:
    order_id: str
    status: OrderStatus
    currency: str | None = None
    total: float | None = None
    fulfillment: Fulfillment | None = None
    fulfillment_store_id: str | None = None
    lines: list[OrderLineInput] | None = None
    cart_checkout: bool | None = None
    loyalty_points_earned: int | None = None
    loyalty_points_redeemed: int | None = None


@strawberry.input
class CartInput:
    action: CartAction
    sku: str | None = None
    quantity: int | None = None
    unit_price: float | None = None


@strawberry.input
class SupportInput:
    case_id: str
    action: CaseAction
    subject: str | None = None
    text: str | None = None
    order_id: str | None = None


@strawberry.input
class ConsentInput:
    purpose: ConsentPurpose
    channel: ConsentChannel
    granted: bool
    document_version: str | None = None


@strawberry.input
class LoyaltyInput:
    action: LoyaltyAction
    points: int
    reference: str | None = None


@strawberry.input(description="One event, exactly as in EVENTS.md.")
class EventInput:
    event_id: str
    type: EventType
    at: str = strawberry.field(description="RFC 3339 with offset, e.g. 2026-03-01T19:02:11Z")
    channel: Channel
    identifiers: list[IdentifierInput] | None = None
    device: DeviceInput | None = None
    store_id: str | None = None
    source: str | None = None
    traits: TraitsInput | None = None
    interaction: InteractionInput | None = None
    order: OrderInput | None = None
    cart: CartInput | None = None
    support: SupportInput | None = None
    consent: ConsentInput | None = None
    loyalty: LoyaltyInput | None = None


def as_event_json(value: Any) -> Any:
    """An input object as the contract's JSON: camelCase names, enum values, no unset fields."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [as_event_json(item) for item in value]
    if has_object_definition(value):
        return {
            _camel(name): as_event_json(item)
            for name, item in vars(value).items()
            if item is not None and item is not strawberry.UNSET
        }
    return value


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)

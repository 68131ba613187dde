"""The stored nodes as reads hand them back (`n {.*}`): their properties, typed (graph/MODEL.md).

A property that is not set is not in the row, so everything but the node's key is
`NotRequired`; a reader writes `row.get("name")`, and mypy checks the key exists. Orders and
interactions also carry the ids they link to (their projections in graph/cypher/pages.py). Rows a
single read builds (an order's lines, a page, a customer) are declared next to their Cypher; a
timeline entry (`TimelineItemRow`, graph/cypher/pages.py) holds one of these rows, tagged by kind.
"""

from __future__ import annotations

import datetime
from typing import Literal, NotRequired, TypedDict

from neo4j.time import Date

from graph.temporal import GraphDateTime


class ProductRow(TypedDict):
    sku: str
    name: NotRequired[str | None]
    category: NotRequired[str | None]
    brand: NotRequired[str | None]
    price: NotRequired[float | None]
    consumable: NotRequired[bool | None]


class StoreRow(TypedDict):
    id: str
    name: NotRequired[str | None]
    city: NotRequired[str | None]
    country: NotRequired[str | None]
    timeZone: NotRequired[str | None]
    locale: NotRequired[str | None]


class DeviceRow(TypedDict):
    id: str
    kind: NotRequired[str | None]
    os: NotRequired[str | None]
    model: NotRequired[str | None]
    lastSeen: NotRequired[GraphDateTime | None]


class AccountRow(TypedDict):
    id: str
    kind: NotRequired[str | None]
    status: NotRequired[str | None]
    createdAt: NotRequired[GraphDateTime | None]


class ConsentRow(TypedDict):
    """One consent change; the reads hand out the one in force per (purpose, channel)."""

    id: str
    purpose: str
    channel: str
    granted: bool
    at: NotRequired[GraphDateTime | None]
    documentVersion: NotRequired[str | None]
    eventChannel: NotRequired[str | None]


class CaseMessageRow(TypedDict):
    id: str
    channel: NotRequired[str | None]
    at: NotRequired[GraphDateTime | None]
    text: NotRequired[str | None]
    action: NotRequired[str | None]


class SupportCaseRow(TypedDict):
    """A support case with its messages (oldest first) and the order it concerns."""

    id: str
    status: NotRequired[str | None]
    subject: NotRequired[str | None]
    openedAt: NotRequired[GraphDateTime | None]
    updatedAt: NotRequired[GraphDateTime | None]
    messages: list[CaseMessageRow]
    orderId: str | None


class CartItemRow(TypedDict):
    """One product in a cart (two lines of one product, the customer's and a merge's, as one)."""

    sku: str
    quantity: int
    unitPrice: float | None
    product: ProductRow


class CartRow(TypedDict):
    """A cart with its current items (of a checked-out cart: what was bought), by sku."""

    id: str
    status: NotRequired[str | None]
    updatedAt: NotRequired[GraphDateTime | None]
    lastChannel: NotRequired[str | None]
    lastDeviceId: NotRequired[str | None]
    checkedOutAt: NotRequired[GraphDateTime | None]
    mergedBy: NotRequired[str | None]
    items: list[CartItemRow]


class NoteRow(TypedDict):
    """A note staff wrote (graph/notes.py writes it)."""

    id: str
    text: NotRequired[str | None]
    at: NotRequired[GraphDateTime | None]
    author: NotRequired[str | None]
    role: NotRequired[str | None]
    storeId: NotRequired[str | None]


class ImportantDateRow(TypedDict):
    """A date staff recorded (graph/notes.py writes it), or the birthday a resolver adds."""

    kind: str
    date: Date | datetime.date
    id: NotRequired[str]
    at: NotRequired[GraphDateTime | None]
    author: NotRequired[str | None]
    role: NotRequired[str | None]
    storeId: NotRequired[str | None]


class CartChangeRow(TypedDict):
    id: str
    action: NotRequired[str | None]
    sku: NotRequired[str | None]
    quantity: NotRequired[int | None]
    unitPrice: NotRequired[float | None]
    channel: NotRequired[str | None]
    at: NotRequired[GraphDateTime | None]
    deviceId: NotRequired[str | None]


class LoyaltyMoveRow(TypedDict):
    id: str
    action: NotRequired[str | None]
    points: NotRequired[int | None]
    channel: NotRequired[str | None]
    at: NotRequired[GraphDateTime | None]
    reference: NotRequired[str | None]


class OrderRow(TypedDict):
    """An order's stored properties and the ids it links to (graph/cypher/pages.py `ORDER_PROJECTION`)."""

    id: str
    channel: NotRequired[str | None]
    status: NotRequired[str | None]
    fulfillment: NotRequired[str | None]
    placedAt: NotRequired[GraphDateTime | None]
    updatedAt: NotRequired[GraphDateTime | None]
    currency: NotRequired[str | None]
    total: NotRequired[float | None]
    customerId: str | None
    storeId: str | None
    fulfillmentStoreId: str | None
    deviceId: str | None


class InteractionRow(TypedDict):
    """An interaction's stored properties and its store and device (`INTERACTION_PROJECTION`)."""

    id: str
    kind: NotRequired[str | None]
    channel: NotRequired[str | None]
    at: NotRequired[GraphDateTime | None]
    sku: NotRequired[str | None]
    query: NotRequired[str | None]
    url: NotRequired[str | None]
    text: NotRequired[str | None]
    rating: NotRequired[int | None]
    durationSeconds: NotRequired[int | None]
    storeId: str | None
    deviceId: str | None


class TimelineMessageRow(CaseMessageRow):
    """A case message on the timeline: with its case's id and subject."""

    caseId: str
    subject: str | None


class _TimelineEntry(TypedDict):
    at: GraphDateTime
    id: str
    channel: str | None


# One entry of the timeline: `data` is the fact's row, of the type `kind` names.
class OrderEntryRow(_TimelineEntry):
    kind: Literal["ORDER"]
    data: OrderRow


class InteractionEntryRow(_TimelineEntry):
    kind: Literal["INTERACTION"]
    data: InteractionRow


class CartEntryRow(_TimelineEntry):
    kind: Literal["CART"]
    data: CartChangeRow


class CaseMessageEntryRow(_TimelineEntry):
    kind: Literal["CASE_MESSAGE"]
    data: TimelineMessageRow


class ConsentEntryRow(_TimelineEntry):
    kind: Literal["CONSENT"]
    data: ConsentRow


class LoyaltyEntryRow(_TimelineEntry):
    kind: Literal["LOYALTY"]
    data: LoyaltyMoveRow


TimelineItemRow = (
    OrderEntryRow | InteractionEntryRow | CartEntryRow | CaseMessageEntryRow | ConsentEntryRow
    | LoyaltyEntryRow
)  # fmt: skip

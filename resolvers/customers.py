"""Request-time work for customers: lookups, search, and the pages one hop away."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict

from graph.cypher.customer_search import search_customers
from graph.identifiers import InvalidIdentifier, normalize
from graph.search import MAX_SEARCH_LENGTH, lucene_query
from graph.temporal import GraphDateTime
from resolvers.access import ASSOCIATE_LOOKUPS, Forbidden, customer_view
from resolvers.context import Info, require
from resolvers.errors import BadUserInput
from resolvers.loaders.catalog import DeviceByIdLoader, DeviceRow
from resolvers.loaders.customers import (
    AccountRow,
    AccountsByCustomerLoader,
    ConsentRow,
    ConsentsByCustomerLoader,
    CustomerByIdentifierLoader,
    CustomerByIdLoader,
    CustomerRow,
    DevicesByCustomerLoader,
    IdentifierRow,
    IdentifiersByCustomerLoader,
    StatsByCustomerLoader,
    StatsRow,
)
from resolvers.loaders.pages import (
    InteractionRow,
    InteractionsPageByCustomerLoader,
    OrderRow,
    OrdersPageByCustomerLoader,
)
from resolvers.pages import Page, iso, keyed_page, time_page
from resolvers.pagination import decode_cursor, encode_cursor, page_size, time_position
from resolvers.principal import Role
from resolvers.rfm import Rfm
from resolvers.rfm import of_stats as rfm_of_stats
from resolvers.selection import asks_for

# The order in which a customer's identifiers are listed: strongest evidence first.
IDENTIFIER_ORDER = (
    "CUSTOMER_ID",
    "LOYALTY_ID",
    "EMAIL",
    "PHONE",
    "SOCIAL_HANDLE",
    "PAYMENT_TOKEN",
    "DEVICE_ID",
    "COOKIE_ID",
)


async def customer(info: Info, customer_id: str) -> CustomerRow | None:
    """`customer(id)`: staff who look customers up by id."""
    require(info, "customer")
    return await CustomerByIdLoader(info).load(customer_id)


async def me(info: Info) -> CustomerRow | None:
    """The signed-in customer's own profile; None for staff (who have no profile here)."""
    principal = require(info, "me")
    if principal.role is not Role.CUSTOMER or principal.customer_id is None:
        return None
    return await CustomerByIdLoader(info).load(principal.customer_id)


async def customer_by_identifier(info: Info, kind: str, value: str) -> CustomerRow | None:
    require(info, "customerByIdentifier")
    if info.context.principal.role is Role.ASSOCIATE and kind not in ASSOCIATE_LOOKUPS:
        raise Forbidden("Associates look customers up by PHONE, EMAIL or LOYALTY_ID", field="type")
    try:
        normalized = normalize(kind, value, info.context.default_region)
    except InvalidIdentifier as error:
        raise BadUserInput(str(error), field="value") from error
    return await CustomerByIdentifierLoader(info).load((kind, normalized))


@dataclass(frozen=True)
class SearchArguments:
    """`customers(search, first, after)` checked: the page size, the Lucene query (None: list
    by id) and the keyset position after which the page starts."""

    size: int
    query: str | None
    after_score: float | None
    after_id: str | None


def search_arguments(text: str | None, first: int | None, after: str | None) -> SearchArguments:
    """Raises `BadUserInput` as the API reports it (both read paths use it)."""
    size = page_size(first)
    query = None
    if text is not None:
        if len(text) > MAX_SEARCH_LENGTH:
            raise BadUserInput(
                f"`search` is limited to {MAX_SEARCH_LENGTH} characters", field="search"
            )
        query = lucene_query(text)
        if query is None and text.strip():  # `*` or `?` is not "everyone"
            raise BadUserInput("`search` has nothing to search for: use words, digits or an "
                               "e-mail address", field="search")  # fmt: skip
    kind = "search" if query is not None else "customers"
    if query is None:
        position = decode_cursor(after, kind, 1)
        after_score, after_id = None, position[0] if position else None
    else:
        position = decode_cursor(after, kind, 3)
        if position is not None and position[0] != query:
            raise BadUserInput("`after` belongs to a different search", field="after")
        after_score, after_id = (position[1], position[2]) if position else (None, None)
    if after_id is not None and not isinstance(after_id, str):
        raise BadUserInput("`after` is not a cursor of this list", field="after")
    if after_score is not None and not isinstance(after_score, (int, float)):
        raise BadUserInput("`after` is not a cursor of this list", field="after")
    return SearchArguments(size, query, after_score, after_id)


class SearchHit(CustomerRow):
    """A customer found by `customers(search:)`, with its relevance (None when listing by id)."""

    _score: float | None


async def search(
    info: Info, text: str | None, first: int | None, after: str | None
) -> Page[SearchHit]:
    require(info, "customers")
    checked = search_arguments(text, first, after)
    size, query = checked.size, checked.query
    after_score, after_id = checked.after_score, checked.after_id
    kind = "search" if query is not None else "customers"
    total, hits = await search_customers(
        info.context.reader, query, size + 1, after_score, after_id,
        with_total=asks_for(info, "totalCount"),
    )  # fmt: skip
    viewer = info.context.principal
    rows: list[SearchHit] = [
        {**customer_view(viewer.role, hit["customer"]), "_score": hit["score"]} for hit in hits
    ]
    info.context.loaders.customers_read.update(row["id"] for row in rows[:size])

    def cursor(row: SearchHit) -> str:
        if query is None:
            return encode_cursor(kind, row["id"])
        return encode_cursor(kind, query, row["_score"], row["id"])

    return keyed_page(rows, size, total, cursor)


async def devices(info: Info, customer_id: str) -> list[DeviceRow]:
    require(info, "devices")
    return await DevicesByCustomerLoader(info).load(customer_id)


async def device(info: Info, device_id: str | None) -> DeviceRow | None:
    """A device an order or an interaction names, for roles that see devices."""
    require(info, "devices")
    return await DeviceByIdLoader(info).load(device_id) if device_id is not None else None


async def accounts(info: Info, customer_id: str) -> list[AccountRow]:
    require(info, "accounts")
    return await AccountsByCustomerLoader(info).load(customer_id)


async def consents(info: Info, customer_id: str) -> list[ConsentRow]:
    return await ConsentsByCustomerLoader(info).load(customer_id)


async def identifiers(info: Info, customer_id: str) -> list[IdentifierRow]:
    rows = await IdentifiersByCustomerLoader(info).load(customer_id)
    rank = {kind: index for index, kind in enumerate(IDENTIFIER_ORDER)}
    return sorted(rows, key=lambda r: (rank.get(r["type"], 99), r["value"]))


async def orders(
    info: Info,
    customer_id: str,
    first: int | None,
    after: str | None,
    channel: str | None,
    status: str | None,
) -> Page[OrderRow]:
    size = page_size(first)
    position = time_position(after, "order")
    loader = OrdersPageByCustomerLoader(
        info, limit=size + 1, after=position, channel=channel, status=status,
        with_total=asks_for(info, "totalCount"),
    )  # fmt: skip
    result = await loader.load(customer_id)
    return time_page("order", result, size, "placedAt")


async def interactions(
    info: Info,
    customer_id: str,
    first: int | None,
    after: str | None,
    channels: Sequence[str] | None,
    kinds: Sequence[str] | None,
    since: datetime | None,
    until: datetime | None,
) -> Page[InteractionRow]:
    require(info, "interactions")
    size = page_size(first)
    position = time_position(after, "interaction")
    for name, moment in (("since", since), ("until", until)):
        if moment is not None and moment.tzinfo is None:
            raise BadUserInput(f"`{name}` needs a time zone offset, e.g. Z", field=name)
    loader = InteractionsPageByCustomerLoader(
        info,
        limit=size + 1,
        after=position,
        channels=tuple(sorted(channels)) if channels is not None else None,
        kinds=tuple(sorted(kinds)) if kinds is not None else None,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        with_total=asks_for(info, "totalCount"),
    )
    return time_page("interaction", await loader.load(customer_id), size, "at")


async def stats(info: Info, customer_id: str) -> Stats:
    """Lifetime value and the channel mix, derived from everything the customer did."""
    raw = await StatsByCustomerLoader(info).load(customer_id)
    if raw is None:
        raw = {
            "lifetimeValue": 0.0,
            "orderCount": 0,
            "channels": [],
            "firstSeen": None,
            "lastSeen": None,
            "lastOrderAt": None,
        }
    return stats_of(raw)


class Stats(TypedDict):
    """A customer's stats as `CustomerStats` answers them (both read paths build them here)."""

    lifetime_value: float
    order_count: int
    average_order_value: float | None
    first_seen: GraphDateTime | None
    last_seen: GraphDateTime | None
    last_channel: str | None
    preferred_channel: str | None
    channels: list[str]
    rfm: Rfm


def stats_of(raw: StatsRow) -> Stats:
    """The stats of a customer from the raw figures `graph.cypher.customers.stats` reads (both
    read paths use it)."""
    channels = sorted(raw["channels"], key=lambda c: (-c["uses"], c["channel"]))
    by_recency = sorted(raw["channels"], key=lambda c: (iso(c["last"]), c["channel"]))
    count = int(raw["orderCount"])
    value = round(float(raw["lifetimeValue"]), 2)
    return Stats(
        lifetime_value=value,
        order_count=count,
        average_order_value=round(value / count, 2) if count else None,
        first_seen=raw["firstSeen"],
        last_seen=raw["lastSeen"],
        last_channel=by_recency[-1]["channel"] if by_recency else None,
        preferred_channel=channels[0]["channel"] if channels else None,
        channels=sorted(c["channel"] for c in raw["channels"]),
        rfm=rfm_of_stats(raw),
    )

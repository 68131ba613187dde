"""Loaders of connection pages: one page (`PageRow`: `{"total", "items"}`) per key, fetched newest first with
one item more than asked (which says more follow); `with_total` False skips the count."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, TypeVar

from graph.cypher import pages
from graph.cypher.pages import PageRow as PageRow  # what the loaders hand `schema/`
from graph.cypher.rows import CartChangeRow as CartChangeRow
from graph.cypher.rows import InteractionRow as InteractionRow
from graph.cypher.rows import LoyaltyMoveRow as LoyaltyMoveRow
from graph.cypher.rows import OrderRow as OrderRow
from graph.cypher.rows import TimelineItemRow as TimelineItemRow
from graph.driver import GraphReader
from resolvers import access
from resolvers.loaders import GraphLoader
from resolvers.principal import Role

if TYPE_CHECKING:
    from resolvers.context import Info

After = tuple[str, str] | None  # the (time, id) a page starts after
R = TypeVar("R")


class _Page(GraphLoader[str, PageRow[R]]):
    def __init__(self, info: Info, *, limit: int, after: After, with_total: bool = True) -> None:
        super().__init__(info)
        self.limit, self.after, self.with_total = limit, after, with_total

    def arguments(self) -> tuple[Hashable, ...]:
        return (self.limit, self.after, self.with_total)

    def missing(self) -> PageRow[R]:
        return {"total": 0, "items": []}


class OrdersPageByCustomerLoader(_Page[OrderRow]):
    def __init__(
        self, info: Info, *, limit: int, after: After, channel: str | None, status: str | None,
        with_total: bool = True,
    ) -> None:  # fmt: skip
        super().__init__(info, limit=limit, after=after, with_total=with_total)
        self.channel, self.status = channel, status

    def arguments(self) -> tuple[Hashable, ...]:
        return (*super().arguments(), self.channel, self.status)

    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, PageRow[OrderRow]]:
        return await pages.orders_page(
            reader, keys, limit=self.limit, after=self.after, channel=self.channel,
            status=self.status, with_total=self.with_total,
        )  # fmt: skip

    def view(self, role: Role, value: PageRow[OrderRow]) -> PageRow[OrderRow]:
        return access.page_view(role, value)


class InteractionsPageByCustomerLoader(_Page[InteractionRow]):
    def __init__(
        self, info: Info, *, limit: int, after: After, channels: tuple[str, ...] | None,
        kinds: tuple[str, ...] | None, since: str | None, until: str | None,
        with_total: bool = True,
    ) -> None:  # fmt: skip
        super().__init__(info, limit=limit, after=after, with_total=with_total)
        self.channels, self.kinds, self.since, self.until = channels, kinds, since, until

    def arguments(self) -> tuple[Hashable, ...]:
        return (*super().arguments(), self.channels, self.kinds, self.since, self.until)

    async def read(
        self, reader: GraphReader, keys: Sequence[str]
    ) -> dict[str, PageRow[InteractionRow]]:
        return await pages.interactions_page(
            reader, keys, limit=self.limit, after=self.after, channels=self.channels,
            kinds=self.kinds, since=self.since, until=self.until, with_total=self.with_total,
        )  # fmt: skip

    def view(self, role: Role, value: PageRow[InteractionRow]) -> PageRow[InteractionRow]:
        return access.page_view(role, value)


class NewestFirst(_Page[R]):
    """A list read newest first by (at, id), with no argument but the page's."""


class TimelinePageByCustomerLoader(NewestFirst[TimelineItemRow]):
    async def read(
        self, reader: GraphReader, keys: Sequence[str]
    ) -> dict[str, PageRow[TimelineItemRow]]:
        return await pages.timeline_page(reader, keys, limit=self.limit, after=self.after)

    def view(self, role: Role, value: PageRow[TimelineItemRow]) -> PageRow[TimelineItemRow]:
        return access.timeline_view(role, value)


class LedgerPageByCustomerLoader(NewestFirst[LoyaltyMoveRow]):
    """The loyalty ledger."""

    async def read(
        self, reader: GraphReader, keys: Sequence[str]
    ) -> dict[str, PageRow[LoyaltyMoveRow]]:
        return await pages.loyalty_page(reader, keys, limit=self.limit, after=self.after)


class HistoryPageByCartLoader(NewestFirst[CartChangeRow]):
    """A cart's changes."""

    async def read(
        self, reader: GraphReader, keys: Sequence[str]
    ) -> dict[str, PageRow[CartChangeRow]]:
        return await pages.cart_history_page(reader, keys, limit=self.limit, after=self.after)

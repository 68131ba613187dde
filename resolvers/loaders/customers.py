"""Loaders of a customer and of what hangs off one customer id (one `graph/cypher` read each)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING

from graph.cypher import clienteling, customer_journey, customers, identity, recommendations
from graph.cypher.customer_journey import JourneyRow as JourneyRow
from graph.cypher.customer_journey import StepRow as StepRow
from graph.cypher.customers import CustomerRow as CustomerRow
from graph.cypher.customers import StatsRow as StatsRow
from graph.cypher.identity import ConflictRow as ConflictRow
from graph.cypher.identity import IdentifierRefRow as IdentifierRefRow
from graph.cypher.identity import IdentifierRow as IdentifierRow
from graph.cypher.identity import MergeRow as MergeRow
from graph.cypher.recommendations import RecommendationRow
from graph.cypher.rows import AccountRow as AccountRow  # what the loaders hand `schema/`
from graph.cypher.rows import CartRow as CartRow
from graph.cypher.rows import ConsentRow as ConsentRow
from graph.cypher.rows import DeviceRow
from graph.cypher.rows import ImportantDateRow as ImportantDateRow
from graph.cypher.rows import NoteRow as NoteRow
from graph.cypher.rows import SupportCaseRow as SupportCaseRow
from graph.driver import GraphReader
from resolvers import access
from resolvers.loaders import ManyOf, OneOf, ShowsCustomer
from resolvers.principal import Role

if TYPE_CHECKING:
    from resolvers.context import Info


class CustomerByIdLoader(ShowsCustomer[str]):
    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, CustomerRow]:
        return await customers.customers_by_id(reader, keys)


class CustomerByIdentifierLoader(ShowsCustomer[tuple[str, str]]):
    """The customer owning an identifier, by (type, normalised value)."""

    async def read(
        self, reader: GraphReader, keys: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], CustomerRow]:
        return await customers.customers_by_identifier(reader, keys)


class IdentifiersByCustomerLoader(ManyOf[str, IdentifierRow]):
    async def read(
        self, reader: GraphReader, keys: Sequence[str]
    ) -> dict[str, list[IdentifierRow]]:
        return await identity.identifiers(reader, keys)

    def view(self, role: Role, value: list[IdentifierRow]) -> list[IdentifierRow]:
        return access.identifiers_view(role, value)


class DevicesByCustomerLoader(ManyOf[str, DeviceRow]):
    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, list[DeviceRow]]:
        return await customers.devices(reader, keys)


class AccountsByCustomerLoader(ManyOf[str, AccountRow]):
    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, list[AccountRow]]:
        return await customers.accounts(reader, keys)


class OpenCartByCustomerLoader(OneOf[str, CartRow]):
    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, CartRow]:
        return await customers.open_carts(reader, keys)

    def view(self, role: Role, value: CartRow | None) -> CartRow | None:
        return access.cart_view(role, value)


class SupportCasesByCustomerLoader(ManyOf[str, SupportCaseRow]):
    async def read(
        self, reader: GraphReader, keys: Sequence[str]
    ) -> dict[str, list[SupportCaseRow]]:
        return await customers.support_cases(reader, keys)

    def view(self, role: Role, value: list[SupportCaseRow]) -> list[SupportCaseRow]:
        return access.support_cases_view(role, value)


class ConsentsByCustomerLoader(ManyOf[str, ConsentRow]):
    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, list[ConsentRow]]:
        return await customers.consents(reader, keys)


class StatsByCustomerLoader(OneOf[str, StatsRow]):
    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, StatsRow]:
        return await customers.stats(reader, keys)


class MergesByCustomerLoader(ManyOf[str, MergeRow]):
    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, list[MergeRow]]:
        return await identity.merges(reader, keys)


class ConflictsByCustomerLoader(ManyOf[str, ConflictRow]):
    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, list[ConflictRow]]:
        return await identity.conflicts(reader, keys)


class NotesByCustomerLoader(ManyOf[str, NoteRow]):
    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, list[NoteRow]]:
        return await clienteling.notes(reader, keys)


class ImportantDatesByCustomerLoader(ManyOf[str, ImportantDateRow]):
    async def read(
        self, reader: GraphReader, keys: Sequence[str]
    ) -> dict[str, list[ImportantDateRow]]:
        return await clienteling.important_dates(reader, keys)


class JourneyByCustomerLoader(OneOf[str, JourneyRow]):
    """How the customer moves between channels (touchpoints, transitions, the two flags)."""

    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, JourneyRow]:
        return await customer_journey.journeys(reader, keys)


class JourneyPathByCustomerLoader(ManyOf[str, StepRow]):
    """The first `first` touchpoints, or the last `last` ones, oldest first."""

    def __init__(self, info: Info, *, first: int, last: int | None) -> None:
        super().__init__(info)
        self.first, self.last = first, last

    def arguments(self) -> tuple[Hashable, ...]:
        return (self.first, self.last)

    async def read(self, reader: GraphReader, keys: Sequence[str]) -> dict[str, list[StepRow]]:
        return await customer_journey.paths(reader, keys, first=self.first, last=self.last)


class RecommendationsByCustomerLoader(ManyOf[str, RecommendationRow]):
    """Up to `limit` suggestions, best first."""

    def __init__(self, info: Info, *, limit: int) -> None:
        super().__init__(info)
        self.limit = limit

    def arguments(self) -> tuple[Hashable, ...]:
        return (self.limit,)

    async def read(
        self, reader: GraphReader, keys: Sequence[str]
    ) -> dict[str, list[RecommendationRow]]:
        return await recommendations.recommendations(reader, keys, limit=self.limit)

"""How a customer moves between channels (`Customer.journey`): the transitions and the path."""

from __future__ import annotations

from resolvers.context import Info
from resolvers.errors import BadUserInput
from resolvers.loaders.customers import (
    JourneyByCustomerLoader,
    JourneyPathByCustomerLoader,
    JourneyRow,
    StepRow,
)
from resolvers.pagination import page_size

_NO_JOURNEY: JourneyRow = {
    "touchpoints": 0, "transitions": [],
    "researchOnlineBuyOffline": False, "researchOfflineBuyOnline": False,
}  # fmt: skip


async def journey(info: Info, customer_id: str) -> JourneyRow:
    return await JourneyByCustomerLoader(info).load(customer_id) or _NO_JOURNEY


async def path(info: Info, customer_id: str, first: int | None, last: int | None) -> list[StepRow]:
    """The first `first` touchpoints (20 when neither is given), or the last `last` ones;
    oldest first either way."""
    if first is not None and last is not None:
        raise BadUserInput("Pass `first` or `last`, not both", field="last")
    count_first = page_size(first)
    count_last = page_size(last) if last is not None else None
    if count_last == 0:
        return []  # `steps[-0..]` would be all of them
    return await JourneyPathByCustomerLoader(info, first=count_first, last=count_last).load(
        customer_id
    )

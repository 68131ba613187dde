"""Request-time work for the live feeds: who may watch what, and following merges.

| role | `customerActivity(customerId)` | `storeActivity(storeId)` |
|---|---|---|
| customer | their own profile only (their token's `customer_id`) | no |
| associate | anyone (the customer is masked as in queries) | the store of their token only |
| agent, admin | anyone | any store |
| analyst, ingest | no | no |

A feed of a merged-away profile follows the survivor, and a feed whose customer is merged into
another while it runs follows that one too (the merging event names the merged profile).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from graph import audit
from graph.cypher import catalog, customers
from graph.cypher.customers import CustomerRow
from resolvers import access
from resolvers.context import Info
from resolvers.errors import NotFound
from resolvers.live.activities import customer_topic, store_topic
from resolvers.live.bus import Activity, ActivityBus
from resolvers.loaders import Loaders
from resolvers.loaders.customers import CustomerByIdLoader
from resolvers.principal import Role


def _bus(info: Info) -> ActivityBus:
    bus = info.context.bus
    if bus is None:  # only a context built by hand (tests of resolvers alone) lacks one
        raise RuntimeError("no activity bus on this request's context")
    return bus


async def _survivor(info: Info, customer_id: str | None) -> str | None:
    """The live profile an id names now (itself, or the survivor it was merged into)."""
    if not customer_id:
        return None
    found = await customers.customers_by_id(info.context.reader, [customer_id])
    record = found.get(customer_id)
    return str(record["id"]) if record else None


async def customer_activity(info: Info, customer_id: str) -> AsyncIterator[Activity]:
    principal = info.context.principal
    access.require(principal, "customerActivity")
    survivor = await _survivor(info, customer_id)
    if principal.role is Role.CUSTOMER:
        # the same answer whether or not the profile exists: nothing to learn about others
        if survivor is None or survivor != await _survivor(info, principal.customer_id):
            raise access.Forbidden("A customer may only follow their own activity")
    elif survivor is None:
        raise NotFound(f"No customer {customer_id!r}", field="customerId")
    async with _bus(info).subscribe({customer_topic(survivor)}) as feed:
        async for activity in feed:
            if any(customer_topic(m) in feed.topics for m in activity["mergedCustomerIds"]):
                feed.add(customer_topic(activity["customerId"]))
            yield activity


async def store_activity(info: Info, store_id: str) -> AsyncIterator[Activity]:
    principal = info.context.principal
    access.require(principal, "storeActivity")
    if principal.role is Role.ASSOCIATE and principal.store_id != store_id:
        raise access.Forbidden("An associate may only follow the activity of their own store")
    if store_id not in await catalog.stores(info.context.reader, [store_id]):
        raise NotFound(f"No store {store_id!r}", field="storeId")
    async with _bus(info).subscribe({store_topic(store_id)}) as feed:
        async for activity in feed:
            yield activity


async def activity_customer(info: Info, customer_id: str | None) -> CustomerRow | None:
    """The activity's customer as the subscriber may see them, read afresh for each activity
    (a subscription lives for hours: the connection's loaders would serve stale profiles)."""
    if customer_id is None:
        return None
    context = info.context
    loaders = Loaders(context.reader, context.principal)
    record = await CustomerByIdLoader(info, loaders=loaders).load(customer_id)
    principal = context.principal
    if principal.staff and loaders.customers_read:
        reader = context.reader
        await audit.record(
            reader.driver, reader.database,
            audit.Actor(principal.subject, principal.role.value, principal.store_id), "READ",
            loaders.customers_read, operation=str(info.path.as_list()[0]), reason=context.reason,
        )  # fmt: skip
    return record

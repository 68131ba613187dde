"""How a customer moves between channels: their touchpoints in time order, the channel changes
between consecutive touchpoints, and whether they research on one side and buy on the other.

A *touchpoint* is something the customer did, on its channel: an interaction, a cart change, a
case message, a consent change, a loyalty move, and the order steps they take themselves (placing
or paying at the till, picking up, cancelling, returning; not the shop's SHIPPED, DELIVERED or
READY_FOR_PICKUP, nor a PAID that follows a PLACED). Facts of one moment on one channel (a till
sale and the points it earned) are one touchpoint.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from graph.cypher.keyed import by_key
from graph.driver import GraphReader
from graph.temporal import GraphDateTime

TransitionRow = TypedDict("TransitionRow", {"from": str, "to": str, "count": int})


class JourneyRow(TypedDict):
    """How many touchpoints, the channel changes (most frequent first), the two patterns."""

    touchpoints: int
    transitions: list[TransitionRow]
    researchOnlineBuyOffline: bool
    researchOfflineBuyOnline: bool


class StepRow(TypedDict):
    """One touchpoint: when, on which channel, what happened."""

    at: GraphDateTime
    channel: str
    kind: str


# Where research and purchases happen, for the two cross-channel patterns below.
ONLINE_RESEARCH = ("WEB", "MOBILE_APP")
ONLINE_PURCHASE = ("WEB", "MOBILE_APP", "MARKETPLACE")
OFFLINE = ("STORE", "KIOSK")
# A store visit without a product is followed by an online order within this many days.
VISIT_WINDOW_DAYS = 7

# The customer `c`'s touchpoints in time order, as `steps` ({at, channel, kind}).
_STEPS = """
CALL (c) {
  CALL (c) {
    MATCH (c)-[:PERFORMED]->(i:Interaction)
    RETURN i.at AS at, i.id AS id, i.channel AS channel, i.kind AS kind
    UNION ALL
    MATCH (c)-[:PLACED]->(o:Order)-[:HAS_STATUS]->(s:OrderStatus)
    WHERE NOT s.status IN ['SHIPPED', 'DELIVERED', 'READY_FOR_PICKUP']
      AND (s.status <> 'PAID' OR NOT EXISTS { (o)-[:HAS_STATUS]->(:OrderStatus {status: 'PLACED'}) })
    RETURN s.at AS at, s.id AS id, s.channel AS channel, 'ORDER_' + s.status AS kind
    UNION ALL
    MATCH (c)-[:CHANGED_CART]->(x:CartChange)
    RETURN x.at AS at, x.id AS id, x.channel AS channel, 'CART_' + x.action AS kind
    UNION ALL
    MATCH (c)-[:OPENED_CASE]->(:SupportCase)-[:HAS_MESSAGE]->(m:CaseMessage)
    RETURN m.at AS at, m.id AS id, m.channel AS channel, 'CASE_' + m.action AS kind
    UNION ALL
    MATCH (c)-[:GAVE_CONSENT]->(x:Consent)
    RETURN x.at AS at, x.id AS id, x.eventChannel AS channel, 'CONSENT' AS kind
    UNION ALL
    MATCH (c)-[:EARNED_OR_SPENT]->(l:LoyaltyMove)
    RETURN l.at AS at, l.id AS id, l.channel AS channel, 'LOYALTY_' + l.action AS kind
  }
  WITH at, id, channel, kind WHERE channel IS NOT NULL
  ORDER BY at, id
  WITH collect({at: at, channel: channel, kind: kind}) AS seen
  RETURN [n IN range(0, size(seen) - 1)
          WHERE n = 0 OR seen[n].at <> seen[n - 1].at OR seen[n].channel <> seen[n - 1].channel
          | seen[n]] AS steps
}
"""

_JOURNEY = (
    """
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})"""
    + _STEPS
    + """CALL (steps) {
  UNWIND range(1, size(steps) - 1) AS n
  WITH steps[n - 1].channel AS from, steps[n].channel AS to
  WHERE from <> to
  WITH from, to, count(*) AS times
  ORDER BY times DESC, from, to
  RETURN collect({from: from, to: to, count: times}) AS transitions
}
CALL (c) {
  // a product viewed or searched for online, then bought offline
  RETURN EXISTS {
    MATCH (c)-[:PERFORMED]->(i:Interaction)
    WHERE i.channel IN $onlineResearch AND i.kind IN ['PRODUCT_VIEW', 'SEARCH']
    MATCH (c)-[:PLACED]->(o:Order)-[:CONTAINS]->(p:Product)
    WHERE o.channel IN $offline AND o.status <> 'CANCELLED' AND o.placedAt > i.at
      AND (p.sku = i.sku
           OR (i.query IS NOT NULL AND toLower(coalesce(p.name, '')) CONTAINS toLower(i.query)))
  } AS researchOnline
}
CALL (c) {
  // a store visit (soon followed) or a product seen in store, then bought online
  RETURN EXISTS {
    MATCH (c)-[:PERFORMED]->(i:Interaction)
    WHERE i.channel IN $offline AND i.kind IN ['STORE_VISIT', 'PRODUCT_VIEW']
    MATCH (c)-[:PLACED]->(o:Order)
    WHERE o.channel IN $onlinePurchase AND o.status <> 'CANCELLED' AND o.placedAt > i.at
      AND CASE WHEN i.sku IS NULL
               THEN o.placedAt <= i.at + duration({days: $visitWindow})
               ELSE EXISTS { (o)-[:CONTAINS]->(:Product {sku: i.sku}) } END
  } AS researchOffline
}
RETURN cid AS key, {touchpoints: size(steps), transitions: transitions,
       researchOnlineBuyOffline: researchOnline, researchOfflineBuyOnline: researchOffline}
       AS journey
"""
)

# The first `$first` steps, or the last `$last`: only what the client asked for travels.
_PATH = (
    """
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})"""
    + _STEPS
    + """
RETURN cid AS key, CASE WHEN $last IS NULL THEN steps[..$first] ELSE steps[-$last..] END AS path
"""
)


async def journeys(reader: GraphReader, ids: Sequence[str]) -> dict[str, JourneyRow]:
    """Per customer: `touchpoints` (how many), `transitions` (from, to, count; most frequent
    first) and the two flags."""
    rows = await reader.read(
        _JOURNEY,
        {
            "ids": list(ids),
            "onlineResearch": list(ONLINE_RESEARCH),
            "onlinePurchase": list(ONLINE_PURCHASE),
            "offline": list(OFFLINE),
            "visitWindow": VISIT_WINDOW_DAYS,
        },
    )
    return {row["key"]: row["journey"] for row in rows}


async def paths(
    reader: GraphReader, ids: Sequence[str], *, first: int, last: int | None
) -> dict[str, list[StepRow]]:
    """Per customer, the first `first` touchpoints (at, channel, kind), or the last `last`;
    oldest first either way."""
    return await by_key(reader, _PATH, ids, "path", {"first": first, "last": last})

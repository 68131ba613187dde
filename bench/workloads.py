"""The benchmark's workloads: what each one asks, and whom it asks about.

Q1-Q4 are read over real HTTP from every peer with the same shape; W1 writes through
omnigraph's `ingestEvents` only (the peers have no identity resolution to compare with).
omnigraph is asked as a contact-centre `agent`: full contact details, no masking, and every read
is audited as staff reads are in production.

The variables of each request come from a sample of the data set drawn once per run with a fixed
seed (`sample_targets`), so every peer answers exactly the same requests in the same order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncDriver

# Q1: everything a contact-centre desktop shows when a customer writes in, by e-mail.
Q1 = """query Q1($email: String!) {
  customerByIdentifier(type: EMAIL, value: $email) {
    id givenName familyName birthDate locale
    address { line1 city postalCode country }
    identifiers { type value firstSeen lastSeen }
    devices { id kind os model lastSeen }
    accounts { id kind status createdAt }
    orders(first: 20) {
      totalCount
      edges { node {
        id channel status fulfillment placedAt currency total
        lines { sku quantity unitPrice product { sku name category brand price } }
      } }
    }
    interactions(first: 50) { edges { node { id kind channel at sku query } } }
    cart { id status updatedAt lastChannel subtotal items { sku quantity unitPrice product { name } } }
    supportCases { id status subject openedAt channels }
    consents { purpose channel granted at }
    loyalty { points tier }
    stats { lifetimeValue orderCount lastChannel channels recency frequency monetary rfmSegment }
    recommendations(first: 5) { product { sku name } score reason }
  }
}"""

# Q2: the clienteling app's own lookup (gateway/static/clienteling/queries.js), by phone.
Q2 = """query Q2($phone: String!) {
  customerByIdentifier(type: PHONE, value: $phone) {
    id givenName familyName locale
    identifiers { type value }
    loyalty { points tier }
    stats { lifetimeValue orderCount averageOrderValue channels preferredChannel lastChannel lastSeen }
    cart { items { sku quantity unitPrice product { name } } subtotal updatedAt lastChannel }
    orders(first: 8) {
      totalCount
      edges { node {
        id channel status placedAt total currency fulfillment
        fulfillmentStore { name }
        statusHistory { status channel at }
        lines { quantity product { name } sku }
      } }
    }
    supportCases { id status subject channels messages { channel at text } }
  }
}"""

# Q3: the search box, 20 results, most relevant first.
Q3 = """query Q3($q: String!) {
  customers(search: $q, first: 20) {
    edges { node { id givenName familyName loyalty { tier } identifiers { type value } } }
  }
}"""

# Q4: a page of 50 customers, each with their 5 latest orders and the lines (the N+1 trap).
Q4 = """query Q4($after: String) {
  customers(first: 50, after: $after) {
    pageInfo { endCursor hasNextPage }
    edges { node {
      id givenName familyName
      orders(first: 5) { edges { node {
        id placedAt total lines { sku quantity unitPrice product { name } }
      } } }
    } }
  }
}"""

READS = {"Q1": Q1, "Q2": Q2, "Q3": Q3, "Q4": Q4}
DESCRIPTIONS = {
    "Q1": "customer-360 by e-mail",
    "Q2": "clienteling lookup by phone",
    "Q3": "search, 20 results",
    "Q4": "50 customers x 5 orders x lines",
    "W1": "ingestEvents, batches of 100",
}

SAMPLE_SEED = 7


@dataclass(frozen=True)
class Targets:
    """Per workload, the list of variable sets its requests cycle through."""

    variables: dict[str, list[dict[str, Any]]]


async def sample_targets(driver: AsyncDriver, database: str, count: int = 200) -> Targets:
    """Draw the customers the requests ask about: the same ones for every peer."""
    rng = random.Random(SAMPLE_SEED)

    async def column(query: str) -> list[Any]:
        records, _, _ = await driver.execute_query(query, database_=database, routing_="r")
        return [record[0] for record in records]

    emails = await column(
        "MATCH (c:Customer)-[:HAS_IDENTIFIER]->(i:Identifier {type: 'EMAIL'}) "
        "WHERE (c)-[:PLACED]->() RETURN i.value ORDER BY i.value"
    )
    phones = await column(
        "MATCH (c:Customer)-[:HAS_IDENTIFIER]->(i:Identifier {type: 'PHONE'}) "
        "RETURN i.value ORDER BY i.value"
    )
    names = await column(
        "MATCH (c:Customer) WHERE c.givenName IS NOT NULL AND c.familyName IS NOT NULL "
        "RETURN c.givenName + ' ' + c.familyName ORDER BY c.id"
    )
    ids = await column("MATCH (c:Customer) RETURN c.id ORDER BY c.id")
    return Targets(
        {
            "Q1": [{"email": e} for e in _pick(rng, emails, count)],
            "Q2": [{"phone": p} for p in _pick(rng, phones, count)],
            "Q3": [{"q": n} for n in _pick(rng, names, count)],
            # start after a random customer, but leave room for a full page of 50
            "Q4": [{"after": a} for a in _pick(rng, ids[: max(1, len(ids) - 50)], count)],
        }
    )


def _pick(rng: random.Random, values: list[Any], count: int) -> list[Any]:
    if not values:
        raise RuntimeError("the data set has no customers to ask about: was it built?")
    return [rng.choice(values) for _ in range(count)]

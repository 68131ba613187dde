"""Products to suggest to a customer, each with the signal that suggests it, from the graph.

Four signals, each a score in 0..1:

| signal | what | score |
|---|---|---|
| `CART` | in the customer's open cart | 1.0 |
| `VIEWED` | viewed on some channel (the latest view is the reason) | 0.7, +0.05 a repeat view (up to 3) |
| `BOUGHT_TOGETHER` | in the same orders as something the customer bought | 0.6 x n / (n + 1), n orders |
| `SIMILAR_CUSTOMERS` | bought by customers who bought what the customer bought | 0.4 x n / (n + 1), n buyers |

A product's score is its best signal's, plus 0.05 for every other signal that agrees; the best
signal is its reason. Nothing the customer already bought is suggested, unless it is consumable.
The two collaborative signals look at the last `SCAN` orders recorded for each product (and
their buyers): Neo4j walks a node's relationships newest first, so `LIMIT` stops the walk there
and a best-seller costs no more than a niche product, at 10k customers as at 100k. (Sorting
them by `placedAt` first would read every order of the product: the cost grew with the graph.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NotRequired, TypedDict

from graph.cypher.rows import ProductRow
from graph.driver import GraphReader
from graph.temporal import GraphDateTime

WEIGHTS = {"cart": 1.0, "viewed": 0.7, "repeat": 0.05, "together": 0.6, "similar": 0.4}
AGREEING_SIGNAL_BONUS = 0.05
SCAN = 200


class SignalRow(TypedDict):
    """What a signal's reason names: the channel and time of a view or of the cart (`channel`,
    `at`, and the views' `count`), the product bought (`name`) and how often (`count`)."""

    channel: NotRequired[str | None]
    at: NotRequired[GraphDateTime | None]
    count: NotRequired[int]
    name: NotRequired[str]


class ReasonRow(TypedDict):
    """The best signal of a suggestion: what suggests it and why."""

    source: str  # CART, VIEWED, BOUGHT_TOGETHER, SIMILAR_CUSTOMERS
    why: SignalRow | None


class RecommendationRow(ReasonRow):
    """A product to suggest, with its score and its best signal."""

    product: ProductRow
    score: float


# Per customer `c`: the rows `p`, `best`, `score` of the products to suggest, best first. Shared
# by the batched read below and the compiled read path (graph/compiler/).
RECOMMENDATIONS_BODY = """CALL (c) {
  OPTIONAL MATCH (c)-[:PLACED]->(o:Order)-[:CONTAINS]->(b:Product)
  WHERE o.status <> 'CANCELLED'
  RETURN collect(DISTINCT b) AS bought
}
CALL (c, bought) {
  MATCH (c)-[:HAS_CART]->(cart:Cart {status: 'OPEN'})-[:CONTAINS]->(p:Product)
  WITH DISTINCT p, cart
  RETURN p, 'CART' AS source, $weights.cart AS score,
         {channel: cart.lastChannel, at: cart.updatedAt} AS why
  UNION ALL
  MATCH (c)-[:PERFORMED]->(i:Interaction {kind: 'PRODUCT_VIEW'})-[:ABOUT]->(p:Product)
  WITH p, i ORDER BY i.at DESC
  WITH p, collect(i)[0] AS last, count(i) AS views
  RETURN p, 'VIEWED' AS source,
         $weights.viewed + $weights.repeat * (CASE WHEN views > 4 THEN 3 ELSE views - 1 END)
           AS score,
         {channel: last.channel, at: last.at, count: views} AS why
  UNION ALL
  UNWIND bought AS b
  CALL (b) {
    MATCH (b)<-[:CONTAINS]-(o:Order)
    WITH DISTINCT o LIMIT $scan
    MATCH (o)-[:CONTAINS]->(p:Product) WHERE p <> b
    RETURN p, count(DISTINCT o) AS together
  }
  WITH p, b, together ORDER BY together DESC, b.sku
  WITH p, collect({name: coalesce(b.name, b.sku), count: together})[0] AS best,
       sum(together) AS orders
  RETURN p, 'BOUGHT_TOGETHER' AS source,
         $weights.together * orders / (orders + 1.0) AS score, best AS why
  UNION ALL
  UNWIND bought AS b
  CALL (c, b) {
    MATCH (b)<-[:CONTAINS]-(o:Order)
    WITH DISTINCT o LIMIT $scan
    MATCH (o)<-[:PLACED]-(other:Customer) WHERE other <> c
    WITH DISTINCT other
    MATCH (other)-[:PLACED]->(:Order)-[:CONTAINS]->(p:Product) WHERE p <> b
    RETURN p, count(DISTINCT other) AS buyers
  }
  WITH p, b, buyers ORDER BY buyers DESC, b.sku
  WITH p, collect({name: coalesce(b.name, b.sku), count: buyers})[0] AS best,
       max(buyers) AS buyers
  RETURN p, 'SIMILAR_CUSTOMERS' AS source,
         $weights.similar * buyers / (buyers + 1.0) AS score, best AS why
}
WITH p, source, score, why, bought
WHERE coalesce(p.consumable, false) OR NOT p IN bought
WITH p, source, score, why ORDER BY score DESC, source
WITH p, collect({source: source, score: score, why: why}) AS signals
WITH p, signals[0] AS best, signals[0].score + $bonus * (size(signals) - 1) AS score
ORDER BY score DESC, p.sku
LIMIT $limit"""

_RECOMMENDATIONS = f"""
UNWIND $ids AS cid
MATCH (c:Customer {{id: cid}})
CALL (c) {{
{RECOMMENDATIONS_BODY}
  RETURN collect({{product: p {{.*}}, score: score, source: best.source, why: best.why}}) AS items
}}
RETURN cid AS key, items
"""


async def recommendations(
    reader: GraphReader, ids: Sequence[str], *, limit: int
) -> dict[str, list[RecommendationRow]]:
    """Per customer, up to `limit` suggestions, best first."""
    rows = await reader.read(
        _RECOMMENDATIONS,
        {
            "ids": list(ids),
            "limit": limit,
            "weights": WEIGHTS,
            "bonus": AGREEING_SIGNAL_BONUS,
            "scan": SCAN,
        },
    )
    return {row["key"]: row["items"] for row in rows}

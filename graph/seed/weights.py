"""Weighted draws: a table of cumulative weights built once, drawn from with `pick`.

_RATINGS = weighted({"1": 4, "2": 6, "3": 15, "4": 35, "5": 40})
rating = int(pick(rng, _RATINGS))
"""

from __future__ import annotations

import random

Weighted = tuple[tuple[str, ...], tuple[int, ...]]  # keys, cumulative weights


def weighted(weights: dict[str, int]) -> Weighted:
    keys = tuple(weights)
    total, cumulative = 0, []
    for key in keys:
        total += weights[key]
        cumulative.append(total)
    return keys, tuple(cumulative)


def pick(rng: random.Random, table: Weighted) -> str:
    keys, cumulative = table
    return rng.choices(keys, cum_weights=cumulative)[0]

"""Per-principal rate limits: a token bucket per caller, refilled continuously.

    limiter = RateLimiter(per_minute=600)
    wait = limiter.take("token:demo-admin")  # 0.0 when allowed, else seconds until allowed

In-process: with several gateway processes each enforces its own share.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable


class RateLimiter:
    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._rate = per_minute / 60.0
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, at)

    def take(self, key: str) -> float:
        """Spend one request of `key`'s allowance; the seconds to wait when there is none."""
        if self.per_minute <= 0:
            return 0.0
        now = self._clock()
        tokens, at = self._buckets.get(key, (float(self.per_minute), now))
        tokens = min(float(self.per_minute), tokens + (now - at) * self._rate)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self._rate
        self._buckets[key] = (tokens - 1.0, now)
        if len(self._buckets) > 100_000:  # forget full buckets rather than grow without bound
            self._buckets = {k: v for k, v in self._buckets.items() if v[0] < self.per_minute - 1}
        return 0.0


def retry_after(seconds: float) -> str:
    """The `Retry-After` header value: whole seconds, at least 1."""
    return str(max(1, math.ceil(seconds)))

"""The activity bus: what ingestion applied, fanned out to the live subscriptions that want it.

Every activity names its *topics* (`customer:<id>`, `store:<id>`); a subscription listens to a
set of topics and receives each activity once, however many of its topics it names.

    bus = open_bus(settings.redis_url, settings.neo4j_database)  # Redis when set, else in-process
    async with bus.subscribe({"customer:cus-a35f8c06c1c35f4a"}) as feed:
        async for activity in feed:
            ...
    await bus.publish([activity])  # from the ingestion pipeline's `on_applied` hook

`ActivityBus` fans out within one process. `RedisActivityBus` publishes to one Redis pub/sub
channel per database and every gateway process relays what it hears to its own subscribers, so
an event ingested through any gateway (or `omnigraph import`) reaches subscribers on all of them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Iterable, Sequence
from typing import Any

import orjson

logger = logging.getLogger("omnigraph.live")

Activity = dict[
    str, Any
]  # {eventId, type, kind, customerId, storeId, channel, at, summary, topics}
BACKLOG = 1000  # activities a slow subscriber may fall behind by before it loses the oldest


class Feed:
    """One subscription: an async iterator of activities, whose topics may grow (merges)."""

    def __init__(self, bus: ActivityBus, topics: Iterable[str]) -> None:
        self._bus = bus
        self.topics: set[str] = set()
        self._queue: asyncio.Queue[Activity] = asyncio.Queue(BACKLOG)
        for topic in topics:
            self.add(topic)

    def add(self, topic: str) -> None:
        """Also receive what is published on `topic` (a subscription following a merge)."""
        if topic not in self.topics:
            self.topics.add(topic)
            self._bus._feeds.setdefault(topic, set()).add(self)

    def _close(self) -> None:
        for topic in self.topics:
            feeds = self._bus._feeds.get(topic)
            if feeds is not None:
                feeds.discard(self)
                if not feeds:
                    del self._bus._feeds[topic]

    def _offer(self, activity: Activity) -> None:
        if self._queue.full():  # a consumer this far behind gets the newest, not a stalled bus
            self._queue.get_nowait()
            logger.warning("a live subscriber fell %d activities behind: dropped one", BACKLOG)
        self._queue.put_nowait(activity)

    def __aiter__(self) -> Feed:
        return self

    async def __anext__(self) -> Activity:
        return await self._queue.get()


class ActivityBus:
    """In-process fan-out: publishers and subscribers share one event loop."""

    def __init__(self) -> None:
        self._feeds: dict[str, set[Feed]] = {}

    async def publish(self, activities: Sequence[Activity]) -> None:
        for activity in activities:
            self.deliver(activity)

    def deliver(self, activity: Activity) -> None:
        """Hand an activity to every local subscription of any of its topics, once each."""
        feeds = {feed for topic in activity["topics"] for feed in self._feeds.get(topic, ())}
        for feed in feeds:
            feed._offer(activity)

    def listeners(self, topic: str) -> int:
        """How many subscriptions of this process listen to `topic`."""
        return len(self._feeds.get(topic, ()))

    @contextlib.asynccontextmanager
    async def subscribe(self, topics: Iterable[str]) -> AsyncIterator[Feed]:
        feed = Feed(self, topics)
        try:
            yield feed
        finally:
            feed._close()

    async def start(self) -> None:
        """Begin relaying (nothing to do in-process)."""

    async def close(self) -> None:
        self._feeds.clear()


class RedisActivityBus(ActivityBus):
    """Publishes to Redis; relays what Redis delivers to this process's subscribers."""

    def __init__(self, url: str, database: str = "neo4j") -> None:
        super().__init__()
        from redis.asyncio import Redis

        self.url = url
        self.channel = f"omnigraph:{database}:activity"
        # ingestion waits for its publish: an unreachable Redis must fail fast (logged, not
        # raised: the events are committed), never hold the ingestion up
        self._redis = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
        self._listener = Redis.from_url(url, socket_connect_timeout=2, health_check_interval=30)
        self._relay: asyncio.Task[None] | None = None
        self._listening = asyncio.Event()

    async def publish(self, activities: Sequence[Activity]) -> None:
        if not activities:
            return
        async with self._redis.pipeline(transaction=False) as pipe:
            for activity in activities:
                pipe.publish(self.channel, orjson.dumps(activity))
            await pipe.execute()

    async def start(self) -> None:
        """Subscribe to the channel; returns once Redis confirmed, so nothing after is missed.
        A Redis that is down does not stop the gateway: the relay keeps trying (logged)."""
        if self._relay is None:
            self._relay = asyncio.create_task(self._listen(), name="omnigraph-activity-relay")
            try:
                await asyncio.wait_for(self._listening.wait(), timeout=10)
            except TimeoutError:
                logger.error("Redis at REDIS_URL is not answering: live updates wait for it")

    async def _listen(self) -> None:
        while True:
            try:
                async with self._listener.pubsub() as pubsub:
                    await pubsub.subscribe(self.channel)
                    self._listening.set()
                    while True:
                        message = await pubsub.get_message(
                            ignore_subscribe_messages=True, timeout=5.0
                        )
                        if message is not None and message["type"] == "message":
                            self._relay_one(message["data"])
            except asyncio.CancelledError:
                raise
            except Exception as error:  # Redis went away: keep trying, subscribers stay put
                logger.warning("activity relay lost Redis (%s): reconnecting", error)
                await asyncio.sleep(1.0)

    def _relay_one(self, data: bytes) -> None:
        try:
            activity = orjson.loads(data)
            topics = activity["topics"]
        except (orjson.JSONDecodeError, KeyError, TypeError):
            logger.warning("ignored a message on %s that is not an activity", self.channel)
            return
        if isinstance(topics, list):
            self.deliver(activity)

    async def close(self) -> None:
        if self._relay is not None:
            self._relay.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._relay
            self._relay = None
        await self._redis.aclose()
        await self._listener.aclose()
        await super().close()


def open_bus(redis_url: str | None, database: str = "neo4j") -> ActivityBus:
    """Redis pub/sub when `REDIS_URL` is set (several gateway processes), in-process otherwise.

    >>> type(open_bus(None)).__name__
    'ActivityBus'
    """
    return RedisActivityBus(redis_url, database) if redis_url else ActivityBus()

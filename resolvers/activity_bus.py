"""Moved to `resolvers.live.bus`: this name stays only while ingestion modules being reworked
elsewhere (`resolvers/ingest.py`, `gateway/events.py`, `gateway/cli.py`, `gateway/app.py`)
import it."""

from resolvers.live.bus import ActivityBus as ActivityBus
from resolvers.live.bus import RedisActivityBus as RedisActivityBus
from resolvers.live.bus import open_bus as open_bus

"""Moved to `resolvers.live.activities`: this name stays only while ingestion modules being
reworked elsewhere (`resolvers/ingest.py`, `gateway/events.py`, `gateway/cli.py`) import it."""

from resolvers.live.activities import announcer as announcer

"""`POST /events`: the ingestion door for channel systems and webhooks that do not speak GraphQL.

Accepts `application/x-ndjson` (one event per line) or a JSON array; answers one result per
event, in order, as NDJSON (`{eventId, status, customerId, mergedCustomerIds, warnings, error}`).
A line that is not JSON gets a result of its own (`INVALID_JSON`) and never stops the others. A
request that carries no event at all (an empty body: curl's `@file` of a missing file) is a 400,
and every refused request is coded as on `/graphql`: `{"errors": [{"message", "extensions":
{"code"}}]}`.

    curl -s 127.0.0.1:8000/events -H "Authorization: Bearer $INGEST_TOKEN" \\
      -H 'Content-Type: application/x-ndjson' --data-binary @docs/examples.jsonl
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import orjson
from neo4j import AsyncDriver
from starlette.requests import Request
from starlette.responses import Response

from gateway.http_errors import error_body
from gateway.settings import Settings
from graph.ingest.lines import Line, ingest_lines, read_lines
from graph.ingest.queue import IngestQueue
from resolvers.ingest import ingest_pipeline, ingest_queue
from resolvers.live.bus import ActivityBus

MAX_BODY_BYTES = 32 * 1024 * 1024
MAX_EVENTS = 10_000
CHUNK = 1000


def events_endpoint(
    settings: Settings, driver: Callable[[], AsyncDriver], bus: ActivityBus | None = None
) -> Callable[[Request], object]:
    async def post_events(request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return _problem(413, f"the body is over {MAX_BODY_BYTES // (1024 * 1024)} MiB")
        content_type = request.headers.get("content-type", "").split(";")[0].strip()
        if content_type == "application/json":
            try:
                events = orjson.loads(body)
            except orjson.JSONDecodeError as error:
                return _problem(400, f"the body is not JSON: {error}")
            if not isinstance(events, list):
                return _problem(400, "a JSON body must be an array of events")
            lines = [Line(n, event=e) for n, e in enumerate(events, start=1)]
        elif content_type in ("application/x-ndjson", "application/jsonl", "text/plain", ""):
            lines = list(read_lines(body.splitlines()))
        else:
            return _problem(415, "send application/x-ndjson (one event per line) or a JSON array")
        if not lines:
            return _problem(400, "the body holds no event: send one JSON event per line")
        if len(lines) > MAX_EVENTS:
            return _problem(
                413, f"at most {MAX_EVENTS} events per request: use `omnigraph import` for files"
            )
        # the gateway's one ingestion queue: concurrent requests and `ingestEvents` calls are
        # written together
        door = (
            ingest_queue(driver(), settings.neo4j_database, settings.default_region, bus)
            if bus is not None
            else ingest_pipeline(driver(), settings.neo4j_database, settings.default_region, None)
        )
        chunks = [lines[start : start + CHUNK] for start in range(0, len(lines), CHUNK)]
        if isinstance(door, IngestQueue):
            # submitted together: the queue prepares the next chunks while one is written, and
            # writes chunks that do not meet at once (those that do, in order)
            answers = await asyncio.gather(*(ingest_lines(door, chunk) for chunk in chunks))
        else:
            answers = [await ingest_lines(door, chunk) for chunk in chunks]
        out = bytearray()
        for results in answers:
            for result in results:
                out += orjson.dumps(result.as_json()) + b"\n"
        return Response(bytes(out), media_type="application/x-ndjson")

    return post_events


def _problem(status: int, message: str) -> Response:
    return Response(
        error_body("BAD_USER_INPUT", message), status_code=status, media_type="application/json"
    )

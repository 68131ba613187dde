"""With trusted documents on, a websocket runs only registered operations too."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from gateway.settings import Settings
from gateway.trusted import document_id, register_folder
from tests.integration.test_journey import INGEST, replay
from tests.integration.test_live_updates import LISBON, STORE_FEED, check_in, ingest
from tests.utils.graphql import GraphQLClient
from tests.utils.live import subscribe


async def test_a_socket_runs_only_registered_subscriptions(
    client: GraphQLClient, settings: Settings, tmp_path: Path
) -> None:
    await replay(client)
    (tmp_path / "ops").mkdir()
    (tmp_path / "ops" / "store.graphql").write_text(STORE_FEED)
    (tmp_path / "ops" / "ingest.graphql").write_text(INGEST)  # sent as its registered text
    manifest = tmp_path / "trusted.json"
    register_folder(tmp_path / "ops", manifest)
    trusted = GraphQLClient(
        client.driver, dataclasses.replace(settings, trusted_documents=manifest)
    )
    registered = {"documentId": document_id(STORE_FEED), "variables": {"id": LISBON}}
    async with subscribe(trusted.app, "", {}, headers=trusted.headers, payload=registered) as feed:
        await feed.listening(f"store:{LISBON}")
        await ingest(trusted, check_in("live-trusted-1"))
        assert (await feed.next())["data"]["storeActivity"]["eventId"] == "live-trusted-1"

    adhoc = 'subscription { storeActivity(storeId: "%s") { eventId } }' % LISBON
    async with subscribe(trusted.app, adhoc, {}, headers=trusted.headers) as feed:
        refused = await feed.message()
    assert refused["type"] == "error"
    assert [e["extensions"]["code"] for e in refused["payload"]] == ["FORBIDDEN"]

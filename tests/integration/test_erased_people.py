"""After an erasure, the person's identifiers identify no one; merges are on the audit trail."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.utils.graphql import GraphQLClient

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples.jsonl"
INGEST = """mutation($events: [EventInput!]!) { ingestEvents(events: $events) {
    eventId status customerId warnings error { code field message } } }"""
ANA = """query($v: String!) { customerByIdentifier(type: EMAIL, value: $v) { id } }"""


async def _ana_after_the_journey(client: GraphQLClient) -> str:
    events = [json.loads(line) for line in EXAMPLES.read_text().splitlines()]
    results = (await client.data(INGEST, {"events": events}))["ingestEvents"]
    assert {r["status"] for r in results} == {"APPLIED"}
    found = await client.data(ANA, {"v": "ana.lima@example.com"})
    ana_id: str = found["customerByIdentifier"]["id"]
    return ana_id


def _visit(event_id: str, *identifiers: tuple[str, str]) -> dict[str, Any]:
    return {
        "eventId": event_id, "type": "interaction", "at": "2026-04-02T10:00:00Z",
        "channel": "WEB", "identifiers": [{"type": t, "value": v} for t, v in identifiers],
        "interaction": {"kind": "PAGE_VIEW", "url": "/"},
    }  # fmt: skip


async def test_an_erased_persons_email_never_identifies_anyone_again(
    client: GraphQLClient,
) -> None:
    ana_id = await _ana_after_the_journey(client)
    await client.data(
        'mutation($id: ID!) { eraseCustomer(id: $id, reason: "request #7") { customerId } }',
        {"id": ana_id},
    )
    events = [
        # her e-mail with a new cookie: the cookie makes a profile of its own, the e-mail is ignored
        _visit("after-1", ("EMAIL", " Ana.Lima@Example.com "), ("COOKIE_ID", "ck-new")),
        # her phone alone: nobody to apply it to
        _visit("after-2", ("PHONE", "+351 912 345 678")),
    ]
    first, second = (await client.data(INGEST, {"events": events}))["ingestEvents"]

    assert first["status"] == "APPLIED" and first["customerId"] != ana_id
    assert any("asked to be erased" in w for w in first["warnings"])
    assert "ana.lima" not in json.dumps(first)
    assert second["status"] == "REJECTED"
    assert (second["error"]["code"], second["error"]["field"]) == ("NO_IDENTIFIER", "identifiers")

    assert await client.data(ANA, {"v": "ana.lima@example.com"}) == {"customerByIdentifier": None}
    newcomer = await client.data(
        "query($id: ID!) { customer(id: $id) { anonymous identifiers { type value } } }",
        {"id": first["customerId"]},
    )
    assert newcomer["customer"] == {
        "anonymous": True,
        "identifiers": [{"type": "COOKIE_ID", "value": "ck-new"}],
    }


async def test_every_merge_is_on_both_peoples_audit_trail(client: GraphQLClient) -> None:
    ana_id = await _ana_after_the_journey(client)
    trail = await client.data(
        "query($id: ID!) { auditRecords(customerId: $id, action: MERGE) "
        "{ actor role action reason customerId } }",
        {"id": ana_id},
    )
    merges = trail["auditRecords"]
    assert len(merges) == 2, "the cookie profile and the loyalty-card profile"
    assert {m["role"] for m in merges} == {"ingest"}
    reasons = sorted(m["reason"].split(", linked by ")[1] for m in merges)
    assert reasons == ["COOKIE_ID", "LOYALTY_ID"], "the kinds of evidence, never the values"

"""Consent is honoured while the graph is walked; a person can be exported and erased; staff
reads leave a trace the admin (and the person's export) can read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from neo4j import AsyncDriver

from graph.suppression import suppressed_identifiers
from resolvers.principal import Role
from tests.utils.graphql import GraphQLClient

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples.jsonl"
ANA_EMAIL = "ana.lima@example.com"
BY_EMAIL = "query($v: String!) { customerByIdentifier(type: EMAIL, value: $v) { FIELDS } }"


def _by_email(fields: str) -> str:
    return BY_EMAIL.replace("FIELDS", fields)


async def _ingest(client: GraphQLClient, events: list[dict[str, Any]]) -> None:
    async with client.http() as http:
        response = await http.post("/events", json=events)
    statuses = [json.loads(line)["status"] for line in response.text.splitlines()]
    assert set(statuses) == {"APPLIED"}, response.text


async def _journeys(client: GraphQLClient) -> str:
    """Ana's and Rui's journeys from the contract; Ana's id."""
    await _ingest(client, [json.loads(line) for line in EXAMPLES.read_text().splitlines()])
    data = await client.data(_by_email("id"), {"v": ANA_EMAIL})
    ana_id: str = data["customerByIdentifier"]["id"]
    return ana_id


def _consent(n: int, purpose: str, channel: str, granted: bool) -> dict[str, Any]:
    return {"eventId": f"consent-{n}", "type": "consent", "at": f"2026-03-10T10:0{n}:00Z",
            "channel": "WEB", "identifiers": [{"type": "EMAIL", "value": ANA_EMAIL}],
            "consent": {"purpose": purpose, "channel": channel, "granted": granted,
                        "documentVersion": "2026-01"}}  # fmt: skip


async def test_a_refusal_of_personalization_withholds_sizes_from_staff(
    client: GraphQLClient,
) -> None:
    ana_id = await _journeys(client)
    fields = "personalization sizes"
    before = await client.as_role(Role.ASSOCIATE).data(_by_email(fields), {"v": ANA_EMAIL})
    assert before["customerByIdentifier"] == {"personalization": True, "sizes": {"jacket": "M"}}

    await _ingest(client, [_consent(1, "PERSONALIZATION", "ALL", False)])
    for role in (Role.ASSOCIATE, Role.AGENT, Role.ADMIN):
        after = await client.as_role(role).data(_by_email(fields), {"v": ANA_EMAIL})
        assert after["customerByIdentifier"] == {"personalization": False, "sizes": {}}, role
    own = await client.as_role(Role.CUSTOMER, customer_id=ana_id).data("{ me { sizes } }")
    assert own == {"me": {"sizes": {"jacket": "M"}}}, "her own view keeps what she told us"

    await _ingest(client, [_consent(2, "PERSONALIZATION", "ALL", True)])
    again = await client.as_role(Role.AGENT).data(_by_email(fields), {"v": ANA_EMAIL})
    assert again["customerByIdentifier"]["sizes"] == {"jacket": "M"}


async def test_contact_details_say_whether_marketing_may_use_them(client: GraphQLClient) -> None:
    await _journeys(client)
    query = _by_email("identifiers { type marketingAllowed }")

    async def allowed() -> dict[str, Any]:
        data = await client.as_role(Role.AGENT).data(query, {"v": ANA_EMAIL})
        return {
            i["type"]: i["marketingAllowed"] for i in data["customerByIdentifier"]["identifiers"]
        }

    first = await allowed()
    assert first["EMAIL"] is False, "no consent given: no marketing"
    assert first["LOYALTY_ID"] is None, "not a contact detail"
    await _ingest(client, [_consent(3, "MARKETING", "EMAIL", True)])
    second = await allowed()
    assert second["EMAIL"] is True and second["PHONE"] is False  # the examples refuse SMS


async def test_staff_reads_are_audited_and_only_admins_read_the_trail(
    client: GraphQLClient,
) -> None:
    ana_id = await _journeys(client)
    agent = client.as_role(Role.AGENT, subject="agent-007").with_headers(
        {**client.as_role(Role.AGENT, subject="agent-007").headers,
         "X-Omnigraph-Reason": "ticket 4711"}
    )  # fmt: skip
    await agent.data(_by_email("givenName"), {"v": ANA_EMAIL})
    await client.as_role(Role.CUSTOMER, customer_id=ana_id).data("{ me { givenName } }")

    trail = await client.data(
        "query($id: ID!) { auditRecords(customerId: $id, action: READ) { actor role action reason customerId } }",
        {"id": ana_id},
    )
    reads = [r for r in trail["auditRecords"] if r["actor"] == "agent-007"]
    assert reads == [{"actor": "agent-007", "role": "agent", "action": "READ",
                      "reason": "ticket 4711", "customerId": ana_id}]  # fmt: skip
    assert all(r["role"] != "customer" for r in trail["auditRecords"]), "own reads are not staff"

    refused = await agent.execute("{ auditRecords { id } }")
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_an_export_holds_everything_including_merged_profiles_and_who_looked(
    client: GraphQLClient,
) -> None:
    ana_id = await _journeys(client)
    await client.as_role(Role.ASSOCIATE, subject="assoc-9").data(
        _by_email("givenName"), {"v": ANA_EMAIL}
    )
    data = await client.data("query($id: ID!) { exportCustomer(id: $id) }", {"id": ana_id})
    document = data["exportCustomer"]
    assert document["customerId"] == ana_id
    assert document["profile"]["givenName"] == "Ana"
    assert document["mergedProfiles"], "the anonymous web profile stitched into her"
    values = {i["value"] for i in document["identifiers"]}
    assert {ANA_EMAIL, "+351912345678", "LN-5521", "ck-7f3a"} <= values
    assert document["orders"] and document["supportCases"] and document["consents"]
    assert any(r["actor"] == "assoc-9" for r in document["accessLog"])

    exported = await client.data(
        "query($id: ID!) { auditRecords(customerId: $id, action: EXPORT) { actor } }",
        {"id": ana_id},
    )
    assert exported["auditRecords"] == [{"actor": "test-admin"}]
    for role in (Role.AGENT, Role.ANALYST):
        body = await client.as_role(role).execute(
            "query($id: ID!) { exportCustomer(id: $id) }", {"id": ana_id}
        )
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_erasure_removes_the_person_keeps_orders_and_suppresses_identifiers(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    ana_id = await _journeys(client)
    erased = await client.data(
        'mutation($id: ID!) { eraseCustomer(id: $id, reason: "GDPR art. 17 request #12") {'
        " customerId profilesErased identifiersSuppressed devicesRemoved } }",
        {"id": ana_id},
    )
    report = erased["eraseCustomer"]
    assert report["customerId"] == ana_id
    assert report["profilesErased"] >= 2 and report["identifiersSuppressed"] >= 4
    assert report["devicesRemoved"] >= 1

    assert (await client.data(_by_email("id"), {"v": ANA_EMAIL})) == {"customerByIdentifier": None}
    search = await client.data('{ customers(search: "lima") { totalCount } }')
    assert search["customers"]["totalCount"] == 0
    after = await client.data(
        "query($id: ID!) { customer(id: $id) { givenName familyName sizes anonymous identifiers"
        " { value } devices { id } orders(first: 10) { totalCount edges { node { total } } }"
        " interactions(first: 50) { edges { node { text query } } }"
        " supportCases { subject messages { text } } } }",
        {"id": ana_id},
    )
    ana = after["customer"]
    assert ana["givenName"] is None and ana["familyName"] is None and ana["sizes"] == {}
    assert ana["anonymous"] and ana["identifiers"] == [] and ana["devices"] == []
    assert ana["orders"]["totalCount"] >= 1, "orders stay for accounting"
    assert all(n["node"]["total"] for n in ana["orders"]["edges"])
    texts = [e["node"]["text"] for e in ana["interactions"]["edges"]]
    texts += [m["text"] for c in ana["supportCases"] for m in c["messages"]]
    texts += [c["subject"] for c in ana["supportCases"]]
    assert set(texts) <= {None}

    document = json.dumps(
        await client.data("query($id: ID!) { exportCustomer(id: $id) }", {"id": ana_id})
    )
    for secret in (ANA_EMAIL, "+351912345678", "LN-5521", "Lima", "zip of my new jacket"):
        assert secret not in document, secret

    async with empty_graph.session(database=database) as session:
        refs = [{"type": "EMAIL", "value": ANA_EMAIL}, {"type": "LOYALTY_ID", "value": "LN-5521"},
                {"type": "EMAIL", "value": "rui@example.com"}]  # fmt: skip
        suppressed = await suppressed_identifiers(session, refs)
    assert suppressed == {("EMAIL", ANA_EMAIL), ("LOYALTY_ID", "LN-5521")}

    trail = await client.data(
        "query($id: ID!) { auditRecords(customerId: $id, action: ERASE) { reason } }",
        {"id": ana_id},
    )
    assert trail["auditRecords"] == [{"reason": "GDPR art. 17 request #12"}]


async def test_only_admins_erase(client: GraphQLClient) -> None:
    for role in (Role.AGENT, Role.ASSOCIATE, Role.ANALYST, Role.INGEST):
        body = await client.as_role(role).execute(
            'mutation { eraseCustomer(id: "cus-x") { customerId } }'
        )
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", role
    missing = await client.error('mutation { eraseCustomer(id: "cus-nobody") { customerId } }')
    assert missing["extensions"]["code"] == "NOT_FOUND"

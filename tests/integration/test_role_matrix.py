"""Every role against every sensitive field, on every path that reaches it: no leaks.

Ana's secrets are known values of the demo data. Each role asks for her profile through every
door (root lookups, search, `node`, an order's `customer`, her case and her interactions) and
the whole response (data and errors) must not contain a secret that role may not see.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from resolvers.principal import Role
from tests.utils.graphql import GraphQLClient

PROFILE = """
  id givenName familyName birthDate address { line1 city postalCode country } sizes
  identifiers { type value }
  cart { lastDeviceId lastDevice { id } items { sku } history(first: 5) { edges { node { channel } } } }
  orders(first: 5) { edges { node { id journey customer { id familyName identifiers { value } }
    cart { lastDeviceId lastDevice { id } } } } }
  loyalty { ledger(first: 5) { edges { node { reference } } } }
  journey { touchpoints researchOnlineBuyOffline }
  stats { rfmSegment }
"""
# Fields some roles may not follow at all; each is asked for on its own, so one refusal does
# not hide what the others return.
GUARDED = {
    "devices": "devices { id }",
    "accounts": "accounts { id }",
    "interactions": "interactions(first: 20) { edges { node { id text query } } }",
    "timeline": "timeline(first: 50) { edges { node { summary interaction { text } } } }",
    "supportCases": "supportCases { id subject messages { text } }",
    "identity": "identity { identifiers { type value } conflicts { customerIds } }",
    "openCases": "openCases { subject messages { text } }",
    "recommendations": "recommendations(first: 3) { product { sku } reason }",
    "notes": "notes { text author }",
    "importantDates": "importantDates { kind date }",
}
DOORS = {
    "customer": '{ customer(id: "cus-a35f8c06c1c35f4a") { %s } }',
    "byPhone": '{ customerByIdentifier(type: PHONE, value: "+351912345678") { %s } }',
    "byPaymentToken": '{ customerByIdentifier(type: PAYMENT_TOKEN, value: "pt-9c1e") { %s } }',
    "search": '{ customers(search: "lima", first: 5) { edges { node { %s } } } }',
    "node": '{ node(id: "cus-a35f8c06c1c35f4a") { ... on Customer { %s } } }',
    "order": '{ order(id: "ord-3001") { customer { %s } } }',
    "orderNode": '{ node(id: "ord-3001") { ... on Order { customer { %s } } } }',
    "me": "{ me { %s } }",
    "storeVisits": '{ store(id: "store-lisbon-1") { visitsToday(at: "2026-03-04T12:00:00Z") { %s } } }',
    "storeLapsed": '{ store(id: "store-lisbon-1") { lapsedCustomers(first: 100) { %s } } }',
    "storeCustomer": '{ store(id: "store-lisbon-1") { customer(id: "cus-a35f8c06c1c35f4a") { %s } } }',
}
OTHER_NODES = [
    '{ node(id: "case-77") { ... on SupportCase { subject messages { text } } } }',
    '{ node(id: "pos-lisbon-1-03") { id } }',
]

EMAIL, PHONE, TOKEN, FAMILY = "ana.lima@example.com", "+351912345678", "pt-9c1e", "Lima"
CASE_TEXT = "zip of my new jacket"
DEVICE = "dev-ana-phone"  # where her cart was last changed before the store checkout
NOTE = "Role-matrix note: prefers the Chiado fitting rooms"
# secrets each role must never be shown
NEVER: dict[Role, list[str]] = {
    Role.ADMIN: [],
    Role.AGENT: [TOKEN],
    Role.CUSTOMER: [TOKEN, NOTE],
    Role.ASSOCIATE: [TOKEN, EMAIL, PHONE, DEVICE],
    Role.ANALYST: [TOKEN, EMAIL, PHONE, FAMILY, CASE_TEXT, DEVICE, NOTE],
    Role.INGEST: [TOKEN, EMAIL, PHONE, FAMILY, CASE_TEXT, "Ana", DEVICE, NOTE],
}


def _client(graphql: GraphQLClient, role: Role) -> GraphQLClient:
    return graphql.as_role(
        role, customer_id="cus-a35f8c06c1c35f4a" if role is Role.CUSTOMER else None
    )


async def _note_on_ana(admin: GraphQLClient) -> None:
    """A staff note on Ana (once: the demo graph is shared by the tests that only read it)."""
    data = await admin.data('{ customer(id: "cus-a35f8c06c1c35f4a") { notes { text } } }')
    if {"text": NOTE} not in data["customer"]["notes"]:
        await admin.data(
            'mutation($text: String!) { addNote(customerId: "cus-a35f8c06c1c35f4a", text: $text) { id } }',
            {"text": NOTE},
        )


async def _anas_node_ids(admin: GraphQLClient) -> list[str]:
    """Every object of Ana's that `node(id)` can return, as the admin sees them."""
    data = await admin.data(
        '{ customer(id: "cus-a35f8c06c1c35f4a") { devices { id } accounts { id } supportCases { id }'
        " interactions(first: 100) { edges { node { id } } } } }"
    )
    ana = data["customer"]
    ids = [d["id"] for d in ana["devices"]] + [a["id"] for a in ana["accounts"]]
    ids += [c["id"] for c in ana["supportCases"]]
    return ids + [e["node"]["id"] for e in ana["interactions"]["edges"]]


NODE_FIELDS = (
    "... on Device { id kind } ... on Account { id kind } ... on Interaction { id text query }"
    " ... on SupportCase { id subject messages { text } }"
)


async def _responses(
    client: GraphQLClient, node_ids: list[str]
) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for door, template in DOORS.items():
        for name, fields in {"profile": PROFILE, **GUARDED}.items():
            query = template % fields
            out.append((f"{door}/{name}", await client.execute(query)))
    for query in OTHER_NODES:
        out.append((query, await client.execute(query)))
    for node_id in node_ids:
        query = "query($id: ID!) { node(id: $id) { " + NODE_FIELDS + " } }"
        out.append((f"node({node_id})", await client.execute(query, {"id": node_id})))
    return out


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
async def test_no_role_sees_a_secret_it_may_not(graphql: GraphQLClient, role: Role) -> None:
    client = _client(graphql, role)
    await _note_on_ana(graphql)
    node_ids = await _anas_node_ids(graphql)
    assert len(node_ids) > 5, "Ana has devices, accounts, cases and interactions"
    for where, body in await _responses(client, node_ids):
        text = json.dumps(body)
        assert "INTERNAL" not in text, (role, where, body)
        for secret in NEVER[role]:
            assert secret not in text, f"{role.value} sees {secret!r} through {where}: {text}"


def _codes(body: dict[str, Any]) -> set[str]:
    return {e["extensions"]["code"] for e in body.get("errors", [])}


async def test_an_associate_sees_a_shopper_with_masked_contact_details(
    graphql: GraphQLClient,
) -> None:
    associate = graphql.as_role(Role.ASSOCIATE)
    data = await associate.data(
        '{ customerByIdentifier(type: EMAIL, value: "ana.lima@example.com") {'
        " givenName sizes identifiers { type value } orders(first: 1) { totalCount }"
        " cart { subtotal } supportCases { status } } }"
    )
    ana = data["customerByIdentifier"]
    assert ana["givenName"] == "Ana" and ana["sizes"] == {"jacket": "M"}
    values = {i["type"]: i["value"] for i in ana["identifiers"]}
    assert values["EMAIL"] == "a***@example.com"
    assert values["PHONE"] == "*** *** 678"
    assert "PAYMENT_TOKEN" not in values
    assert ana["orders"]["totalCount"] >= 1
    assert all(case["status"] == "OPEN" for case in ana["supportCases"])

    for query in [
        '{ customer(id: "cus-a35f8c06c1c35f4a") { id } }',
        '{ customers(search: "lima") { totalCount } }',
        '{ customerByIdentifier(type: COOKIE_ID, value: "ck-1") { id } }',
        '{ customerByIdentifier(type: EMAIL, value: "ana.lima@example.com") { devices { id } } }',
    ]:
        assert _codes(await associate.execute(query)) == {"FORBIDDEN"}, query


async def test_an_agent_sees_full_contact_details_but_no_payment_token(
    graphql: GraphQLClient,
) -> None:
    data = await graphql.as_role(Role.AGENT).data(
        '{ customer(id: "cus-a35f8c06c1c35f4a") { identifiers { type value } supportCases { messages { text } } } }'
    )
    values = {i["type"]: i["value"] for i in data["customer"]["identifiers"]}
    assert values["EMAIL"] == EMAIL and values["PHONE"] == PHONE
    assert "PAYMENT_TOKEN" not in values
    texts = [m["text"] for c in data["customer"]["supportCases"] for m in c["messages"]]
    assert any(CASE_TEXT in (t or "") for t in texts)


async def test_an_admin_sees_everything(graphql: GraphQLClient) -> None:
    data = await graphql.data(
        '{ customer(id: "cus-a35f8c06c1c35f4a") { identifiers { type value } } }'
    )
    values = {i["type"]: i["value"] for i in data["customer"]["identifiers"]}
    assert values["PAYMENT_TOKEN"] == TOKEN and values["EMAIL"] == EMAIL


async def test_an_analyst_sees_aggregates_with_personal_fields_masked(
    graphql: GraphQLClient,
) -> None:
    data = await graphql.as_role(Role.ANALYST).data(
        '{ customers(search: "lima", first: 5) { totalCount edges { node {'
        " givenName familyName stats { orderCount lifetimeValue } identifiers { type value } } } } }"
    )
    nodes = [e["node"] for e in data["customers"]["edges"]]
    assert data["customers"]["totalCount"] >= 1
    assert {n["familyName"] for n in nodes} == {"L***"}
    assert any(n["stats"]["orderCount"] > 0 for n in nodes)
    assert all(i["value"].startswith(("*", "a***", "r***")) or "***" in i["value"]
               for n in nodes for i in n["identifiers"])  # fmt: skip


async def test_a_customer_sees_only_their_own_profile(graphql: GraphQLClient) -> None:
    ana = graphql.as_role(Role.CUSTOMER, customer_id="cus-a35f8c06c1c35f4a")
    data = await ana.data("{ me { id givenName identifiers { type value } } }")
    assert data["me"]["id"] == "cus-a35f8c06c1c35f4a" and data["me"]["givenName"] == "Ana"
    for query in [
        '{ customer(id: "cus-a35f8c06c1c35f4a") { id } }',
        '{ customers(search: "lima") { totalCount } }',
        '{ node(id: "cus-01caf72690b6b648") { id } }',
        '{ order(id: "ord-3001") { id } }',
        "{ me { identity { conflicts { customerIds } } } }",
    ]:
        assert _codes(await ana.execute(query)) == {"FORBIDDEN"}, query
    assert (await ana.data('{ node(id: "cus-a35f8c06c1c35f4a") { id } }'))["node"] == {
        "id": "cus-a35f8c06c1c35f4a"
    }
    staff = await graphql.as_role(Role.AGENT).data("{ me { id } }")
    assert staff == {"me": None}


async def test_ingestion_principals_read_nothing(graphql: GraphQLClient) -> None:
    ingest = graphql.as_role(Role.INGEST)
    for query in ['{ customer(id: "cus-a35f8c06c1c35f4a") { id } }', '{ node(id: "cus-a35f8c06c1c35f4a") { id } }',
                  '{ product(sku: "JKT-100") { name } }', "{ me { id } }"]:  # fmt: skip
        assert _codes(await ingest.execute(query)) == {"FORBIDDEN"}, query


async def test_only_admins_unmerge(graphql: GraphQLClient) -> None:
    for role in (Role.AGENT, Role.ASSOCIATE, Role.ANALYST, Role.INGEST):
        body = await graphql.as_role(role).execute(
            'mutation { unmergeCustomer(mergeId: "m-none") { id } }'
        )
        assert _codes(body) == {"FORBIDDEN"}, role


async def test_each_role_sees_what_it_may_of_the_journey_fields(graphql: GraphQLClient) -> None:
    """The secrets above are never shown; what each role *does* see of the new fields."""
    await _note_on_ana(graphql)
    by_phone = '{ customerByIdentifier(type: PHONE, value: "+351912345678") { %s } }'
    fields = (
        "notes { text } importantDates { kind } recommendations { reason } openCases { id }"
        " orders(first: 5) { edges { node { cart { lastDevice { id } } } } }"
    )
    admin = (await graphql.data(by_phone % fields))["customerByIdentifier"]
    assert {"text": NOTE} in admin["notes"]
    carts = [e["node"]["cart"] for e in admin["orders"]["edges"] if e["node"]["cart"]]
    assert carts == [{"lastDevice": {"id": DEVICE}}]
    associate = await graphql.as_role(Role.ASSOCIATE).data(by_phone % fields)
    seen = associate["customerByIdentifier"]
    assert {"text": NOTE} in seen["notes"], "store staff read and write notes"
    assert [e["node"]["cart"] for e in seen["orders"]["edges"] if e["node"]["cart"]] == [
        {"lastDevice": None}
    ]
    analyst = graphql.as_role(Role.ANALYST)
    journey = await analyst.data(
        '{ customer(id: "cus-a35f8c06c1c35f4a") { journey { touchpoints } stats { rfmSegment } } }'
    )
    assert journey["customer"]["journey"]["touchpoints"] > 0
    for field in ("notes { text }", "importantDates { kind }", "recommendations { reason }"):
        body = await analyst.execute('{ customer(id: "cus-a35f8c06c1c35f4a") { %s } }' % field)
        assert _codes(body) == {"FORBIDDEN"}, field
    me = graphql.as_role(Role.CUSTOMER, customer_id="cus-a35f8c06c1c35f4a")
    own = await me.data("{ me { importantDates { kind } recommendations { reason } } }")
    assert own["me"]["importantDates"] == []
    assert _codes(await me.execute("{ me { notes { text } } }")) == {"FORBIDDEN"}
    for query in [
        '{ store(id: "store-lisbon-1") { pickupsReady { order { id } } } }',
        '{ store(id: "store-lisbon-1") { visitsToday { id } } }',
        '{ store(id: "store-lisbon-1") { lapsedCustomers { id } } }',
    ]:
        assert _codes(await me.execute(query)) == {"FORBIDDEN"}, query
        assert _codes(await analyst.execute(query)) == {"FORBIDDEN"}, query
        other_store = graphql.as_role(Role.ASSOCIATE, store_id="store-porto-1")
        assert _codes(await other_store.execute(query)) == {"FORBIDDEN"}, query

"""Support continuity (one thread over chat, e-mail and phone, about an order) and the loyalty
ledger (points earned at the till, spent in the app)."""

from __future__ import annotations

from resolvers.principal import Role
from tests.utils.examples import ANA_EMAIL, ANA_PHONE, event, example_events, ingest
from tests.utils.graphql import GraphQLClient
from tests.utils.people import ANA_ID

CASES = """query($id: ID!) { customer(id: $id) {
  openCases { id status subject channels order { id channel journey } messages { channel action text } }
  supportCases { id status channels order { id } messages { channel action } } } }"""


async def test_anas_resolved_case_ran_over_three_channels_about_her_jacket(
    graphql: GraphQLClient,
) -> None:
    ana = (await graphql.data(CASES, {"id": ANA_ID}))["customer"]
    assert ana["openCases"] == [], "case-77 is resolved"
    (case,) = ana["supportCases"]
    assert case["channels"] == ["CHAT", "EMAIL", "CALL_CENTER"]
    assert case["order"] == {"id": "ord-3001"}
    assert [m["action"] for m in case["messages"]] == ["OPEN", "MESSAGE", "RESOLVE"]


async def test_only_roles_that_see_cases_see_open_cases(graphql: GraphQLClient) -> None:
    query = '{ customer(id: "%s") { openCases { id } } }' % ANA_ID
    body = await graphql.as_role(Role.ANALYST).execute(query)
    assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]


LEDGER = """query($after: String) { customerByIdentifier(type: LOYALTY_ID, value: "ln-5521") {
  loyalty { points tier ledger(first: 1, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id action points channel at reference } } } } } }"""


async def test_anas_points_earned_in_store_and_spent_in_the_app(graphql: GraphQLClient) -> None:
    first = (await graphql.data(LEDGER))["customerByIdentifier"]["loyalty"]
    assert (first["points"], first["tier"]) == (20, "BASIC")
    ledger = first["ledger"]
    assert ledger["totalCount"] == 2 and ledger["pageInfo"]["hasNextPage"] is True
    (latest,) = [e["node"] for e in ledger["edges"]]
    assert latest == {"id": "ex-16", "action": "REDEEM", "points": -100, "channel": "MOBILE_APP",
                      "at": latest["at"], "reference": "coupon-10eur"}  # fmt: skip
    after = ledger["pageInfo"]["endCursor"]
    rest = (await graphql.data(LEDGER, {"after": after}))["customerByIdentifier"]["loyalty"]
    (earned,) = [e["node"] for e in rest["ledger"]["edges"]]
    assert (earned["action"], earned["points"], earned["channel"], earned["reference"]) == (
        "EARN", 120, "STORE", "ord-3001",
    )  # fmt: skip
    assert earned["points"] + latest["points"] == first["points"], "the balance is their sum"
    assert rest["ledger"]["pageInfo"]["hasNextPage"] is False


async def test_a_ledger_cursor_is_no_other_lists(graphql: GraphQLClient) -> None:
    cursor = (await graphql.data(
        '{ customer(id: "%s") { timeline(first: 1) { pageInfo { endCursor } } } }' % ANA_ID
    ))["customer"]["timeline"]["pageInfo"]["endCursor"]  # fmt: skip
    error = await graphql.error(LEDGER, {"after": cursor})
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "after"}


# -- on events of its own (the demo data stays as it is for the tests above) --


async def test_a_reopened_case_is_open_again_with_its_whole_thread(client: GraphQLClient) -> None:
    events = example_events()
    reopen = event("s-1", "support", "SOCIAL", ANA_EMAIL, "2026-03-20T10:00:00Z",
                   support={"caseId": "case-77", "action": "REOPEN", "text": "The zip broke again."})  # fmt: skip
    follow = event("s-2", "support", "STORE", ANA_PHONE, "2026-03-21T16:00:00Z",
                   storeId="store-lisbon-1",
                   support={"caseId": "case-77", "action": "MESSAGE", "text": "Dropped it off."})  # fmt: skip
    results = await ingest(client, [*events, reopen, follow])
    ana_id = results[-1]["customerId"]

    associate = client.as_role(Role.ASSOCIATE)
    data = await associate.data(
        """{ customerByIdentifier(type: PHONE, value: "+351912345678") {
          openCases { id status channels order { id journey } messages { channel action } } } }"""
    )
    (case,) = data["customerByIdentifier"]["openCases"]
    assert case["id"] == "case-77" and case["status"] == "OPEN"
    assert case["channels"] == ["CHAT", "EMAIL", "CALL_CENTER", "SOCIAL", "STORE"]
    assert [m["action"] for m in case["messages"]] == [
        "OPEN", "MESSAGE", "RESOLVE", "REOPEN", "MESSAGE"
    ]  # fmt: skip
    assert case["order"] == {"id": "ord-3001", "journey": "paid in STORE"}

    everything = (await client.data(CASES, {"id": ana_id}))["customer"]
    assert [c["id"] for c in everything["openCases"]] == ["case-77"]

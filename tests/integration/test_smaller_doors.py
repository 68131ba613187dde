"""The smaller doors of issue 15 (point 10): a forged `X-Forwarded-For`, `node(id)` as an
existence oracle, and a search for `*`. (NUL bytes, huge sizes, 100,000 identifiers and years
0001/9999 are rejected at ingestion: tests/integration/test_poison_events.py.)"""

from __future__ import annotations

from typing import Any

import httpx

from resolvers.principal import Role
from tests.utils.gateway_process import gateway_env, serving
from tests.utils.graphql import GraphQLClient

GATEWAY_PORT = 8152  # this worktree's range


def codes(body: dict[str, Any]) -> set[str]:
    return {e["extensions"]["code"] for e in body.get("errors", [])}


async def test_rotating_x_forwarded_for_does_not_dodge_the_failed_login_limit(
    graphql: GraphQLClient,
) -> None:
    env = gateway_env(graphql.settings, OMNIGRAPH_RATE_LIMIT="5")
    with serving(env, GATEWAY_PORT) as base:
        async with httpx.AsyncClient(base_url=base) as http:
            statuses = [
                (await http.post("/graphql", json={"query": "{ __typename }"}, headers={
                    "Authorization": "Bearer forged", "X-Forwarded-For": f"203.0.113.{n}",
                })).status_code
                for n in range(12)
            ]  # fmt: skip
    assert statuses[:5] == [401] * 5
    assert set(statuses[5:]) == {429}, "counted by the peer's address, not the header"


async def test_node_answers_the_same_for_an_unknown_id_and_one_the_caller_may_not_read(
    graphql: GraphQLClient,
) -> None:
    analyst = graphql.as_role(Role.ANALYST)
    ana = graphql.as_role(Role.CUSTOMER, customer_id="cus-a35f8c06c1c35f4a")
    for caller, hidden in ((analyst, "dev-ana-phone"), (ana, "cus-01caf72690b6b648")):
        existing = await caller.execute("query($id: ID!) { node(id: $id) { id } }", {"id": hidden})
        unknown = await caller.execute('query($id: ID!) { node(id: $id) { id } }',
                                       {"id": "nothing-has-this-id"})  # fmt: skip
        assert codes(existing) == codes(unknown) == {"FORBIDDEN"}
        assert existing["data"] == unknown["data"] == {"node": None}
        assert existing["errors"][0]["message"].replace(hidden, "ID") == unknown["errors"][0][
            "message"
        ].replace("nothing-has-this-id", "ID")
    # what they may read is still theirs, and an admin is told null for an unknown id
    assert (await analyst.data('{ node(id: "cus-a35f8c06c1c35f4a") { id } }'))["node"]
    assert (await graphql.data('{ node(id: "nothing-has-this-id") { id } }'))["node"] is None


async def test_a_search_for_a_wildcard_lists_no_one(graphql: GraphQLClient) -> None:
    analyst = graphql.as_role(Role.ANALYST)
    for text in ("*", "?", "* *", "*:*"):
        body = await analyst.execute(
            "query($s: String) { customers(search: $s, first: 5) { totalCount } }", {"s": text}
        )
        assert codes(body) == {"BAD_USER_INPUT"}, text
        assert body["data"] is None or body["data"]["customers"] is None
    found = await analyst.data('{ customers(search: "lima", first: 5) { totalCount } }')
    assert found["customers"]["totalCount"] >= 1

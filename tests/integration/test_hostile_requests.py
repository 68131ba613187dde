"""Bodies and tokens that used to end in a plain-text 500 (issue 15, 9) are refused as the
caller's mistake, and a token's `roles` claim is a list of names or nothing at all."""

from __future__ import annotations

import jwt
import pytest

from gateway.tokens import mint_token
from resolvers.principal import Role
from tests.conftest import TEST_SECRET as SECRET
from tests.utils.graphql import GraphQLClient, bearer

NOT_AN_OBJECT = "The body must be a JSON object: {query, variables}"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"query": "{ __typename \xff }"}', "not valid UTF-8"),
        (b"[" * 5000 + b"]" * 5000, "depth limit exceeded"),
        (
            b'{"query": "{ __typename }", "variables": ' + b"[" * 5000 + b"]" * 5000 + b"}",
            "depth limit exceeded",
        ),
        (b"null", NOT_AN_OBJECT),
        (b"5", NOT_AN_OBJECT),
        (b'"{ __typename }"', NOT_AN_OBJECT),
    ],
)
async def test_a_body_that_is_no_graphql_request_is_a_400(
    client: GraphQLClient, body: bytes, reason: str
) -> None:
    async with client.http() as http:
        response = await http.post(
            "/graphql", content=body, headers={"Content-Type": "application/json"}
        )
        still_fine = await http.post("/graphql", json={"query": "{ __typename }"})
    assert response.status_code == 400
    assert reason in response.text
    assert still_fine.json() == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize("roles", [5, {"admin": False}, {"admin": True}, [5], [["admin"]], None])
async def test_a_roles_claim_that_is_not_a_list_of_names_authenticates_no_one(
    client: GraphQLClient, roles: object
) -> None:
    claims = jwt.decode(
        mint_token(client.settings, Role.CUSTOMER, customer_id="c-1"),
        options={"verify_signature": False},
    )
    forged = jwt.encode({**claims, "roles": roles}, SECRET, algorithm="HS256")
    async with client.with_headers(bearer(forged)).http() as http:
        response = await http.post("/graphql", json={"query": "{ __typename }"})
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "`roles` claim must be a list of role names" in response.json()["errors"][0]["message"]


async def test_roles_as_a_single_name_or_a_list_still_work(client: GraphQLClient) -> None:
    claims = jwt.decode(
        mint_token(client.settings, Role.ADMIN), options={"verify_signature": False}
    )
    for roles in ("admin", ["admin"], ["analyst", "admin"]):
        token = jwt.encode({**claims, "roles": roles}, SECRET, algorithm="HS256")
        async with client.with_headers(bearer(token)).http() as http:
            response = await http.post("/graphql", json={"query": "{ __typename }"})
        assert response.status_code == 200, (roles, response.text)

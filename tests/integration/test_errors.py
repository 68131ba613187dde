"""Bad arguments get a coded error a person can act on, never a stack trace."""

from __future__ import annotations

import pytest

from tests.utils.graphql import GraphQLClient
from tests.utils.people import ANA

ORDERS = (
    """query($first: Int, $after: String) { customer(id: "%s") {
    orders(first: $first, after: $after) { edges { cursor } } } }"""
    % ANA
)


@pytest.mark.parametrize("first", [101, -1, 1000])
async def test_first_out_of_range(graphql: GraphQLClient, first: int) -> None:
    error = await graphql.error(ORDERS, {"first": first})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "first"
    assert "between 0 and 100" in error["message"]


async def test_first_of_100_is_allowed(graphql: GraphQLClient) -> None:
    await graphql.data(ORDERS, {"first": 100})


@pytest.mark.parametrize("cursor", ["garbage", "", "W10", "eyJ4IjoxfQ", "!!!"])
async def test_a_malformed_cursor(graphql: GraphQLClient, cursor: str) -> None:
    error = await graphql.error(ORDERS, {"after": cursor})
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "after"}


async def test_a_cursor_from_another_list(graphql: GraphQLClient) -> None:
    data = await graphql.data(
        """{ customer(id: "%s") { interactions(first: 1) { pageInfo { endCursor } } } }""" % ANA
    )
    foreign = data["customer"]["interactions"]["pageInfo"]["endCursor"]
    error = await graphql.error(ORDERS, {"after": foreign})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"

    search = await graphql.data(
        '{ customers(search: "lima", first: 1) { pageInfo { endCursor } } }'
    )
    cursor = search["customers"]["pageInfo"]["endCursor"]
    error = await graphql.error(
        'query($after: String) { customers(search: "ana", after: $after) { totalCount } }',
        {"after": cursor},
    )
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "different search" in error["message"]


async def test_an_identifier_that_cannot_be_normalised(graphql: GraphQLClient) -> None:
    for kind, value in [("EMAIL", "not-an-email"), ("PHONE", "12"), ("EMAIL", "   ")]:
        error = await graphql.error(
            "query($t: IdentifierType!, $v: String!) { customerByIdentifier(type: $t, value: $v)"
            " { id } }",
            {"t": kind, "v": value},
        )
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "value"}, value


async def test_a_search_that_is_too_long(graphql: GraphQLClient) -> None:
    error = await graphql.error(
        "query($q: String) { customers(search: $q) { totalCount } }", {"q": "a" * 201}
    )
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "search"}


async def test_invalid_documents_and_variables(graphql: GraphQLClient) -> None:
    for query, variables in [
        ("{ customer(id: 1) { nope } }", {}),
        ("{ customer { id } }", {}),
        (
            'query($c: Channel) { customer(id: "%s") { orders(channel: $c) { totalCount } } }'
            % ANA,
            {"c": "TELEPATHY"},
        ),
        ('{ customer(id: "%s") { id ' % ANA, {}),
    ]:
        body = await graphql.execute(query, variables)
        assert body["errors"], query
        for error in body["errors"]:
            assert error["extensions"]["code"] == "BAD_USER_INPUT", (query, error)
            assert "Traceback" not in error["message"]
            assert set(error["extensions"]) <= {"code", "field"}

"""`/graphql` speaks HTTP as GraphQL clients written elsewhere expect: Apollo's automatic
persisted queries, coded JSON for every refused request, and the GraphQL over HTTP media types."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import httpx
import pytest

from resolvers.principal import Role
from tests.utils.graphql import GraphQLClient

ANA_BY_PHONE = '{ customerByIdentifier(type: PHONE, value: "+351 912 345 678") { givenName } }'
GRAPHQL_RESPONSE = "application/graphql-response+json"


def persisted(query: str) -> dict[str, Any]:
    digest = hashlib.sha256(query.encode()).hexdigest()
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


def only_error(response: httpx.Response) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"errors"}, body
    (error,) = body["errors"]
    assert isinstance(error["message"], str) and error["message"]
    result: dict[str, Any] = error
    return result


async def test_apollo_persisted_queries_round_trip_by_post_and_get(graphql: GraphQLClient) -> None:
    query = ANA_BY_PHONE.replace("givenName", "givenName familyName")  # a hash no test sent yet
    extensions = persisted(query)
    async with graphql.http() as http:
        # 1. Apollo Client sends the hash alone, learns the gateway does not know it yet
        unknown = await http.post("/graphql", json={"extensions": extensions})
        # 2. it sends the text with the hash; the gateway runs it and keeps it
        both = await http.post("/graphql", json={"query": query, "extensions": extensions})
        # 3. from then on the hash alone runs it, by POST or by GET (CDN-cacheable)
        again = await http.post("/graphql", json={"extensions": extensions})
        by_get = await http.get("/graphql", params={"extensions": json.dumps(extensions)})
    assert unknown.status_code == 200
    assert only_error(unknown)["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert "no-cache" in unknown.headers["cache-control"]
    ana = {"data": {"customerByIdentifier": {"givenName": "Ana", "familyName": "Lima"}}}
    assert both.json() == ana
    assert again.json() == ana
    assert by_get.status_code == 200
    assert by_get.json() == ana


async def test_a_persisted_query_whose_hash_does_not_match_is_refused(
    graphql: GraphQLClient,
) -> None:
    async with graphql.http() as http:
        mismatched = await http.post(
            "/graphql", json={"query": ANA_BY_PHONE, "extensions": persisted("{ __typename }")}
        )
        later = await http.post("/graphql", json={"extensions": persisted("{ __typename }")})
    assert mismatched.status_code == 400
    error = only_error(mismatched)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "does not match" in error["message"]
    # nothing was remembered under the wrong hash
    assert only_error(later)["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


BAD_REQUESTS = [
    pytest.param(b"{not json", "application/json", "not valid JSON", id="invalid-json"),
    pytest.param(b"", "application/json", "empty", id="empty-body"),
    pytest.param(b"{}", "application/json", "No GraphQL query", id="no-query"),
    pytest.param(b'{"query": 42}', "application/json", "`query` must be a string", id="query-int"),
    pytest.param(b'[{"query": "{ __typename }"}]', "application/json", "Batched", id="batch"),
    pytest.param(b'"{ __typename }"', "application/json", "JSON object", id="json-string"),
    pytest.param(
        b'{"query": "{ __typename }", "variables": "x"}',
        "application/json",
        "`variables` must be a JSON object",
        id="variables-string",
    ),
    pytest.param(
        b'{"query": "{ __typename }", "operationName": 3}',
        "application/json",
        "`operationName` must be a string",
        id="operation-name-int",
    ),
    pytest.param(b"{ __typename }", "text/plain", "application/json", id="not-json-type"),
]


@pytest.mark.parametrize(("body", "content_type", "says"), BAD_REQUESTS)
@pytest.mark.parametrize("accept", ["application/json", GRAPHQL_RESPONSE])
async def test_a_malformed_request_gets_a_coded_graphql_error(
    graphql: GraphQLClient, body: bytes, content_type: str, says: str, accept: str
) -> None:
    async with graphql.http() as http:
        response = await http.post(
            "/graphql", content=body, headers={"content-type": content_type, "accept": accept}
        )
    assert response.status_code in (400, 415)
    assert response.headers["content-type"] == accept
    error = only_error(response)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert says in error["message"]


async def test_get_requests_are_checked_too(graphql: GraphQLClient) -> None:
    async with graphql.http() as http:
        nothing = await http.get("/graphql")
        bad_variables = await http.get(
            "/graphql", params={"query": "{ __typename }", "variables": "{oops"}
        )
        mutation = await http.get(
            "/graphql", params={"query": 'mutation { unmergeCustomer(mergeId: "x") { id } }'}
        )
        query = await http.get("/graphql", params={"query": ANA_BY_PHONE})
    for refused, status in ((nothing, 400), (bad_variables, 400), (mutation, 405)):
        assert refused.status_code == status
        assert only_error(refused)["extensions"]["code"] == "BAD_USER_INPUT"
    assert mutation.headers["allow"] == "POST"
    assert query.json() == {"data": {"customerByIdentifier": {"givenName": "Ana"}}}


async def test_the_graphql_response_media_type(graphql: GraphQLClient) -> None:
    """With `application/graphql-response+json`, a document that never ran is a 400 without
    `data`; with legacy `application/json` it is a 200, still without `data`."""
    invalid = {"query": "{ customerByIdentifier { nope } }"}
    unparsable = {"query": "{ customer(id: "}
    bad_variable = {
        "query": 'query($t: IdentifierType!) { customerByIdentifier(type: $t, value: "x") { id } }',
        "variables": {"t": "TELEPATHY"},
    }
    async with graphql.http() as http:
        for accept, status, media in [
            (GRAPHQL_RESPONSE, 400, GRAPHQL_RESPONSE),
            ("application/json", 200, "application/json"),
            (f"{GRAPHQL_RESPONSE}, application/json;q=0.9", 400, GRAPHQL_RESPONSE),
            ("*/*", 200, "application/json"),
        ]:
            for payload in (invalid, unparsable, bad_variable):
                response = await http.post("/graphql", json=payload, headers={"accept": accept})
                assert response.status_code == status, (accept, payload, response.text)
                assert response.headers["content-type"] == media
                body = response.json()
                assert "data" not in body, body
                assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
            ran = await http.post(
                "/graphql", json={"query": ANA_BY_PHONE}, headers={"accept": accept}
            )
            assert ran.status_code == 200
            assert ran.headers["content-type"] == media
            assert ran.json() == {"data": {"customerByIdentifier": {"givenName": "Ana"}}}
        # an error while executing keeps `data` and 200: part of the answer may be there
        associate = graphql.as_role(Role.ASSOCIATE)
    forbidden = await associate.execute(
        ANA_BY_PHONE.replace("givenName", "givenName devices { id }")
    )
    assert "data" in forbidden
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_edge_refusals_speak_the_accepted_media_type(graphql: GraphQLClient) -> None:
    async with graphql.with_headers({}).http() as http:
        response = await http.post(
            "/graphql", json={"query": ANA_BY_PHONE}, headers={"accept": GRAPHQL_RESPONSE}
        )
    assert response.status_code == 401
    assert response.headers["content-type"] == GRAPHQL_RESPONSE
    assert only_error(response)["extensions"]["code"] == "UNAUTHENTICATED"

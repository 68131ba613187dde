"""Every GraphQL example in the README runs on the demo data and finds something."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.utils.graphql import GraphQLClient
from tests.utils.people import ANA

README = Path(__file__).resolve().parents[2] / "README.md"
EXAMPLES = re.findall(r"```graphql\n(.*?)```", README.read_text(), re.DOTALL)


def test_the_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("query", EXAMPLES, ids=[f"example-{i + 1}" for i in range(len(EXAMPLES))])
async def test_readme_example_runs_on_the_demo_data(graphql: GraphQLClient, query: str) -> None:
    data = await graphql.data(query)
    (root,) = data.values()
    assert root, "the example finds something in the demo data"
    if "edges" in root:
        assert root["edges"], "the example's list is not empty"


async def test_the_readme_curl_example(graphql: GraphQLClient) -> None:
    body = re.search(r"-d '(\{\"query\".*?\})'", README.read_text())
    assert body, "the README shows a curl example"
    async with graphql.http() as client:
        response = await client.post(
            "/graphql",
            content=body.group(1),
            headers={"Content-Type": "application/json", "X-Omnigraph-Trace": "1"},
        )
    payload = response.json()
    assert payload["data"]["customerByIdentifier"]["id"] == ANA
    assert payload["extensions"]["trace"]["cypherQueries"] >= 1

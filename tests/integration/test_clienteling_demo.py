"""`make demo` (through `omnigraph demo-tokens`) tells a store associate where the clienteling app
is and gives a token it accepts: one that finds Ana by phone, masked."""

from __future__ import annotations

import re

import jwt

from gateway.settings import Settings
from tests.conftest import TEST_SECRET
from tests.integration.test_cli_security import _omnigraph
from tests.utils.graphql import GraphQLClient, bearer


async def test_demo_tokens_print_the_clienteling_url_and_an_associate_token(
    graphql: GraphQLClient, settings: Settings
) -> None:
    printed = _omnigraph(settings, "demo-tokens", "--host", "127.0.0.1", "--port", "8000")
    assert printed.returncode == 0, printed.stderr
    found = re.search(
        r"^Clienteling app .*: (http://127\.0\.0\.1:8000/clienteling/)\n.*\n  (\S+)$",
        printed.stdout, re.MULTILINE,
    )  # fmt: skip
    assert found, printed.stdout
    token = found.group(2)
    claims = jwt.decode(token, TEST_SECRET, ["HS256"], audience="omnigraph")
    assert claims["roles"] == ["associate"] and claims["store_id"] == "store-lisbon-1"
    data = await graphql.with_headers(bearer(token)).data(
        '{ customerByIdentifier(type: PHONE, value: "+351 912 345 678") '
        "{ givenName identifiers { type value } } }"
    )
    ana = data["customerByIdentifier"]
    assert ana["givenName"] == "Ana"
    assert {"type": "EMAIL", "value": "a***@example.com"} in ana["identifiers"]

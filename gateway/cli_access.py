"""The CLI's commands about access and privacy: tokens, API keys, demo tokens, a person's export,
trusted documents. `gateway/cli.py` parses the arguments and calls these."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from gateway.settings import Settings

if TYPE_CHECKING:
    from neo4j import AsyncDriver


def token(settings: Settings, args: argparse.Namespace) -> int:
    from gateway.auth import AuthError, principal_from_claims
    from gateway.tokens import CannotMint, mint_token
    from resolvers.principal import Role

    role = Role(args.role)
    needed = {Role.ASSOCIATE: ("--store", args.store, "store-lisbon-1"),
              Role.CUSTOMER: ("--customer", args.customer, "cus-a35f8c06c1c35f4a")}  # fmt: skip
    if role in needed and not needed[role][1]:
        flag, _, example = needed[role]
        article = "an" if role.value[0] in "aeiou" else "a"
        print(f"omnigraph: {article} {role.value} token needs {flag} (e.g. {flag} {example})",
              file=sys.stderr)  # fmt: skip
        return 1
    try:
        # the same checks a request's token gets: an associate needs a store, a customer an id
        principal_from_claims(
            {
                "sub": "-",
                "roles": [role.value],
                "store_id": args.store,
                "customer_id": args.customer,
            }
        )
        print(
            mint_token(settings, role, store_id=args.store, customer_id=args.customer, ttl=args.ttl)
        )
    except (AuthError, CannotMint) as error:
        print(f"omnigraph: {error}", file=sys.stderr)
        return 1
    return 0


async def apikey(settings: Settings, name: str) -> int:
    from graph.apikeys import create_api_key
    from graph.driver import open_reachable_driver
    from graph.migrations import ensure_current

    driver = await open_reachable_driver(
        settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password
    )
    try:
        await ensure_current(driver, settings.neo4j_database)
        key_id, key = await create_api_key(driver, settings.neo4j_database, name)
    finally:
        await driver.close()
    print(f"created ingestion key {key_id} ({name}); it is shown only this once:\n{key}")
    return 0


# What each role's curl example asks: something that role may see on the demo data.
_DEMO_QUERIES = {
    "customer": "{ me { givenName loyalty { points tier } } }",
    "associate": '{ customerByIdentifier(type: PHONE, value: "+351 912 345 678") '
    "{ givenName sizes identifiers { type value } } }",
    "agent": '{ customerByIdentifier(type: EMAIL, value: "ana.lima@example.com") '
    "{ givenName identifiers { type value } supportCases { subject status } } }",
    "analyst": '{ customers(search: "lima", first: 3) { totalCount edges { node { givenName } } } }',
    "admin": '{ customerByIdentifier(type: LOYALTY_ID, value: "ln-5521") { id givenName } }',
}


async def as_operator(
    settings: Settings, driver: AsyncDriver, query: str, variables: dict[str, Any], reason: str
) -> dict[str, Any]:
    """The data of `query`, run through the served schema as the operator at the terminal (an
    admin named `cli:$USER`): the doors, masking and audit trail of an API request, not a way
    around them. Raises `RuntimeError` with the API's message on an error."""
    from resolvers.context import RequestContext
    from resolvers.principal import Principal, Role
    from schema import schema

    operator = Principal(subject=f"cli:{os.environ.get('USER', 'operator')}", role=Role.ADMIN)
    context = RequestContext.for_request(
        driver, settings.neo4j_database, operator, default_region=settings.default_region,
        reason=reason,
    )  # fmt: skip
    result = await schema.execute(query, variable_values=variables, context_value=context)
    if result.errors:
        raise RuntimeError(result.errors[0].message)
    return result.data or {}


async def _ana_id(settings: Settings) -> str:
    """Ana's id in the demo graph, looked up by her e-mail; the id ingestion gives her without one."""
    import asyncio

    from gateway.tokens import DEMO_ANA
    from graph.driver import open_driver

    driver = open_driver(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password)
    try:
        found = await asyncio.wait_for(
            as_operator(settings, driver, _ANA, {}, "omnigraph demo-tokens"), timeout=5
        )
        ana = found.get("customerByIdentifier")
        return str(ana["id"]) if ana else DEMO_ANA
    except Exception:  # no graph reachable: the token is still worth printing
        return DEMO_ANA
    finally:
        await driver.close()


_ANA = '{ customerByIdentifier(type: EMAIL, value: "ana.lima@example.com") { id } }'


def demo_tokens(settings: Settings, host: str, port: int) -> int:
    import asyncio
    import json

    from gateway.tokens import demo_tokens
    from resolvers.principal import Role

    ana_id = asyncio.run(_ana_id(settings))
    print("Demo tokens, one per role (valid 8 hours). In GraphiQL open Headers and paste")
    print('  {"Authorization": "Bearer <token>"}\n')
    tokens = demo_tokens(settings, ana_id=ana_id)
    for role, token in tokens.items():
        auth = f"-H 'Authorization: Bearer {token}'"
        if role.value == "ingest":
            example = (
                f"curl -s {host}:{port}/events {auth} -H 'Content-Type: application/x-ndjson' "
                "--data-binary @docs/examples.jsonl"
            )
        else:
            body = json.dumps({"query": _DEMO_QUERIES[role.value]})
            example = (
                f"curl -s {host}:{port}/graphql {auth} -H 'Content-Type: application/json' "
                f"-d '{body}'"
            )
        print(f"{role.value}:\n  {token}\n  {example}\n")
    print(f"Clienteling app (store associates): http://{host}:{port}/clienteling/")
    print("  sign in with the associate token (store-lisbon-1), then look up +351 912 345 678:")
    print(f"  {tokens[Role.ASSOCIATE]}\n")
    return 0


async def export(settings: Settings, customer_id: str, out: str | None) -> int:
    import json

    from graph.driver import open_reachable_driver
    from graph.migrations import ensure_current

    driver = await open_reachable_driver(
        settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password
    )
    try:
        await ensure_current(driver, settings.neo4j_database)
        # audited as the API audits `exportCustomer`, with the command as the reason
        found = await as_operator(
            settings, driver, _EXPORT, {"id": customer_id}, "omnigraph export"
        )
        document = found.get("exportCustomer")
        if document is None:
            print(f"omnigraph: no customer {customer_id!r}", file=sys.stderr)
            return 1
    finally:
        await driver.close()
    text = json.dumps(document, indent=2, ensure_ascii=False)
    if out:
        from pathlib import Path

        Path(out).write_text(text + "\n")
        print(f"wrote everything held about {document['customerId']} to {out}")
    else:
        print(text)
    return 0


_EXPORT = "query Export($id: ID!) { exportCustomer(id: $id) }"


def register_documents(settings: Settings, folder: str, manifest: str | None) -> int:
    from pathlib import Path

    from gateway.trusted import register_folder

    target = Path(manifest) if manifest else settings.trusted_documents
    if target is None:
        target = Path("trusted-documents.json")
    documents = register_folder(Path(folder), target)
    print(f"{target} holds {len(documents)} trusted documents; serve with "
          f"OMNIGRAPH_TRUSTED_DOCUMENTS={target}")  # fmt: skip
    return 0

"""Known read documents planned by Neo4j when the gateway starts, before anyone asks.

Neo4j plans a statement the first time it sees its text, then serves it from its query cache.
A compiled read is one deep statement (resolvers/compiled/), and planning it takes from a few
hundred milliseconds to several seconds: the first person to open GraphiQL, or the first
associate to look up a customer after a deploy, would wait that long. So once the graph answers,
the gateway has Neo4j plan (`EXPLAIN`: nothing runs, nothing is read) the documents it knows
will come:

- GraphiQL's example query (development only: production serves no GraphiQL), as the agent its
  development token is;
- every query of the clienteling app (`gateway/static/clienteling/queries.js`), as an associate;
- with `OMNIGRAPH_TRUSTED_DOCUMENTS`, every registered query, as agent and as associate.

Variables a document requires get placeholder values of their types (see `placeholders`); the
statement's text, which is what Neo4j caches, does not depend on their values. It runs in the background
and only logs: a document that cannot be warmed is simply planned on its first request, as
before. `OMNIGRAPH_WARM_READS=off` turns it off.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLNonNull,
    GraphQLSchema,
    OperationDefinitionNode,
    parse,
    type_from_ast,
)

from gateway.graphiql import EXAMPLE_QUERY
from gateway.web import CLIENTELING
from graph.driver import GraphReader
from resolvers.compiled.execute import CompiledReads
from resolvers.principal import Principal, Role

logger = logging.getLogger("omnigraph")

STORE = "warm-up"  # the associate's store, and any store a document asks for
TEXTS = ("+351 912 000 000", "warm-up@example.com")  # a string that must be a phone, an e-mail
_LITERAL = re.compile(r"const (\w+) = `(.*?)`;", re.S)


def app_documents() -> list[str]:
    """The clienteling app's GraphQL documents: `queries.js`' template literals, with the
    fragments they interpolate (`${NAME}`) spliced in."""
    source = (CLIENTELING / "queries.js").read_text()
    literals = dict(_LITERAL.findall(source))
    documents = []
    for text in literals.values():
        for name, body in literals.items():
            text = text.replace("${" + name + "}", body)
        documents.append(text)
    return documents


def placeholders(
    schema: GraphQLSchema, operation: OperationDefinitionNode, tries: int = 12
) -> Iterator[dict[str, Any]]:
    """Values for the variables the operation requires, to try in turn: each enum's first value,
    then, one variable at a time, its other values (an associate may not look a customer up by
    every identifier type), then strings that are a phone number or an e-mail address. Nothing
    when a variable needs an input object."""
    values: dict[str, Any] = {}
    enums: dict[str, list[str]] = {}
    for definition in operation.variable_definitions or ():
        gtype = type_from_ast(schema, definition.type)
        if definition.default_value is not None or not isinstance(gtype, GraphQLNonNull):
            continue
        named, variable = gtype.of_type, definition.variable.name.value
        name = getattr(named, "name", "")
        if isinstance(named, GraphQLInputObjectType):
            return
        if isinstance(named, GraphQLEnumType):
            enums[variable] = list(named.values)
            values[variable] = enums[variable][0]
        elif name == "Int":
            values[variable] = 10
        elif name == "Float":
            values[variable] = 0.0
        elif name == "Boolean":
            values[variable] = True
        elif name == "DateTime":
            values[variable] = datetime.now(UTC).isoformat()
        elif name == "Date":
            values[variable] = datetime.now(UTC).date().isoformat()
        else:  # String, ID: a store's id is the associate's own
            values[variable] = STORE
    strings = [variable for variable, value in values.items() if value == STORE]
    candidates = [values]
    for variable, names in enums.items():
        candidates += [{**values, variable: other} for other in names[1:]]
    for other in TEXTS:
        candidates.append({**values, **dict.fromkeys(strings, other)})
    yield from candidates[:tries]


def documents(
    *, production: bool, trusted: dict[str, str] | None
) -> Iterator[tuple[str, Principal]]:
    """What to warm, and as whom."""
    agent = Principal("warm-up", Role.AGENT)
    associate = Principal("warm-up", Role.ASSOCIATE, store_id=STORE)
    if not production:
        yield EXAMPLE_QUERY, agent
    for text in app_documents():
        yield text, associate
    for text in (trusted or {}).values():
        yield text, agent
        yield text, associate


async def warm_reads(
    compiled: CompiledReads,
    schema: GraphQLSchema,
    reader: GraphReader,
    *,
    production: bool,
    trusted: dict[str, str] | None = None,
) -> int:
    """Plan every known document's statement in Neo4j; how many were planned."""
    started = time.monotonic()
    planned = 0
    for text, principal in documents(production=production, trusted=trusted):
        try:
            document = parse(text)
            operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
            for operation in operations:
                name = operation.name.value if operation.name else None
                if name is None and len(operations) > 1:
                    continue
                for variables in placeholders(schema, operation):
                    if await compiled.warm(reader, text, principal, variables, name):
                        planned += 1
                        break
        except Exception as error:  # only a head start: the first request plans it otherwise
            logger.info("read statement not warmed (%s): %s", type(error).__name__, error)
    logger.info(
        "planned %d read statements in Neo4j in %.1f s", planned, time.monotonic() - started
    )
    return planned

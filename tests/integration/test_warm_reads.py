"""A gateway has Neo4j plan the reads it knows will come (gateway/warm_reads.py): GraphiQL's
example and the clienteling app's queries are planned before anyone asks, and the statements
planned are exactly those the requests then run."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncDriver

from bench.workloads import Q2
from gateway.warm_reads import app_documents, warm_reads
from graph.driver import GraphReader, Row
from resolvers.context import RequestContext
from resolvers.principal import Principal, Role
from schema import build_schema
from tests.utils.people import ANA_ID

ANA_PHONE = "+351 912 345 678"
APP_VARIABLES = {"type": "PHONE", "value": ANA_PHONE, "store": "store-lisbon-1", "id": ANA_ID}


@dataclass
class Recording(GraphReader):
    """A reader of the real Neo4j that remembers the statements it ran."""

    texts: list[str] = field(default_factory=list)

    async def read(
        self, cypher: str, params: Any = None, *, timeout: float | None = None
    ) -> list[Row]:
        self.texts.append(cypher)
        return await super().read(cypher, params, timeout=timeout)


async def _clear_plans(driver: AsyncDriver, database: str) -> int:
    """Empty Neo4j's query cache; how many statements it held."""
    async with driver.session(database=database) as session:
        message = (await (await session.run("CALL db.clearQueryCaches()")).single())[0]  # type: ignore[index]
    found = re.search(r"cleared of (\d+) quer", message)
    return int(found.group(1)) if found else 0


async def test_known_reads_are_planned_before_anyone_asks(
    demo_graph: AsyncDriver, database: str
) -> None:
    schema = build_schema(compiled=True)
    compiled = schema.compiled
    assert compiled is not None
    await _clear_plans(demo_graph, database)
    warming = Recording(demo_graph, database)
    planned = await warm_reads(compiled, compiled.schema, warming, production=False)
    # GraphiQL's example, and the app's sign-in to a store, store home, lookup and store customer
    assert planned == 5, warming.texts
    assert all(text.startswith("EXPLAIN ") for text in warming.texts)
    warmed = {text.removeprefix("EXPLAIN ") for text in warming.texts}
    assert len(warmed) == 5
    # Neo4j holds their plans (and nothing ran: EXPLAIN only plans)
    assert await _clear_plans(demo_graph, database) >= len(warmed)

    # the app's requests, as an associate of another store than the warm-up's, run exactly the
    # statements that were planned, one each
    associate = Principal("tablet", Role.ASSOCIATE, store_id="store-lisbon-1")
    asked = 0
    for text in app_documents():
        if not text.lstrip().startswith("query"):
            continue
        names = re.findall(r"\$(\w+):", text.split("{", 1)[0])
        context = RequestContext(Recording(demo_graph, database), associate)
        answer = await compiled.execute(
            text, {n: APP_VARIABLES[n] for n in names if n in APP_VARIABLES}, context, None
        )
        assert answer is not None, f"not compiled: {text}"
        reads: list[str] = context.reader.texts  # type: ignore[attr-defined]
        assert set(reads) <= warmed, text
        asked += len(reads)
    assert asked == 4


async def test_production_warms_the_app_and_the_trusted_documents(
    demo_graph: AsyncDriver, database: str
) -> None:
    schema = build_schema(compiled=True, production=True)
    compiled = schema.compiled
    assert compiled is not None
    reader = Recording(demo_graph, database)
    # no GraphiQL in production; a registered document is warmed as agent and as associate,
    # and a document the compiled path does not serve (identity) is left to its first request
    trusted = {"sha256:a": Q2, "sha256:b": '{ customer(id: "x") { identity { merges { id } } } }'}
    planned = await warm_reads(compiled, compiled.schema, reader, production=True, trusted=trusted)
    assert planned == 4 + 2
    assert len({text for text in reader.texts}) == 5  # Q2's statement is one text for both roles

"""Migrations are versioned and idempotent; the gateway will not serve from a graph behind them."""

from __future__ import annotations

import os
import subprocess
import sys

import neo4j.exceptions
import pytest
from neo4j import AsyncDriver

from gateway.settings import Settings
from graph.migrations import (
    LATEST_VERSION,
    MigrationsBehind,
    current_version,
    ensure_current,
    migrate,
)
from tests.utils.graphql import GraphQLClient


async def test_migrations_rerun_cleanly(neo4j_driver: AsyncDriver, database: str) -> None:
    assert await migrate(neo4j_driver, database) == []
    assert await current_version(neo4j_driver, database) == LATEST_VERSION
    records, _, _ = await neo4j_driver.execute_query(
        "SHOW CONSTRAINTS YIELD name", database_=database
    )
    names = {r["name"] for r in records}
    assert {"customer_id", "order_id", "product_sku", "identifier_type_value"} <= names
    records, _, _ = await neo4j_driver.execute_query(
        "SHOW INDEXES YIELD name, type, state", database_=database
    )
    indexes = {r["name"]: (r["type"], r["state"]) for r in records}
    assert indexes["customer_search"] == ("FULLTEXT", "ONLINE")
    assert indexes["order_placed_at"][1] == "ONLINE"


async def test_every_statement_is_idempotent_on_its_own(
    neo4j_driver: AsyncDriver, database: str
) -> None:
    await neo4j_driver.execute_query(
        "MATCH (m:Meta {name: 'schema'}) SET m.version = 0", database_=database
    )
    applied = await migrate(neo4j_driver, database)
    assert [m.version for m in applied] == list(range(1, LATEST_VERSION + 1))
    records, _, _ = await neo4j_driver.execute_query(
        "MATCH (c:Channel) RETURN count(c) AS n", database_=database
    )
    assert records[0]["n"] == 10


async def test_an_identifier_value_belongs_to_one_node(
    neo4j_driver: AsyncDriver, database: str
) -> None:
    await neo4j_driver.execute_query(
        "MERGE (:Identifier {type: 'EMAIL', value: 'unique-test@example.com'})", database_=database
    )
    with pytest.raises(neo4j.exceptions.ConstraintError):
        await neo4j_driver.execute_query(
            "CREATE (:Identifier {type: 'EMAIL', value: 'unique-test@example.com'})",
            database_=database,
        )
    await neo4j_driver.execute_query(
        "MATCH (i:Identifier {value: 'unique-test@example.com'}) DELETE i", database_=database
    )


async def test_the_gateway_refuses_a_graph_whose_migrations_are_behind(
    neo4j_driver: AsyncDriver, database: str, settings: Settings, graphql: GraphQLClient
) -> None:
    await neo4j_driver.execute_query(
        "MATCH (m:Meta {name: 'schema'}) SET m.version = $v",
        v=LATEST_VERSION - 1,
        database_=database,
    )
    try:
        with pytest.raises(MigrationsBehind, match="omnigraph migrate"):
            await ensure_current(neo4j_driver, database)
        async with graphql.http() as client:
            response = await client.get("/readyz")
        assert response.status_code == 503
        assert "omnigraph migrate" in response.json()["reason"]

        env = {
            **os.environ,
            "NEO4J_URI": settings.neo4j_uri,
            "NEO4J_USER": settings.neo4j_user,
            "NEO4J_PASSWORD": settings.neo4j_password,
            "NEO4J_DATABASE": database,
        }
        served = subprocess.run(
            [sys.executable, "-m", "gateway.cli", "serve", "--port", "0"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert served.returncode == 1
        assert "refusing to serve" in served.stderr and "omnigraph migrate" in served.stderr
    finally:
        await migrate(neo4j_driver, database)
    assert await current_version(neo4j_driver, database) == LATEST_VERSION

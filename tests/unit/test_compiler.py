"""The compiled path's planner and Cypher, without a database: GraphQL in, one statement out."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from graphql import get_operation_ast, parse
from graphql.execution.values import get_variable_values

from graph.compiler.templates import CONCEPTS as TEMPLATE_CONCEPTS
from graph.compiler.templates import TEMPLATES
from resolvers.compiled.fields import CONCEPTS as FIELD_CONCEPTS
from resolvers.compiled.fields import FIELDS
from resolvers.compiled.plan import Plan, plan
from resolvers.compiled.selections import NotCompiled
from resolvers.principal import Principal, Role
from schema import schema

AGENT = Principal(subject="agent", role=Role.AGENT)
ASSOCIATE = Principal(subject="associate", role=Role.ASSOCIATE, store_id="store-lisbon-1")


def _plan(document: str, principal: Principal = AGENT, variables: Any = None) -> Plan:
    parsed = parse(document)
    operation = get_operation_ast(parsed)
    assert operation is not None
    coerced = get_variable_values(
        schema._schema, operation.variable_definitions or (), variables or {}
    )
    assert not isinstance(coerced, list), coerced
    return plan(schema._schema, parsed, operation, coerced, principal)


def test_a_customer_with_orders_and_lines_is_one_parameterised_statement() -> None:
    found = _plan(
        '{ customerByIdentifier(type: EMAIL, value: "ana@example.com") {'
        " givenName orders(first: 2) { edges { node { id lines { sku product { name } } } } } } }"
    )
    statement = found.statement(("",))
    cypher = statement.cypher
    assert cypher.count("CALL () {") == 1 and cypher.rstrip().endswith("RETURN r0")
    # every nested list is a CALL subquery of its parent
    assert "CALL (v1) { MATCH (v1)-[:PLACED]->(v2:Order)" in cypher
    assert "CALL (v2) { MATCH (v2)-[v3_r:CONTAINS]->(v3:Product)" in cypher
    # values travel as parameters, never in the text
    assert "ana@example.com" not in cypher
    assert set(statement.params.values()) >= {"p1_type", "p1_value", "p0_limit", "p0_afterAt"}


def test_an_alias_with_other_arguments_reads_its_own_list() -> None:
    found = _plan(
        '{ customer(id: "c") { a: orders(first: 1) { totalCount } '
        "b: orders(first: 3, channel: WEB) { totalCount } } }"
    )
    cypher = found.statement(("",)).cypher
    assert "orders: " in cypher and "orders__1: " in cypher
    assert "ordersTotal: " in cypher and "ordersTotal__1: " in cypher


def test_totals_are_counted_only_when_selected() -> None:
    without = _plan('{ customer(id: "c") { orders { edges { node { id } } } } }')
    assert "ordersTotal" not in without.statement(("",)).cypher
    search = _plan('{ customers(search: "ana") { totalCount } }')
    assert "queryNodes" in search.statement(("search",)).cypher


@pytest.mark.parametrize(
    ("document", "principal"),
    [
        ('{ customer(id: "c") { journey { touchpoints } } }', AGENT),  # not declared yet
        ('{ customerByIdentifier(type: PHONE, value: "1") { devices { id } } }', ASSOCIATE),
        ("{ __schema { types { name } } }", AGENT),
        ('{ node(id: "c") { id } }', AGENT),
    ],
)
def test_what_the_planner_does_not_cover_goes_to_the_interpreted_path(
    document: str, principal: Principal
) -> None:
    with pytest.raises(NotCompiled):
        _plan(document, principal)


def test_skip_and_include_shape_the_plan() -> None:
    document = (
        'query($o: Boolean!) { customer(id: "c") { id orders @include(if: $o) { totalCount } } }'
    )
    assert "ordersTotal" in _plan(document, variables={"o": True}).statement(("",)).cypher
    assert "ordersTotal" not in _plan(document, variables={"o": False}).statement(("",)).cypher


def test_fields_computed_from_one_read_share_it() -> None:
    """The stats' figures all come from one pair of subqueries, however many are selected."""
    found = _plan(
        '{ customer(id: "c") { stats { lifetimeValue orderCount channels lastChannel } } }'
    )
    cypher = found.statement(("",)).cypher
    assert cypher.count("[:PLACED]->(v") == 2  # the totals, and the orders of the channel mix


def test_each_field_is_declared_in_one_concept_module() -> None:
    # `TEMPLATES` and `FIELDS` gather their concept modules: a field in two would lose one
    cypher = Counter(key for concept in TEMPLATE_CONCEPTS for key in concept.TEMPLATES)
    meaning = Counter(key for concept in FIELD_CONCEPTS for key in concept.FIELDS)
    assert [key for key, count in cypher.items() if count > 1] == []
    assert [key for key, count in meaning.items() if count > 1] == []
    assert (set(cypher), set(meaning)) == (set(TEMPLATES), set(FIELDS))


def test_a_fields_cypher_and_its_meaning_live_in_modules_of_the_same_name() -> None:
    # graph/compiler/templates/orders.py holds an order's Cypher, and
    # resolvers/compiled/fields/orders.py what it means: a newcomer finds one from the other
    cypher = {key: c.__name__.rsplit(".", 1)[1] for c in TEMPLATE_CONCEPTS for key in c.TEMPLATES}
    meaning = {key: c.__name__.rsplit(".", 1)[1] for c in FIELD_CONCEPTS for key in c.FIELDS}
    assert {key: (cypher[key], meaning[key]) for key in cypher.keys() & meaning.keys()
            if cypher[key] != meaning[key]} == {}  # fmt: skip

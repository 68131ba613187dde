"""Cypher snapshots of the compiled path: GraphQL in, the one statement and its parameters out,
no database. Every `(type, field)` template of `graph/compiler/templates/` is in at least one
of these documents, so a change to any field's Cypher shows as a snapshot diff
(`tests/snapshots/compiler/`, see `tests/utils/cypher_snapshot.py`)."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import get_operation_ast, parse
from graphql.execution.values import get_variable_values

from graph.compiler import Projection
from graph.compiler.templates import TEMPLATES
from resolvers.compiled.execute import CompiledReads
from resolvers.compiled.plan import Plan, plan
from resolvers.principal import Principal, Role
from schema import schema
from tests.utils.cypher_snapshot import assert_snapshot

AGENT = Principal(subject="agent", role=Role.AGENT)
ANALYST = Principal(subject="analyst", role=Role.ANALYST)
ASSOCIATE = Principal(subject="associate", role=Role.ASSOCIATE, store_id="store-lisbon-1")
CUSTOMER = Principal(subject="c-1", role=Role.CUSTOMER, customer_id="c-1")

_PAGE = "pageInfo { hasNextPage endCursor } totalCount"
CASES: dict[str, tuple[Principal, str]] = {
    "customer_profile": (
        AGENT,
        """{ customer(id: "c-1") { id givenName familyName birthDate locale anonymous
             personalization sizes preferences address { line1 city postalCode country }
             loyalty { points tier ledger(first: 2) { edges { cursor node { id action points
               channel at reference } } %s } }
             identifiers { type value firstSeen lastSeen }
             devices { id kind os model lastSeen } accounts { id kind status createdAt }
             stats { lifetimeValue orderCount averageOrderValue firstSeen lastSeen lastChannel
               preferredChannel channels recency frequency monetary rfmSegment }
             consents { purpose channel granted at documentVersion }
             notes { id text at author authorRole store { id name } }
             importantDates { kind date nextOccurrence }
             recommendations(first: 3) { product { sku name } score reason } } }"""
        % _PAGE,
    ),
    "customer_orders_and_interactions": (
        AGENT,
        """{ customer(id: "c-1") {
             orders(first: 2, channel: WEB) { edges { node { id channel status fulfillment
               placedAt currency total journey
               lines { sku quantity unitPrice product { id sku name category brand price } }
               statusHistory { status channel at store { id name } }
               store { id } fulfillmentStore { id city country timeZone locale } } } %s }
             interactions(first: 3, channels: [WEB], kinds: [PRODUCT_VIEW]) { edges { node {
               id kind channel at sku query url text rating durationSeconds
               product { sku } store { id } } } } } }"""
        % _PAGE,
    ),
    "customer_cart_cases_timeline": (
        AGENT,
        """{ customer(id: "c-1") {
             cart { id status updatedAt lastChannel lastDeviceId checkedOutAt subtotal
               items { sku quantity unitPrice product { name } }
               history(first: 2) { edges { node { id action sku quantity unitPrice channel at } } } }
             supportCases { id status subject openedAt updatedAt channels
               messages { channel at text action } order { id } }
             openCases { id }
             timeline(first: 5) { edges { node { id at kind channel caseId summary
               order { id } interaction { id } } } } } }""",
    ),
    "customer_by_identifier_as_associate": (
        ASSOCIATE,
        '{ customerByIdentifier(type: PHONE, value: "+351 912 345 678") { givenName '
        "identifiers { type value } } }",
    ),
    "customers_search_as_analyst": (
        ANALYST,
        '{ customers(search: "ana lima", first: 2) { totalCount edges { cursor node { id } } } }',
    ),
    "customers_list": (AGENT, "{ customers(first: 3) { edges { node { id givenName } } } }"),
    "store_lists_as_associate": (
        ASSOCIATE,
        """{ store(id: "store-lisbon-1") { id name city
             pickupsReady { order { id } customer { givenName } }
             visitsToday(at: "2026-03-12T10:00:00Z") { id }
             lapsedCustomers(first: 5, days: 90) { id }
             customer(id: "c-1") { id } } }""",
    ),
    "order": (AGENT, '{ order(id: "o-1") { id status journey } }'),
    "product": (CUSTOMER, '{ product(sku: "SKU-1") { name price } }'),
    "me": (CUSTOMER, "{ me { id givenName } }"),
}


def _plan(document: str, principal: Principal) -> tuple[Plan, Any]:
    parsed = parse(document)
    operation = get_operation_ast(parsed)
    assert operation is not None
    coerced = get_variable_values(schema._schema, operation.variable_definitions or (), {})
    assert not isinstance(coerced, list), coerced
    return plan(schema._schema, parsed, operation, coerced, principal), coerced


def _stable(params: dict[str, Any]) -> dict[str, Any]:
    # `lapsedCustomers(days)` counts back from now: the snapshot keeps the rule, not the instant
    return {k: "<now minus days>" if k.endswith("_cutoff") else v for k, v in params.items()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_statement_of_a_document_is_its_snapshot(name: str) -> None:
    principal, document = CASES[name]
    prepared = CompiledReads(schema._schema).prepare(document, {}, principal, "PT")
    assert prepared is not None and prepared.statement is not None
    statement, params = prepared.statement, prepared.params
    source = f"({principal.role.value}) {' '.join(document.split())}"
    assert_snapshot(f"compiler/{name}.cypher", source, statement.cypher, _stable(params))


def _fields(projection: Projection | None) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for field in projection.fields if projection else ():
        found.add((field.type_name, field.name))
        found |= _fields(field.child)
    return found


def test_the_snapshots_cover_every_field_template() -> None:
    covered: set[tuple[str, str]] = set()
    for principal, document in CASES.values():
        found, _ = _plan(document, principal)
        for root in found.roots:
            covered |= _fields(root.projection)
    # ("CustomerStats", "*"): one read for any field of the type
    assert {key for key in TEMPLATES if key[1] != "*"} - covered == set()

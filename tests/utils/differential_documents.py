"""The documents the differential suite (tests/integration/test_compiled_reads.py) runs on
both read paths: hand-written ones for aliases, fragments, directives and paging, the benchmark's
workloads, the clienteling app's queries, and every query document written in the tests and the
README.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

from bench.workloads import Q1, Q2, Q3, Q4
from gateway.warm_reads import app_documents
from schema import schema as served_schema
from tests.utils.people import ANA_ID

ROOT = Path(__file__).resolve().parents[2]
ANA_PHONE, ANA_EMAIL = "+351 912 345 678", "ana.lima@example.com"

HAND_WRITTEN: list[tuple[str, dict[str, Any]]] = [
    (Q1, {"email": ANA_EMAIL}),
    (Q2, {"phone": ANA_PHONE}),
    (Q3, {"q": "lima"}),
    (Q4, {"after": None}),
    (Q4, {"after": "cus-5"}),
    (
        """query A($type: IdentifierType!, $value: String!, $withOrders: Boolean!) {
          first: customerByIdentifier(type: $type, value: $value) {
            __typename ...Who
            recent: orders(first: 1) @include(if: $withOrders) { ...Page }
            older: orders(first: 2, after: "WyJvcmRlciIsIjIwMjYtMDMtMTBUMTI6MDA6MDBaIiwib3JkLTMwMDIiXQ") { ...Page }
            ... on Customer { loyalty { __typename tier points } }
          }
          again: customerByIdentifier(type: LOYALTY_ID, value: "ln-5521") { id givenName }
          nobody: customerByIdentifier(type: EMAIL, value: "nobody@example.org") { id }
        }
        fragment Who on Customer { id givenName familyName birthDate address { city line1 postalCode } }
        fragment Page on OrderConnection {
          __typename totalCount
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor __typename }
          edges { cursor __typename node { id total journey statusHistory { status at store { name } } } }
        }""",
        {"type": "PHONE", "value": ANA_PHONE, "withOrders": True},
    ),
    (
        """query B($skip: Boolean = true, $first: Int) {
          c: customer(id: "%s") {
            id sizes preferences personalization anonymous
            identifiers { type value firstSeen }
            orders(first: $first, channel: WEB) @skip(if: $skip) { edges { node { id channel } } }
            shipped: orders(status: PICKED_UP) { totalCount edges { node { id status fulfillmentStore { id city } } } }
            interactions(first: 3, kinds: [PRODUCT_VIEW, SEARCH]) { totalCount edges { cursor node { kind sku query text url at } } }
            consents { purpose channel granted at documentVersion }
            supportCases { id status channels messages { channel text action } }
            openCases { id subject }
            cart { id status subtotal lastDeviceId checkedOutAt items { sku quantity unitPrice product { sku price } } }
            stats { firstSeen lastSeen channels rfmSegment recency frequency monetary averageOrderValue }
            recommendations(first: 3) { score reason product { id name brand category } }
          }
        }"""
        % ANA_ID,
        {"skip": False, "first": 2},
    ),
    (
        """{ me { id givenName orders { totalCount edges { node { id lines { sku product { name } } } } } } }""",
        {},
    ),
    (
        """{ customers(first: 3) { totalCount pageInfo { endCursor hasNextPage }
             edges { cursor node { id familyName } } } }""",
        {},
    ),
    (
        """{ customers(search: "ana", first: 2) { totalCount edges { cursor node { id givenName } } } }""",
        {},
    ),
    (
        """{ product(sku: "JKT-100") { id sku name brand price category }
             missing: product(sku: "nope") { id }
             order(id: "ord-3002") { id total lines { sku } statusHistory { status store { name } } }
             store(id: "store-lisbon-1") { id name city country } }""",
        {},
    ),
    # a customer opened from a store's lists; another store's, for an associate: FORBIDDEN
    (
        """{ store(id: "store-lisbon-1") { id customer(id: "%s") { id givenName loyalty { tier } } } }"""
        % ANA_ID,
        {},
    ),
    ("""{ store(id: "store-porto-1") { customer(id: "%s") { id } } }""" % ANA_ID, {}),
    # the store's day, and another store's (FORBIDDEN for an associate)
    (
        """{ store(id: "store-lisbon-1") { pickupsReady { order { id total lines { sku } }
             customer { id givenName } } visitsToday(at: "2026-03-10T10:00:00Z") { id familyName }
             lapsedCustomers(first: 3, days: 30) { id stats { orderCount } } } }""",
        {},
    ),
    ("""{ store(id: "store-porto-1") { lapsedCustomers { id } } }""", {}),
    # a search that finds nobody: an empty page on both paths (it was INTERNAL on one)
    ("""{ customers(search: "zzqqxxnobody") { edges { node { id } } } }""", {}),
    # not compiled (yet): each must still answer exactly as before
    (
        """{ customer(id: "%s") { timeline(first: 3) { edges { node { summary } } } } }""" % ANA_ID,
        {},
    ),
    ("""{ customers(first: 101) { totalCount } }""", {}),
    ("""{ customerByIdentifier(type: PHONE, value: "not a phone") { id } }""", {}),
    ("""{ customers(after: "garbage") { totalCount } }""", {}),
]


# Values for the variables the clienteling app's documents declare.
_APP_VARIABLES = {
    "type": "PHONE",
    "value": ANA_PHONE,
    "store": "store-lisbon-1",
    "id": ANA_ID,
    "customerId": ANA_ID,
}


def app_queries() -> list[tuple[str, dict[str, Any]]]:
    """The clienteling app's queries (`queries.js` template literals, fragments spliced in)."""
    documents = []
    for text in app_documents():
        if text.lstrip().startswith("query"):
            names = re.findall(r"\$(\w+):", text.split("{", 1)[0])
            documents.append((text, {n: _APP_VARIABLES[n] for n in names if n in _APP_VARIABLES}))
    return documents


def written_documents() -> list[str]:
    """Every query document written as a string in the tests (no required variables)."""
    found: dict[str, None] = {}
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if path.name in (Path(__file__).name, "test_compiled_reads.py"):
            continue  # the hand-written ones run with their variables
        for node in ast.walk(ast.parse(path.read_text())):
            text = None
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
            elif (
                isinstance(node, ast.BinOp)
                and isinstance(node.op, ast.Mod)
                and isinstance(node.left, ast.Constant)
                and isinstance(node.left.value, str)
            ):
                text = node.left.value.replace("%s", ANA_ID)
            # the audit trail grows with every read: its readers answer differently each time
            if text and is_query(text) and not _READS_AUDIT.search(text):
                found[text] = None
    for block in re.findall(r"```graphql\n(.*?)```", (ROOT / "README.md").read_text(), re.S):
        if is_query(block):
            found[block] = None
    return list(found)


_READS_AUDIT = re.compile(r"exportCustomer|auditRecords|accessLog")


def is_query(text: str) -> bool:
    from graphql import OperationDefinitionNode, parse, validate

    stripped = text.strip()
    if not (stripped.startswith("{") or stripped.startswith("query")):
        return False
    try:
        document = parse(stripped)
    except Exception:
        return False
    if validate(served_schema._schema, document):
        return False
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    return len(operations) == 1 and not any(
        v.default_value is None and v.type.kind == "non_null_type"
        for v in operations[0].variable_definitions or ()
    )

"""The compiled `ingestEvents` coerces events exactly as graphql-core does (then strips them as
`schema/ingest.py` does): the same dicts, in the same key order, and a refusal wherever
graphql-core refuses. Checked on the benchmark's calls, on every event type, and on random
changes to them drawn by hypothesis: any field replaced by any JSON value, removed, or joined by
one the schema does not have. Which documents the door serves is checked here too; its answers,
against the interpreted path's, in tests/integration/test_compiled_ingest.py.
"""

from __future__ import annotations

import copy
from typing import Any

import orjson
import pytest
from graphql import Undefined, get_operation_ast, parse
from graphql.execution.values import get_variable_values
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.ingest import MUTATION
from bench.run import w1_bodies
from resolvers.compiled.ingest import NotCovered, input_coercer, shape_of
from schema import schema
from schema.ingest import _stripper
from tests.utils.raw_events import PAYLOADS, event

GRAPHQL = schema._schema
MUTATION_TYPE = GRAPHQL.mutation_type
assert MUTATION_TYPE is not None
EVENTS_TYPE = MUTATION_TYPE.fields["ingestEvents"].args["events"].type
COERCE = input_coercer(EVENTS_TYPE)
STRIP = _stripper(EVENTS_TYPE)
OPERATION = get_operation_ast(parse(MUTATION))
assert OPERATION is not None
VARIABLES = OPERATION.variable_definitions or ()


def graphql_core(events: Any) -> Any:
    """What the interpreted path hands the resolver, or Undefined when it refuses the call."""
    found = get_variable_values(GRAPHQL, VARIABLES, {"events": events})
    if isinstance(found, list):  # errors
        return Undefined
    return STRIP(found.coerced["events"])


def assert_same(events: Any) -> None:
    expected = graphql_core(events)
    got = COERCE(events)
    if expected is Undefined:
        assert got is Undefined, f"graphql-core refuses {events!r}, the compiled door took it"
    else:
        assert got is not Undefined, f"graphql-core takes {events!r}, the compiled door refused"
        assert orjson.dumps(got) == orjson.dumps(expected)
        assert got == expected


def test_the_benchmark_calls_coerce_as_graphql_core_does() -> None:
    bodies = w1_bodies(12, seed=4_242)
    assert len(bodies) == 12
    for body in bodies:
        events = body["variables"]["events"]
        assert COERCE(events) is not Undefined
        assert_same(events)


@pytest.mark.parametrize("kind", list(PAYLOADS))
def test_every_event_type_coerces_as_graphql_core_does(kind: str) -> None:
    full = event(kind, device={"id": "dev-1", "kind": "PHONE", "os": "iOS"}, storeId="store-1",
                 source="pos")  # fmt: skip
    assert COERCE([full]) is not Undefined
    assert_same([full])


@pytest.mark.parametrize(
    "events",
    [
        None,
        [],
        {"eventId": "one event, not a list"},
        [None],
        [event(), None],
        "a string",
        [event(channel="web")],  # enum names are case-sensitive
        [event(channel=3)],
        [event(eventId=42)],  # String takes no number
        [{**event(), "unknown": 1}],
        [{k: v for k, v in event().items() if k != "at"}],
        [event(identifiers={"type": "EMAIL", "value": "a@example.com"})],  # a list of one
        [event(identifiers=[])],
        [event(identifiers=None)],
        [event("loyalty", loyalty={"action": "EARN", "points": 2.0})],  # an integral float
        [event("loyalty", loyalty={"action": "EARN", "points": 2.5})],
        [event("loyalty", loyalty={"action": "EARN", "points": 2**31})],
        [event("loyalty", loyalty={"action": "EARN", "points": True})],
        [event("order", order={**PAYLOADS["order"][1], "total": 120})],  # an int for a Float
        [event("order", order={**PAYLOADS["order"][1], "total": float("inf")})],
        [event("order", order={**PAYLOADS["order"][1], "total": 10**400})],
        [event("consent", consent={**PAYLOADS["consent"][1], "granted": "false"})],
    ],
)
def test_edge_cases_coerce_as_graphql_core_does(events: Any) -> None:
    assert_same(events)


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**40), max_value=2**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from(["WEB", "web", "PLACED", "ADD", "EMAIL", "identify", "", "2026-03-02"])
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*path, index))
    return found


def _retyped(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return float(value)
    if isinstance(value, float):
        return int(value) if value.is_integer() else str(value)
    if isinstance(value, list):
        return value[0] if value else None  # one value where a list goes
    if isinstance(value, dict):
        return [value]
    return value.lower() if isinstance(value, str) else value


@st.composite
def changed_calls(draw: st.DrawFn) -> Any:
    """A valid call of one or two events, with one to three values changed: replaced by any
    JSON, removed, nulled, converted (an int for a float, one value for a list), or joined by
    another field."""
    kinds = draw(st.lists(st.sampled_from(list(PAYLOADS)), min_size=1, max_size=2))
    events: Any = [
        event(kind, device={"id": "dev-1", "kind": "POS"}, storeId="s-1") for kind in kinds
    ]
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = _paths(events)
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["replace", "remove", "add", "null", "retype", "retype"]))
        if not path:
            events = draw(JSON)
            continue
        parent = events
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        if action == "remove" and isinstance(parent, dict):
            del parent[last]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["unknown", "sku", "points", "value", "type"]))] = draw(
                JSON
            )
        elif action == "null":
            parent[last] = None
        elif action == "retype":  # a value graphql-core may well take, converted
            parent[last] = _retyped(parent[last])
        else:
            parent[last] = draw(JSON)
    return events


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(changed_calls())
def test_random_changes_coerce_as_graphql_core_does(events: Any) -> None:
    assert_same(copy.deepcopy(events))


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(JSON)
def test_random_values_coerce_as_graphql_core_does(events: Any) -> None:
    assert_same(events)


def _shape(document: str) -> Any:
    return shape_of(get_operation_ast(parse(document)))  # type: ignore[arg-type]


def test_the_door_serves_plain_selections_with_aliases_and_typenames() -> None:
    shape = _shape(
        "mutation Send($e: [EventInput!]!) { sent: ingestEvents(events: $e) "
        "{ __typename id: eventId status problem: error { code message } } }"
    )
    assert (shape.variable, shape.key) == ("e", "sent")
    results: list[dict[str, Any]] = [
        {"eventId": "ev-1", "status": "REJECTED", "customerId": None, "mergedCustomerIds": [],
         "warnings": [], "error": {"code": "INVALID_FIELD", "field": "at", "message": "m"},
         "reason": None},
    ]  # fmt: skip
    assert shape.answer(results) == {
        "sent": [
            {"__typename": "IngestResult", "id": "ev-1", "status": "REJECTED",
             "problem": {"code": "INVALID_FIELD", "message": "m"}},
        ]
    }  # fmt: skip


@pytest.mark.parametrize(
    "document",
    [
        "query { __typename }",
        "mutation { ingestEvents(events: []) { status } }",  # events in the document
        "mutation($e: [EventInput!]!) @skip(if: true) { ingestEvents(events: $e) { status } }",
        "mutation($e: [EventInput!]!) { ingestEvents(events: $e) { ...R } } "
        "fragment R on IngestResult { status }",
        "mutation($e: [EventInput!]!) { ingestEvents(events: $e) { ... on IngestResult "
        "{ status } } }",
        "mutation($e: [EventInput!]!) { ingestEvents(events: $e) { status @include(if: true) } }",
        "mutation($e: [EventInput!]!) { ingestEvents(events: $e) { status status } }",
        "mutation($e: [EventInput!]!) { a: ingestEvents(events: $e) { status } "
        "b: ingestEvents(events: $e) { status } }",
        "mutation($e: [EventInput!]! = []) { ingestEvents(events: $e) { status } }",
        "mutation($e: [EventInput!]!, $n: Int) { ingestEvents(events: $e) { status } }",
        "mutation($e: [EventInput!]!) { ingestEvents(events: $e) { status } "
        'unmergeCustomer(mergeId: "m") { id } }',
    ],
)
def test_the_door_leaves_other_documents_to_the_interpreted_path(document: str) -> None:
    with pytest.raises(NotCovered):
        _shape(document)

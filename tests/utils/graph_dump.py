"""The whole graph as comparable values: every node and relationship with its properties.

Nodes are named by their key (`id`, `sku`, `code`, identifier type and value, or for a trait
value its event and name), so two graphs built by different runs compare equal exactly when they
hold the same facts. What only says *when* a run happened (`ingestedAt`, an audit record's `at`) is left out.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from neo4j import AsyncDriver

_VOLATILE = {"ingestedAt"}

_NODES = """
MATCH (n) WHERE NOT n:Meta
RETURN elementId(n) AS eid, labels(n) AS labels, properties(n) AS props
"""

_RELATIONSHIPS = """
MATCH (a)-[r]->(b) WHERE NOT a:Meta AND NOT b:Meta
RETURN elementId(a) AS a, type(r) AS type, properties(r) AS props, elementId(b) AS b
"""


def _key(labels: list[str], props: dict[str, Any]) -> str:
    for name in ("id", "sku", "code"):
        if name in props:
            return f"{'/'.join(sorted(labels))}:{props[name]}"
    if "Identifier" in labels:
        return f"Identifier:{props['type']}:{props['value']}"
    if "TraitValue" in labels:
        return f"TraitValue:{props['eventId']}:{props['name']}"
    raise AssertionError(f"no key for a node {labels} {props}")


def _canonical(
    props: dict[str, Any], volatile: set[str] = _VOLATILE
) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, repr(v)) for k, v in props.items() if k not in volatile))


async def graph_dump(driver: AsyncDriver, database: str) -> dict[str, Any]:
    nodes, _, _ = await driver.execute_query(_NODES, database_=database)
    keys = {}
    dumped = {}
    for record in nodes:
        key = _key(record["labels"], record["props"])
        assert key not in dumped, f"two nodes named {key}"
        keys[record["eid"]] = key
        # an audit record's time is when the run wrote it
        volatile = _VOLATILE | ({"at"} if "AuditRecord" in record["labels"] else set())
        dumped[key] = (tuple(sorted(record["labels"])), _canonical(record["props"], volatile))
    rels, _, _ = await driver.execute_query(_RELATIONSHIPS, database_=database)
    relationships = Counter(
        (keys[r["a"]], r["type"], _canonical(r["props"]), keys[r["b"]]) for r in rels
    )
    return {"nodes": dumped, "relationships": relationships}


def differences(left: dict[str, Any], right: dict[str, Any], limit: int = 10) -> list[str]:
    """What differs, readably, for an assertion message."""
    out = []
    for key in sorted(set(left["nodes"]) | set(right["nodes"])):
        one, other = left["nodes"].get(key), right["nodes"].get(key)
        if one is None or other is None:
            out.append(f"node {key} only {'right' if one is None else 'left'}")
        elif one != other:
            changed = sorted(set(one[1]) ^ set(other[1]))
            out.append(f"node {key}: {one[0]} / {other[0]}: {changed}")
    extra = left["relationships"] - right["relationships"]
    missing = right["relationships"] - left["relationships"]
    out += [f"only left: {r}" for r in extra] + [f"only right: {r}" for r in missing]
    return out[:limit]


def customers_by_identifiers(dump: dict[str, Any]) -> dict[str, Any]:
    """The dump with each customer named by the identifiers it holds instead of by its id.

    A customer's id is minted from the event that created the profile (graph/MODEL.md), which is
    the first of that person's events to *arrive*: two runs of the same events in different
    arrival orders give the same people different ids, and nothing else differs because of it.
    """
    held: dict[str, list[str]] = {}
    for (source, kind, _, target), _count in dump["relationships"].items():
        if kind == "HAS_IDENTIFIER" and source.startswith("Customer:"):
            held.setdefault(source, []).append(target.removeprefix("Identifier:"))
    names = {key: f"Customer:<{' '.join(sorted(set(ids)))}>" for key, ids in held.items()}
    ids = {key.removeprefix("Customer:"): name for key, name in names.items()}

    def rename(text: str) -> str:
        for old, new in ids.items():
            text = text.replace(old, new)
        return text

    nodes = {}
    for key, (labels, props) in dump["nodes"].items():
        name = names.get(key, key)
        assert name not in nodes, f"two customers hold the same identifiers: {name}"
        nodes[name] = (labels, tuple((k, rename(v)) for k, v in props))
    relationships: Counter[Any] = Counter()
    for (source, kind, props, target), count in dump["relationships"].items():
        renamed = tuple((k, rename(v)) for k, v in props)
        relationships[(names.get(source, source), kind, renamed, names.get(target, target))] += (
            count
        )
    return {"nodes": nodes, "relationships": relationships}

"""What a template is, and the pieces many templates share.

In a template `@v` is the object's node variable, `@c` a fresh variable for a subquery's node,
`@child` the map projection of the child selection, and `$@name` a parameter of this field
occurrence.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sub:
    """A nested read: `CALL (@v) { <match> <child's calls> RETURN <ret> AS @c_out }`, its value
    `@c_out`. Aggregations live here: Neo4j 5.26 refuses an aggregating function nested in a
    `COLLECT {}` inside a projection, so nesting is done with CALL subqueries."""

    match: str
    ret: str = "collect(@child)"


@dataclass(frozen=True)
class Template:
    keys: dict[str, str | Sub]
    same_node: bool = False
    flatten: bool = False
    # keys added only when the planner asks for the option (a connection's `totalCount`)
    options: dict[str, dict[str, str | Sub]] = field(default_factory=dict)


def props(*names: str) -> Template:
    return Template({name: f"@v.{name}" for name in names})


ORDER_BY_TIME = "ORDER BY @c.{t} DESC, @c.id DESC"
ID_KEYS: dict[str, str | Sub] = {"id": "@v.id"}

"""Connection pages as resolvers hand them to the schema: records with their cursors."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from graph.cypher.pages import PageRow
from resolvers.pagination import encode_cursor, page_size, time_position

if TYPE_CHECKING:
    from resolvers.context import Info
    from resolvers.loaders.pages import NewestFirst

R = TypeVar("R", bound=Mapping[str, Any])  # a typed row: OrderRow, TimelineItemRow...


@dataclass(frozen=True)
class Page(Generic[R]):
    """Up to `first` records with their cursors, whether more follow, and the list's total
    (None when the request did not ask for `totalCount`: counting is skipped then)."""

    items: list[tuple[str, R]]
    has_next: bool
    total: int | None


def time_page(kind: str, result: PageRow[R], first: int, time_key: str = "placedAt") -> Page[R]:
    """A page from a loader result fetched with `limit = first + 1` (the extra says: more follow)."""
    rows = result["items"]
    return keyed_page(
        rows, first, result["total"], lambda r: encode_cursor(kind, iso(r[time_key]), r["id"])
    )


async def newest_first(
    info: Info,
    loader: type[NewestFirst[R]],
    kind: str,
    key: str,
    first: int | None,
    after: str | None,
) -> Page[R]:
    """A page of a list read newest first by (at, id) (the timeline, the loyalty ledger, a
    cart's history), whose cursors are of `kind`."""
    size = page_size(first)
    page = await loader(info, limit=size + 1, after=time_position(after, kind)).load(key)
    return time_page(kind, page, size, "at")


def keyed_page(rows: list[R], first: int, total: int | None, cursor: Callable[[R], str]) -> Page[R]:
    """Up to `first` of `rows` (fetched with one extra, which says more follow), with cursors."""
    shown = rows[:first]
    return Page([(cursor(row), row) for row in shown], len(rows) > first, total)


def iso(value: Any) -> str:
    """A Neo4j DateTime as ISO text with its full (nanosecond) precision, for cursors."""
    return str(value.iso_format()) if hasattr(value, "iso_format") else str(value)

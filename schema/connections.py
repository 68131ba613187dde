"""Relay connections: `edges { cursor node }`, `pageInfo`, `totalCount`, with opaque cursors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Self, TypeVar

import strawberry

from resolvers.pages import Page, R

T = TypeVar("T")


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Entries in the whole list, on every page.")

    @classmethod
    def from_page(cls, page: Page[R], make: Callable[[R], T], paged: bool) -> Self:
        edges = [Edge(cursor=cursor, node=make(record)) for cursor, record in page.items]
        return cls(
            edges=edges,
            page_info=PageInfo(
                has_next_page=page.has_next,
                has_previous_page=paged,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            # not counted when not asked for (resolvers.selection.asks_for): never shown then
            total_count=page.total if page.total is not None else -1,
        )

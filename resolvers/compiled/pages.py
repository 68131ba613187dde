"""Connection pages on the compiled path: the raw rows of a page, masked and paged exactly as
the interpreted path pages them (`resolvers.pages.keyed_page`, the same cursors)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from graph.driver import Row
from resolvers import access
from resolvers.compiled.arguments import Bound
from resolvers.pages import iso, keyed_page
from resolvers.pagination import encode_cursor
from resolvers.principal import Role

if TYPE_CHECKING:
    from resolvers.compiled.builders import Request

# A connection's page from its raw rows: (cursor, record) items, whether more follow, the total;
# cursors are encoded only when the selection shows one (`cursors`), else "".
PageRead = Callable[[Any, "Request", Bound, bool], tuple[list[tuple[str, Row]], bool, int | None]]


def page_info(
    keys: list[tuple[str, str]], items: list[tuple[str, Row]], has_next: bool, paged: bool
) -> dict[str, Any]:
    values = {
        "hasNextPage": has_next,
        "hasPreviousPage": paged,
        "startCursor": items[0][0] if items else None,
        "endCursor": items[-1][0] if items else None,
        "__typename": "PageInfo",
    }
    return {key: values[name] for key, name in keys}


def time_page(
    name: str,
) -> PageRead:
    views: dict[str, tuple[str, str, Callable[[Role, Row], Row]]] = {
        "orders": ("order", "placedAt", access.page_view),
        "interactions": ("interaction", "at", access.page_view),
        "ledger": ("ledger", "at", _as_it_is),
        "timeline": ("timeline", "at", access.timeline_view),
        "history": ("cart_history", "at", _as_it_is),
    }
    kind, time_key, view = views[name]

    def page(
        raw: Row, request: Request, bound: Bound, cursors: bool
    ) -> tuple[list[tuple[str, Row]], bool, int | None]:
        result = view(
            request.principal.role, {"total": raw.get(f"{name}Total"), "items": raw[name]}
        )
        total = result["total"]
        built = keyed_page(
            result["items"],
            bound.size,
            int(total) if total is not None else None,
            (lambda r: encode_cursor(kind, iso(r[time_key]), r["id"])) if cursors else _no_cursor,
        )
        return built.items, built.has_next, built.total

    return page


def _as_it_is(_: Role, page: Row) -> Row:
    return page


def _no_cursor(_: Row) -> str:
    return ""


def search_page(
    raw: Row, request: Request, bound: Bound, cursors: bool
) -> tuple[list[tuple[str, Row]], bool, int | None]:
    query = bound.extra["query"]
    rows = [
        {**access.customer_view(request.principal.role, hit["node"]), "_score": hit["score"]}
        for hit in raw["hits"]
    ]
    request.customers_read.update(row["id"] for row in rows[: bound.size])
    kind = "search" if query is not None else "customers"

    def cursor(row: Row) -> str:
        if query is None:
            return encode_cursor(kind, row["id"])
        return encode_cursor(kind, query, row["_score"], row["id"])

    total = raw["total"]
    built = keyed_page(
        rows,
        bound.size,
        int(total) if total is not None else None,
        cursor if cursors else _no_cursor,
    )
    return built.items, built.has_next, built.total

"""Field arguments on the compiled path: checked exactly as the resolvers check them (the same
helpers raise the same `ClientError`s), then turned into the statement's parameters.

Each binder takes the field's coerced arguments and the principal and returns `Bound`: the
parameters of the field's Cypher template (`$@name` in graph/compiler/templates/) and what the
answer's builder needs (page size, whether a cursor was given...). A `ClientError` here sends the request
to the interpreted path, which reports it with its path and code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from graph.cypher.recommendations import AGREEING_SIGNAL_BONUS, SCAN, WEIGHTS
from graph.identifiers import InvalidIdentifier, normalize
from resolvers.access import ASSOCIATE_LOOKUPS, Forbidden
from resolvers.clienteling import lapsed_arguments, visit_day
from resolvers.customers import search_arguments
from resolvers.errors import BadUserInput
from resolvers.pagination import page_size, time_position
from resolvers.principal import Principal, Role


@dataclass
class Bound:
    params: dict[str, Any]
    size: int = 0
    paged: bool = False
    variant: str = ""  # which root template serves it (`customers`: search or list)
    extra: dict[str, Any] = field(default_factory=dict)


Binder = Callable[[dict[str, Any], Principal, str], Bound]


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _time_page(kind: str, args: dict[str, Any]) -> tuple[int, dict[str, Any], bool]:
    size = page_size(args.get("first"))
    position = time_position(args.get("after"), kind)
    at, ident = position if position else (None, None)
    return size, {"limit": size + 1, "afterAt": at, "afterId": ident}, args.get("after") is not None


def orders(args: dict[str, Any], _: Principal, __: str) -> Bound:
    size, params, paged = _time_page("order", args)
    params["channel"] = _plain(args.get("channel"))
    params["status"] = _plain(args.get("status"))
    return Bound(params, size, paged)


def _newest_first(kind: str) -> Binder:
    """A page read newest first with no argument but the page's (the ledger, the timeline, a
    cart's history): its cursors are of `kind`."""

    def bind(args: dict[str, Any], _: Principal, __: str) -> Bound:
        size, params, paged = _time_page(kind, args)
        return Bound(params, size, paged)

    return bind


def interactions(args: dict[str, Any], _: Principal, __: str) -> Bound:
    size, params, paged = _time_page("interaction", args)
    for name in ("since", "until"):
        moment = args.get(name)
        if moment is not None and moment.tzinfo is None:
            raise BadUserInput(f"`{name}` needs a time zone offset, e.g. Z", field=name)
        params[name] = moment.isoformat() if moment is not None else None
    for name in ("channels", "kinds"):
        values = args.get(name)
        params[name] = sorted(_plain(v) for v in values) if values is not None else None
    return Bound(params, size, paged)


def recommendations(args: dict[str, Any], _: Principal, __: str) -> Bound:
    first = args.get("first")
    limit = page_size(5 if first is None else first)
    return Bound({"limit": limit, "weights": WEIGHTS, "bonus": AGREEING_SIGNAL_BONUS, "scan": SCAN})


def customer_by_identifier(args: dict[str, Any], viewer: Principal, region: str) -> Bound:
    kind = _plain(args["type"])
    if viewer.role is Role.ASSOCIATE and kind not in ASSOCIATE_LOOKUPS:
        raise Forbidden("Associates look customers up by PHONE, EMAIL or LOYALTY_ID", field="type")
    try:
        value = normalize(kind, args["value"], region)
    except InvalidIdentifier as error:
        raise BadUserInput(str(error), field="value") from error
    return Bound({"type": kind, "value": value})


def by_id(args: dict[str, Any], _: Principal, __: str) -> Bound:
    return Bound({"id": str(args["id"])})


def me(_: dict[str, Any], viewer: Principal, __: str) -> Bound:
    return Bound({"id": viewer.customer_id})


def customers(args: dict[str, Any], _: Principal, __: str) -> Bound:
    checked = search_arguments(args.get("search"), args.get("first"), args.get("after"))
    paged, limit = args.get("after") is not None, checked.size + 1
    if checked.query is None:
        params = {"afterId": checked.after_id or "", "limit": limit}
        return Bound(params, checked.size, paged, "list", {"query": None})
    params = {
        "query": checked.query,
        "afterScore": checked.after_score,
        "afterId": checked.after_id,
        "limit": limit,
    }
    return Bound(params, checked.size, paged, "search", {"query": checked.query})


def product(args: dict[str, Any], _: Principal, __: str) -> Bound:
    return Bound({"sku": args["sku"]})


def visits(args: dict[str, Any], _: Principal, __: str) -> Bound:
    """As `resolvers.clienteling.visits` reads its day."""
    start, end = visit_day(args.get("at"))
    return Bound({"from": start.isoformat(), "to": end.isoformat()})


def lapsed(args: dict[str, Any], _: Principal, __: str) -> Bound:
    limit, cutoff = lapsed_arguments(args.get("first"), args["days"])
    return Bound({"limit": limit, "cutoff": cutoff.isoformat()})


BINDERS: dict[str, Binder] = {
    "visits": visits,
    "lapsed": lapsed,
    "product": product,
    "store": by_id,
    "order": by_id,
    "orders": orders,
    "interactions": interactions,
    "ledger": _newest_first("ledger"),
    "timeline": _newest_first("timeline"),
    "cart_history": _newest_first("cart_history"),
    "recommendations": recommendations,
    "customerByIdentifier": customer_by_identifier,
    "customer": by_id,
    "store_customer": by_id,
    "me": me,
    "customers": customers,
}

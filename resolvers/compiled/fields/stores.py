"""A store and its day; an associate follows only their own store's customers."""

from __future__ import annotations

from graph.driver import Row
from resolvers.access import Forbidden
from resolvers.compiled.fields.spec import Getter, Spec, prop
from resolvers.principal import Principal, Role


def _own_store(r: Row, viewer: Principal) -> None:
    # an associate opens the customers of their own store only (`require_store`)
    if viewer.role is Role.ASSOCIATE and viewer.store_id != r["id"]:
        raise Forbidden("another store's customers: the interpreted path says so")


def _store_customer(r: Row, viewer: Principal) -> Row | None:
    _own_store(r, viewer)
    found: Row | None = r["customer"]
    return found


def _store_list(key: str) -> Getter:
    def get(r: Row, viewer: Principal) -> list[Row]:
        _own_store(r, viewer)
        found: list[Row] = r[key]
        return found

    return get


FIELDS: dict[tuple[str, str], Spec] = {
    ("Store", "id"): prop("id"),
    ("Store", "name"): prop("name"),
    ("Store", "city"): prop("city"),
    ("Store", "country"): prop("country"),
    ("Store", "timeZone"): prop("timeZone"),
    ("Store", "locale"): prop("locale"),
    ("Store", "customer"): Spec(
        _store_customer,
        door="storeCustomers",
        args="store_customer",
        shows_customer=True,
    ),
    ("Store", "pickupsReady"): Spec(_store_list("pickupsReady"), door="storeCustomers"),
    ("Pickup", "order"): Spec(lambda r, _: r["order"]),
    ("Pickup", "customer"): Spec(lambda r, _: r["customer"], shows_customer=True),
    ("Store", "visitsToday"): Spec(
        _store_list("visitsToday"),
        door="storeCustomers",
        args="visits",
        shows_customer=True,
    ),
    ("Store", "lapsedCustomers"): Spec(
        _store_list("lapsedCustomers"),
        door="storeCustomers",
        args="lapsed",
        shows_customer=True,  # each of the list, as `_customers` masks them
    ),
}

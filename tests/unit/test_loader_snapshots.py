"""Cypher snapshots of the interpreted path: each named loader's batched read, keys in, the
statement and its parameters out, no database (`tests/snapshots/loaders/`). Every loader class
in `resolvers/loaders/` has one, so no read changes unseen."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any, cast

import pytest

import resolvers.loaders
from graph.driver import GraphReader, Row
from resolvers.context import Info
from resolvers.loaders import GraphLoader, Loaders
from resolvers.loaders.catalog import (
    DeviceByIdLoader,
    NodeByIdLoader,
    ProductBySkuLoader,
    StoreByIdLoader,
)
from resolvers.loaders.customers import (
    AccountsByCustomerLoader,
    ConflictsByCustomerLoader,
    ConsentsByCustomerLoader,
    CustomerByIdentifierLoader,
    CustomerByIdLoader,
    DevicesByCustomerLoader,
    IdentifiersByCustomerLoader,
    ImportantDatesByCustomerLoader,
    JourneyByCustomerLoader,
    JourneyPathByCustomerLoader,
    MergesByCustomerLoader,
    NotesByCustomerLoader,
    OpenCartByCustomerLoader,
    RecommendationsByCustomerLoader,
    StatsByCustomerLoader,
    SupportCasesByCustomerLoader,
)
from resolvers.loaders.orders import (
    CartByOrderLoader,
    OrderByIdLoader,
    OrderLinesByOrderLoader,
    StatusHistoryByOrderLoader,
)
from resolvers.loaders.pages import (
    HistoryPageByCartLoader,
    InteractionsPageByCustomerLoader,
    LedgerPageByCustomerLoader,
    OrdersPageByCustomerLoader,
    TimelinePageByCustomerLoader,
)
from resolvers.loaders.stores import (
    LapsedCustomersByStoreLoader,
    PickupsReadyByStoreLoader,
    StoreCustomerLoader,
    VisitsByStoreLoader,
)
from resolvers.principal import Principal, Role
from tests.utils.cypher_snapshot import assert_snapshot


class Recorder:
    """Stands where the request's `GraphReader` stands and writes down what it is asked."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, dict[str, Any]]] = []

    async def read(
        self, cypher: str, params: Mapping[str, Any] | None = None, *, timeout: float | None = None
    ) -> list[Row]:
        self.statements.append((cypher, dict(params or {})))
        return []


# what a loader reads of `info`: where the field sits (the root) and the request's loaders
_LOADERS = Loaders(cast(GraphReader, Recorder()), Principal(subject="a", role=Role.AGENT))
_INFO = cast(
    Info,
    SimpleNamespace(path=SimpleNamespace(prev=None), context=SimpleNamespace(loaders=_LOADERS)),
)
_AT = datetime(2026, 3, 12, tzinfo=UTC)
_IDS = ["c-1", "c-2"]


_PAGE = {"limit": 3, "after": (_AT.isoformat(), "x-9"), "with_total": True}
# loader class -> (the keys of one batch, its field arguments)
CASES: dict[type[GraphLoader[Any, Any]], tuple[Sequence[Any], dict[str, Any]]] = {
    CustomerByIdLoader: (_IDS, {}),
    CustomerByIdentifierLoader: ([("PHONE", "+351912345678")], {}),
    IdentifiersByCustomerLoader: (_IDS, {}),
    DevicesByCustomerLoader: (_IDS, {}),
    AccountsByCustomerLoader: (_IDS, {}),
    OpenCartByCustomerLoader: (_IDS, {}),
    SupportCasesByCustomerLoader: (_IDS, {}),
    ConsentsByCustomerLoader: (_IDS, {}),
    StatsByCustomerLoader: (_IDS, {}),
    MergesByCustomerLoader: (_IDS, {}),
    ConflictsByCustomerLoader: (_IDS, {}),
    NotesByCustomerLoader: (_IDS, {}),
    ImportantDatesByCustomerLoader: (_IDS, {}),
    JourneyByCustomerLoader: (_IDS, {}),
    JourneyPathByCustomerLoader: (_IDS, {"first": 20, "last": None}),
    RecommendationsByCustomerLoader: (_IDS, {"limit": 5}),
    OrderByIdLoader: (["o-1"], {}),
    OrderLinesByOrderLoader: (["o-1"], {}),
    StatusHistoryByOrderLoader: (["o-1"], {}),
    CartByOrderLoader: (["o-1"], {}),
    ProductBySkuLoader: (["SKU-1"], {}),
    StoreByIdLoader: (["store-lisbon-1"], {}),
    DeviceByIdLoader: (["d-1"], {}),
    NodeByIdLoader: (["c-1"], {}),
    PickupsReadyByStoreLoader: (["store-lisbon-1"], {}),
    StoreCustomerLoader: ([("store-lisbon-1", "c-1")], {}),
    VisitsByStoreLoader: (["store-lisbon-1"], {"start": _AT, "end": _AT.replace(day=13)}),
    LapsedCustomersByStoreLoader: (["store-lisbon-1"], {"days": 90, "limit": 20}),
    OrdersPageByCustomerLoader: (_IDS, {**_PAGE, "channel": "WEB", "status": None}),
    InteractionsPageByCustomerLoader: (
        _IDS,
        {**_PAGE, "channels": ("WEB",), "kinds": None, "since": _AT.isoformat(), "until": None},
    ),
    TimelinePageByCustomerLoader: (_IDS, _PAGE),
    LedgerPageByCustomerLoader: (_IDS, _PAGE),
    HistoryPageByCartLoader: (["cart-1"], {**_PAGE, "with_total": False}),
}


@pytest.mark.parametrize("cls", list(CASES), ids=lambda cls: cls.__name__)
async def test_the_read_of_a_loader_is_its_snapshot(cls: type[GraphLoader[Any, Any]]) -> None:
    keys, arguments = CASES[cls]
    recorder = Recorder()
    await cls(_INFO, **arguments).read(cast(GraphReader, recorder), keys)
    assert len(recorder.statements) == 1, "a batch is one statement"
    cypher, params = recorder.statements[0]
    if "cutoff" in params:  # `days` before now: the snapshot keeps the rule, not the instant
        assert params["cutoff"] < datetime.now(UTC).isoformat()
        params["cutoff"] = "<now minus days>"
    source = f"{cls.__name__} keys={keys!r} arguments={arguments!r}"
    assert_snapshot(f"loaders/{cls.__name__}.cypher", source, cypher, params)


def test_every_loader_has_a_snapshot() -> None:
    for module in pkgutil.iter_modules(resolvers.loaders.__path__):
        importlib.import_module(f"resolvers.loaders.{module.name}")
    concrete: set[type] = set()
    pending: list[type] = [GraphLoader]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if "read" in vars(cls) and cls is not GraphLoader:
            concrete.add(cls)
    assert concrete - set(CASES) == set()

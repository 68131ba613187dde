"""What every resolver gets as `info.context`: the request's graph reader and its loaders."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import strawberry
from neo4j import AsyncDriver

from graph.driver import GraphReader
from resolvers.loaders import Loaders


@dataclass
class RequestContext:
    reader: GraphReader
    default_region: str = "PT"
    trace: bool = False
    started: float = field(default_factory=time.perf_counter)
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.reader)

    @classmethod
    def for_request(
        cls, driver: AsyncDriver, database: str, *, default_region: str = "PT", trace: bool = False
    ) -> RequestContext:
        return cls(GraphReader(driver, database), default_region=default_region, trace=trace)


# What resolvers receive as `info`; `info.context` is the request's `RequestContext`.
Info = strawberry.Info[RequestContext, None]

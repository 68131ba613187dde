"""The Relay `Node` interface: every type with an `id` implements it."""

from __future__ import annotations

import strawberry


@strawberry.interface(description="An object with an id, fetchable with `node(id)`.")
class Node:
    id: strawberry.ID

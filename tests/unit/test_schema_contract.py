"""The exported SDL carries every name of the API contract (docs/API.md)."""

from __future__ import annotations

import re

from schema import SDL_PATH, sdl


def _fields(sdl_text: str, type_name: str) -> set[str]:
    block = re.search(rf"type {type_name}\b[^{{]*\{{(.*?)\n\}}", sdl_text, re.DOTALL)
    assert block, type_name
    return set(re.findall(r"^\s+(\w+)", block.group(1), re.MULTILINE))


def test_committed_schema_matches_the_code() -> None:
    assert SDL_PATH.read_text() == sdl(), "run `omnigraph export-schema` and commit"


def test_contract_fields_exist() -> None:
    text = sdl()
    assert {
        "customer",
        "customerByIdentifier",
        "customers",
        "node",
        "order",
        "product",
        "store",
    } <= _fields(text, "Query")
    assert {
        "id",
        "givenName",
        "familyName",
        "birthDate",
        "locale",
        "address",
        "sizes",
        "preferences",
        "anonymous",
        "identifiers",
        "devices",
        "accounts",
        "orders",
        "interactions",
        "timeline",
        "cart",
        "supportCases",
        "consents",
        "loyalty",
        "stats",
    } <= _fields(text, "Customer")
    assert {
        "id",
        "customer",
        "channel",
        "status",
        "statusHistory",
        "fulfillment",
        "fulfillmentStore",
        "placedAt",
        "currency",
        "total",
        "lines",
        "device",
        "store",
    } <= _fields(text, "Order")
    assert {
        "lifetimeValue",
        "orderCount",
        "averageOrderValue",
        "firstSeen",
        "lastSeen",
        "lastChannel",
        "preferredChannel",
        "channels",
    } <= _fields(text, "CustomerStats")
    for connection in (
        "CustomerConnection",
        "OrderConnection",
        "InteractionConnection",
        "TimelineConnection",
    ):
        assert {"edges", "pageInfo", "totalCount"} <= _fields(text, connection)
    for enum in (
        "Channel",
        "IdentifierType",
        "DeviceKind",
        "OrderStatus",
        "Fulfillment",
        "InteractionKind",
        "ConsentPurpose",
        "ConsentChannel",
    ):
        assert f"enum {enum} " in text
    assert "interface Node" in text

"""The masking rules of `resolvers/access.py`, role by role and field by field: what each role
sees of a customer, their identifiers, pages with free text, the timeline, carts, support cases
and `node`; and the store and node doors. Both read paths apply these very functions."""

from __future__ import annotations

from typing import Any, cast

import pytest
from neo4j.time import Date

from graph.cypher.catalog import ProductNode
from graph.cypher.customers import CustomerRow
from graph.cypher.identity import IdentifierRow
from graph.cypher.rows import CartRow, SupportCaseRow
from resolvers import access
from resolvers.access import MASK, Forbidden
from resolvers.principal import Principal, Role

PROFILE: CustomerRow = {
    "id": "c-1",
    "givenName": "Ana",
    "familyName": "Lima",
    "birthDate": Date(1990, 3, 12),
    "addressLine1": "Rua Augusta 1",
    "addressPostalCode": "1100-048",
    "addressCity": "Lisboa",
    "sizes": {"jacket": "M"},
    "preferences": {"colour": "blue"},
    "personalizationRefused": False,
}
CLEAR = object()  # the field as stored
# role -> field -> what the role sees (CLEAR: as stored)
CUSTOMER_FIELDS: dict[Role, dict[str, Any]] = {
    Role.CUSTOMER: dict.fromkeys(PROFILE, CLEAR),
    Role.ADMIN: dict.fromkeys(PROFILE, CLEAR),
    Role.AGENT: dict.fromkeys(PROFILE, CLEAR),
    Role.ASSOCIATE: {
        **dict.fromkeys(PROFILE, CLEAR),
        "birthDate": None,
        "addressLine1": MASK,
        "addressPostalCode": MASK,
    },
    Role.ANALYST: {
        **dict.fromkeys(PROFILE, CLEAR),
        "givenName": "A***",
        "familyName": "L***",
        "birthDate": None,
        "addressLine1": MASK,
        "addressPostalCode": MASK,
        "sizes": None,
        "preferences": None,
    },
    Role.INGEST: {  # never reaches a customer (no door), masked like staff outside the desk
        **dict.fromkeys(PROFILE, CLEAR),
        "birthDate": None,
        "addressLine1": MASK,
        "addressPostalCode": MASK,
    },
}


def _expected(role: Role, field: str, record: CustomerRow) -> Any:
    wanted = CUSTOMER_FIELDS[role][field]
    return dict(record)[field] if wanted is CLEAR else wanted


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize("field", list(PROFILE))
def test_what_each_role_sees_of_a_customer(role: Role, field: str) -> None:
    assert set(CUSTOMER_FIELDS[role]) == set(PROFILE)
    seen = access.customer_view(role, PROFILE)
    assert dict(seen)[field] == _expected(role, field, PROFILE)


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_a_refused_personalization_withholds_sizes_and_preferences_from_all_but_the_customer(
    role: Role,
) -> None:
    refused: CustomerRow = {**PROFILE, "personalizationRefused": True}
    seen = access.customer_view(role, refused)
    kept = role is Role.CUSTOMER
    assert seen["sizes"] == (refused["sizes"] if kept else None)
    assert seen["preferences"] == (refused["preferences"] if kept else None)


def test_masked_contact_details_keep_only_a_hint() -> None:
    assert access.mask_email("ana.lima@example.com") == "a***@example.com"
    assert access.mask_email("not-an-email") == MASK
    assert access.mask_phone("+351912345678") == "*** *** 678"
    assert access.mask_phone("12") == MASK
    assert access.mask_name(None) is None
    assert access.mask_identifier("LOYALTY_ID", "L-1") == MASK


IDENTIFIERS: list[IdentifierRow] = [
    {"type": "CUSTOMER_ID", "value": "c-1"},
    {"type": "LOYALTY_ID", "value": "L-77"},
    {"type": "EMAIL", "value": "ana@example.com"},
    {"type": "PHONE", "value": "+351912345678"},
    {"type": "SOCIAL_HANDLE", "value": "@ana"},
    {"type": "PAYMENT_TOKEN", "value": "tok-1"},
    {"type": "DEVICE_ID", "value": "d-1"},
    {"type": "COOKIE_ID", "value": "ck-1"},
]
_EMAIL, _PHONE = "a***@example.com", "*** *** 678"
# role -> identifier type -> the value shown (absent: the identifier is not listed)
IDENTIFIERS_SEEN: dict[Role, dict[str, str]] = {
    Role.ADMIN: {i["type"]: i["value"] for i in IDENTIFIERS},
    Role.AGENT: {i["type"]: i["value"] for i in IDENTIFIERS if i["type"] != "PAYMENT_TOKEN"},
    Role.CUSTOMER: {i["type"]: i["value"] for i in IDENTIFIERS if i["type"] != "PAYMENT_TOKEN"},
    Role.ASSOCIATE: {
        "CUSTOMER_ID": "c-1",
        "LOYALTY_ID": "L-77",
        "EMAIL": _EMAIL,
        "PHONE": _PHONE,
        "SOCIAL_HANDLE": MASK,
    },
    Role.ANALYST: {
        "CUSTOMER_ID": MASK,
        "LOYALTY_ID": MASK,
        "EMAIL": _EMAIL,
        "PHONE": _PHONE,
        "SOCIAL_HANDLE": MASK,
    },
    Role.INGEST: {},
}


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_which_identifiers_each_role_sees_and_how(role: Role) -> None:
    seen = access.identifiers_view(role, IDENTIFIERS)
    assert {row["type"]: row["value"] for row in seen} == IDENTIFIERS_SEEN[role]


INTERACTION = {"id": "i-1", "kind": "REVIEW", "text": "Lovely", "query": "rain jacket", "rating": 5}
CASE = {"id": "s-1", "subject": "Late parcel", "status": "OPEN"}


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_only_analysts_lose_free_text_in_pages(role: Role) -> None:
    page: dict[str, Any] = {"total": 2, "items": [INTERACTION, {"data": CASE}]}
    seen = access.page_view(role, page)
    if role is Role.ANALYST:
        assert seen["items"][0] == {**INTERACTION, "text": MASK, "query": MASK}
        assert seen["items"][1]["data"] == {**CASE, "subject": MASK}
    else:
        assert seen == page


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_the_timeline_hides_what_she_wrote_from_store_staff(role: Role) -> None:
    page: dict[str, Any] = {"total": 1, "items": [{"kind": "INTERACTION", "data": INTERACTION}]}
    data = access.timeline_view(role, page)["items"][0]["data"]
    if role is Role.ASSOCIATE:
        assert data == {**INTERACTION, "text": None, "query": None, "subject": None}
    elif role is Role.ANALYST:
        assert data == {**INTERACTION, "text": MASK, "query": MASK}
    else:
        assert data == INTERACTION


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_the_device_a_cart_was_last_changed_on(role: Role) -> None:
    cart: CartRow = {"id": "cart-1", "lastDeviceId": "d-1", "items": []}
    hidden = role in (Role.ASSOCIATE, Role.ANALYST)
    seen = access.cart_view(role, cart)
    assert seen is not None and seen["lastDeviceId"] == (None if hidden else "d-1")
    assert access.cart_view(role, None) is None


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_store_staff_see_open_cases_only(role: Role) -> None:
    cases = [{"id": s, "status": s} for s in ("OPEN", "PENDING", "RESOLVED", "CLOSED")]
    seen = [c["id"] for c in access.support_cases_view(role, cases)]
    assert seen == (["OPEN", "PENDING"] if role is Role.ASSOCIATE else [c["id"] for c in cases])


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_a_node_is_masked_like_the_same_record_elsewhere(role: Role) -> None:
    customer = access.node_view(role, {"type": "Customer", "item": PROFILE})
    assert customer is not None and customer["item"] == access.customer_view(role, PROFILE)
    support_case: SupportCaseRow = {"id": "s-1", "subject": CASE["subject"], "status": "OPEN",
                                    "messages": [], "orderId": None}  # fmt: skip
    case = access.node_view(role, {"type": "SupportCase", "item": support_case})
    assert case is not None and case["type"] == "SupportCase"
    assert case["item"].get("subject") == (MASK if role is Role.ANALYST else CASE["subject"])
    # a product carries no free text: a key named like one stays as it is
    product = cast(ProductNode, {"type": "Product", "item": {"sku": "SKU-1", "text": "x"}})
    assert access.node_view(role, product) == product
    assert access.node_view(role, None) is None


def test_a_list_of_customers_is_masked_one_by_one() -> None:
    other: CustomerRow = {**PROFILE, "id": "c-2"}
    seen = access.customers_view(Role.ANALYST, [PROFILE, other])
    assert [c["givenName"] for c in seen] == ["A***", "A***"]


ASSOCIATE = Principal(subject="a", role=Role.ASSOCIATE, store_id="store-lisbon-1")


def test_an_associate_reads_the_lists_of_their_own_store_only() -> None:
    access.require_store(ASSOCIATE, "storeCustomers", "store-lisbon-1", "pickupsReady")
    with pytest.raises(Forbidden, match=r"store-lisbon-1.*pickupsReady.*store-porto-1"):
        access.require_store(ASSOCIATE, "storeCustomers", "store-porto-1", "pickupsReady")
    agent = Principal(subject="g", role=Role.AGENT)
    access.require_store(agent, "storeCustomers", "store-porto-1", "pickupsReady")
    with pytest.raises(Forbidden, match=r"analyst.*visitsToday"):
        analyst = Principal(subject="n", role=Role.ANALYST)
        access.require_store(analyst, "storeCustomers", "store-lisbon-1", "visitsToday")


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_which_node_types_each_role_reads(role: Role) -> None:
    principal = Principal(subject="x", role=role, customer_id="c-1")
    readable = {
        kind for kind in access.NODE_TYPES if access.may_read_node(principal, kind, {"id": "c-1"})
    }
    expected = {
        Role.ADMIN: set(access.NODE_TYPES),
        Role.AGENT: set(access.NODE_TYPES),
        Role.ANALYST: {"Customer", "Order", "Product", "Store", "Interaction"},
        Role.CUSTOMER: {"Customer", "Product", "Store"},
        Role.ASSOCIATE: {"Product", "Store"},
        Role.INGEST: set(),
    }[role]
    assert readable == expected
    if role is Role.CUSTOMER:  # their own profile, nobody else's
        assert not access.may_read_node(principal, "Customer", {"id": "c-2"})


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_an_unreadable_node_and_a_missing_one_answer_alike(role: Role) -> None:
    principal = Principal(subject="x", role=role)
    if role in (Role.ADMIN, Role.AGENT):
        access.require_any_node(principal, "nothing-1")  # who reads every node is told null
    else:
        with pytest.raises(Forbidden, match="nothing-1"):
            access.require_any_node(principal, "nothing-1")

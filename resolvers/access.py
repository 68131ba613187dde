"""Who may see what: the role rules every resolver and loader applies.

Two kinds of rule. *Doors* (`require`): a role may or may not use an entry point or follow a
field at all, and is told `FORBIDDEN` when it may not. *Views* (`*_view`): what a role sees of a
record it may read, applied by the loaders to every record they return, so a field reached
through `node`, a nested path or a connection is masked exactly like the same field at the root.

| role | reaches customers through | contact details | personal fields |
|---|---|---|---|
| customer | `me` only | own, clear | own, clear |
| associate | `customerByIdentifier` (phone, email, loyalty id) | masked | no birth date, masked street |
| agent | every lookup and search | clear | clear (no payment tokens) |
| analyst | `customers` search, `customer(id)` | masked | masked names, no free text |
| admin | everything | clear | clear, payment tokens included |
| ingest | nothing: `ingestEvents` and `POST /events` only | - | - |

Clienteling: associates also reach the customers of their own store's lists (pickups ready,
today's visits, lapsed customers, and one of them by id: `Store.customer`), follow a customer's
timeline without the words she wrote (messages, searches, case subjects), and write notes and
important dates; analysts get no
recommendations, notes or important dates (personal, not aggregates), customers no staff notes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from graph.cypher.catalog import CustomerNode, InteractionNode, NodeRow, SupportCaseNode
from graph.cypher.customers import CustomerRow
from graph.cypher.identity import IdentifierRow
from graph.cypher.rows import CartRow
from resolvers.errors import ClientError
from resolvers.principal import Principal, Role


class Forbidden(ClientError):
    code = "FORBIDDEN"


# a support case, typed (`SupportCaseRow`) or as the compiled statement projects it
Case = TypeVar("Case", bound=Mapping[str, Any])
# a page of rows, typed (`PageRow[OrderRow]`) or as the compiled statement projects it
Page = TypeVar("Page", bound=Mapping[str, Any])

ADMIN = frozenset({Role.ADMIN})
INGESTION = frozenset({Role.INGEST, Role.ADMIN})
CATALOG = frozenset(set(Role) - {Role.INGEST})
# Who may follow each guarded door (root fields, then fields of a customer they may see).
DOORS: dict[str, frozenset[Role]] = {
    "customer": frozenset({Role.ADMIN, Role.AGENT, Role.ANALYST}),
    "customerByIdentifier": frozenset({Role.ADMIN, Role.AGENT, Role.ASSOCIATE}),
    "customers": frozenset({Role.ADMIN, Role.AGENT, Role.ANALYST}),
    "order": frozenset({Role.ADMIN, Role.AGENT, Role.ANALYST}),
    "product": CATALOG,
    "store": CATALOG,
    "me": CATALOG,
    "devices": frozenset({Role.ADMIN, Role.AGENT, Role.CUSTOMER}),
    "accounts": frozenset({Role.ADMIN, Role.AGENT, Role.CUSTOMER}),
    "interactions": frozenset({Role.ADMIN, Role.AGENT, Role.ANALYST, Role.CUSTOMER}),
    "timeline": frozenset({Role.ADMIN, Role.AGENT, Role.ANALYST, Role.ASSOCIATE, Role.CUSTOMER}),
    "supportCases": frozenset({Role.ADMIN, Role.AGENT, Role.ASSOCIATE, Role.CUSTOMER}),
    "identity": frozenset({Role.ADMIN, Role.AGENT}),
    "recommendations": frozenset({Role.ADMIN, Role.AGENT, Role.ASSOCIATE, Role.CUSTOMER}),
    "notes": frozenset({Role.ADMIN, Role.AGENT, Role.ASSOCIATE}),
    "importantDates": frozenset({Role.ADMIN, Role.AGENT, Role.ASSOCIATE, Role.CUSTOMER}),
    "addNote": frozenset({Role.ADMIN, Role.AGENT, Role.ASSOCIATE}),
    "addImportantDate": frozenset({Role.ADMIN, Role.AGENT, Role.ASSOCIATE}),
    # a store's customer lists: pickupsReady, visitsToday, lapsedCustomers
    "storeCustomers": frozenset({Role.ADMIN, Role.AGENT, Role.ASSOCIATE}),
    "ingestEvents": INGESTION,
    "unmergeCustomer": ADMIN,
    "exportCustomer": ADMIN,
    "eraseCustomer": ADMIN,
    "auditRecords": ADMIN,
    "customerActivity": frozenset({Role.ADMIN, Role.AGENT, Role.ASSOCIATE, Role.CUSTOMER}),
    "storeActivity": frozenset({Role.ADMIN, Role.AGENT, Role.ASSOCIATE}),
}
# What `node(id)` may return to each role, by type (customers: see `may_see_customer`).
NODE_TYPES: dict[str, frozenset[Role]] = {
    "Customer": frozenset({Role.ADMIN, Role.AGENT, Role.ANALYST, Role.CUSTOMER}),
    "Order": DOORS["order"],
    "Product": CATALOG,
    "Store": CATALOG,
    "Device": frozenset({Role.ADMIN, Role.AGENT}),
    "Account": frozenset({Role.ADMIN, Role.AGENT}),
    "Interaction": frozenset({Role.ADMIN, Role.AGENT, Role.ANALYST}),
    "SupportCase": frozenset({Role.ADMIN, Role.AGENT}),
}
# Identifier types an associate may look a customer up by.
ASSOCIATE_LOOKUPS = frozenset({"PHONE", "EMAIL", "LOYALTY_ID"})


def require(principal: Principal, door: str, field: str | None = None) -> None:
    """`field`: the schema's name for what was asked, when the door is not one (messages name
    what the client wrote, never a door)."""
    if principal.role not in DOORS[door]:
        raise Forbidden(f"The role {principal.role.value!r} may not use `{field or door}`")


def require_store(principal: Principal, door: str, store_id: str, field: str) -> None:
    """`require`, and an associate only for the store their token names."""
    require(principal, door, field)
    if principal.role is Role.ASSOCIATE and principal.store_id != store_id:
        raise Forbidden(
            f"An associate of {principal.store_id!r} may read `{field}` of that store only, "
            f"not of {store_id!r}"
        )


def require_any_node(principal: Principal, node_id: str) -> None:
    """What `node(id)` answers for an id it found nothing for, or found something the caller may
    not read: the same, so the answer never tells whether the id exists. Only a role that may
    read every node (admins) is told null."""
    if principal.role is Role.CUSTOMER or any(
        principal.role not in roles for roles in NODE_TYPES.values()
    ):
        raise Forbidden(f"The role {principal.role.value!r} may not read node {node_id!r}")


def may_read_node(principal: Principal, type_name: str, item: Mapping[str, Any]) -> bool:
    allowed = principal.role in NODE_TYPES[type_name]
    if allowed and principal.role is Role.CUSTOMER:
        allowed = type_name != "Customer" or item.get("id") == principal.customer_id
    return allowed


# --- masking -------------------------------------------------------------------------------

MASK = "***"


def mask_email(value: str) -> str:
    """
    >>> mask_email("ana.lima@example.com")
    'a***@example.com'
    """
    local, _, domain = value.partition("@")
    return f"{local[:1]}{MASK}@{domain}" if domain else MASK


def mask_phone(value: str) -> str:
    """
    >>> mask_phone("+351912345678")
    '*** *** 678'
    """
    digits = [c for c in value if c.isdigit()]
    return f"{MASK} {MASK} {''.join(digits[-3:])}" if len(digits) > 3 else MASK


def mask_name(value: str | None) -> str | None:
    """
    >>> mask_name("Ana")
    'A***'
    """
    return f"{value[:1]}{MASK}" if value else value


def mask_identifier(kind: str, value: str) -> str:
    if kind == "EMAIL":
        return mask_email(value)
    if kind == "PHONE":
        return mask_phone(value)
    return MASK


_HIDDEN_IDENTIFIERS = {
    Role.ADMIN: frozenset[str](),
    Role.AGENT: frozenset({"PAYMENT_TOKEN"}),
    Role.CUSTOMER: frozenset({"PAYMENT_TOKEN"}),
    Role.ASSOCIATE: frozenset({"PAYMENT_TOKEN", "DEVICE_ID", "COOKIE_ID"}),
    Role.ANALYST: frozenset({"PAYMENT_TOKEN", "DEVICE_ID", "COOKIE_ID"}),
    Role.INGEST: frozenset({"*"}),
}
_MASKED_IDENTIFIERS = {
    Role.ASSOCIATE: frozenset({"EMAIL", "PHONE", "SOCIAL_HANDLE"}),
    Role.ANALYST: frozenset({"EMAIL", "PHONE", "SOCIAL_HANDLE", "LOYALTY_ID", "CUSTOMER_ID"}),
}


def identifiers_view(role: Role, rows: list[IdentifierRow]) -> list[IdentifierRow]:
    hidden = _HIDDEN_IDENTIFIERS[role]
    masked = _MASKED_IDENTIFIERS.get(role, frozenset())
    return [
        _masked_identifier(row) if row["type"] in masked else row
        for row in rows
        if row["type"] not in hidden and "*" not in hidden
    ]


def _masked_identifier(row: IdentifierRow) -> IdentifierRow:
    masked: IdentifierRow = {**row, "value": mask_identifier(row["type"], row["value"])}
    return masked


def customer_view(role: Role, row: CustomerRow) -> CustomerRow:
    if role is Role.CUSTOMER:
        return row  # a customer's own profile, whatever they consented to
    if row.get("personalizationRefused"):
        # consent is honoured at query time: no personalised fields for anyone else
        row = {**row, "sizes": None, "preferences": None}
    if role in (Role.ADMIN, Role.AGENT):
        return row
    row = {**row, "birthDate": None, "addressLine1": row.get("addressLine1") and MASK}
    row["addressPostalCode"] = row.get("addressPostalCode") and MASK
    if role is Role.ANALYST:
        row["givenName"] = mask_name(row.get("givenName"))
        row["familyName"] = mask_name(row.get("familyName"))
        row["sizes"] = row["preferences"] = None
    return row


_FREE_TEXT = ("text", "query", "subject")


def free_text_view(role: Role, row: Case) -> Case:
    if role is not Role.ANALYST:
        return row
    return cast(Case, {**row, **{k: MASK for k in _FREE_TEXT if row.get(k)}})


def page_view(role: Role, page: Page) -> Page:
    if role is not Role.ANALYST:
        return page
    items = [
        {**item, "data": free_text_view(role, item["data"])}
        if "data" in item
        else free_text_view(role, item)
        for item in page["items"]
    ]
    return cast(Page, {**page, "items": items})  # the same page, its free text masked


def timeline_view(role: Role, page: Page) -> Page:
    # Store staff follow what she did, not what she wrote: no message, search or case subject
    # (closed cases stay out of their sight, as in `supportCases`).
    if role is not Role.ASSOCIATE:
        return page_view(role, page)
    # an entry read without its record (a compiled selection of `order` or `interaction` only)
    # has nothing to hide
    items = [
        {**item, "data": {**item["data"], **dict.fromkeys(_FREE_TEXT)}} if "data" in item else item
        for item in page["items"]
    ]
    return cast(Page, {**page, "items": items})


def cart_view(role: Role, cart: CartRow | None) -> CartRow | None:
    if cart is None or role not in (Role.ASSOCIATE, Role.ANALYST):
        return cart
    seen: CartRow = {**cart, "lastDeviceId": None}
    return seen


def customers_view(role: Role, rows: list[CustomerRow]) -> list[CustomerRow]:
    return [customer_view(role, row) for row in rows]


def node_view(role: Role, found: NodeRow | None) -> NodeRow | None:
    if not found:
        return found
    if found["type"] == "Customer":
        return CustomerNode(type="Customer", item=customer_view(role, found["item"]))
    if found["type"] == "Interaction":
        return InteractionNode(type="Interaction", item=free_text_view(role, found["item"]))
    if found["type"] == "SupportCase":
        return SupportCaseNode(type="SupportCase", item=free_text_view(role, found["item"]))
    return found


def support_cases_view(role: Role, rows: list[Case]) -> list[Case]:
    # Store staff see the cases still open, nothing of the closed history.
    if role is Role.ASSOCIATE:
        return [row for row in rows if row.get("status") not in ("RESOLVED", "CLOSED")]
    return rows

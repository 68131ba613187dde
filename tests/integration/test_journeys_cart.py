"""Cart continuity: one cart follows the customer from phone to web to store, with its history."""

from __future__ import annotations

from neo4j import AsyncDriver

from graph.seed.reference import load_reference_data
from resolvers.principal import Role
from tests.utils.examples import event, events_before, example_events, ingest
from tests.utils.graphql import GraphQLClient

CART = """query($phone: String!) { customerByIdentifier(type: PHONE, value: $phone) {
  id
  cart { id status updatedAt lastChannel lastDevice { id kind }
         items { sku quantity unitPrice product { sku name } }
         history(first: 10) { totalCount edges { node { id action sku quantity unitPrice channel at } } } }
  orders(first: 5) { edges { node { id channel status store { id }
    cart { id status checkedOutAt items { sku } history { edges { node { action channel } } } } } } }
} }"""
PHONE = "+351 912 345 678"


async def test_anas_phone_cart_is_checked_out_in_the_store(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    await load_reference_data(empty_graph, database)
    # Ana puts the rain jacket in her cart on her phone, then walks into the Lisbon store
    await ingest(client, events_before("ex-07"))

    associate = client.as_role(Role.ASSOCIATE, store_id="store-lisbon-1")
    ana = (await associate.data(CART, {"phone": PHONE}))["customerByIdentifier"]
    cart = ana["cart"]
    assert cart["status"] == "OPEN" and cart["lastChannel"] == "MOBILE_APP"
    assert cart["items"] == [
        {"sku": "JKT-100", "quantity": 1, "unitPrice": 120.0,
         "product": {"sku": "JKT-100", "name": "Rain jacket"}}
    ]  # fmt: skip
    assert cart["lastDevice"] is None, "store staff see no devices"
    (change,) = [e["node"] for e in cart["history"]["edges"]]
    assert (change["action"], change["sku"], change["channel"]) == ("ADD", "JKT-100", "MOBILE_APP")
    assert change["id"] == "ex-04" and change["at"].startswith("2026-03-02T08:20")
    # the contact centre (and the customer) see which device it was
    agent = client.as_role(Role.AGENT)
    seen = (await agent.data(CART, {"phone": PHONE}))["customerByIdentifier"]["cart"]
    assert seen["lastDevice"] == {"id": "dev-ana-phone", "kind": "PHONE"}

    # the associate rings it up: an ordinary order event with `cartCheckout: true`
    await ingest(client, [e for e in example_events() if e["eventId"] == "ex-07"])
    after = (await associate.data(CART, {"phone": PHONE}))["customerByIdentifier"]
    assert after["cart"]["id"] != cart["id"], "a new cart starts"
    assert after["cart"]["status"] == "OPEN"
    assert after["cart"]["items"] == [] and after["cart"]["history"]["totalCount"] == 0
    (order,) = [e["node"] for e in after["orders"]["edges"]]
    assert (order["id"], order["channel"], order["status"]) == ("ord-3001", "STORE", "PAID")
    assert order["store"] == {"id": "store-lisbon-1"}
    bought = order["cart"]
    assert bought["id"] == cart["id"] and bought["status"] == "CHECKED_OUT"
    assert bought["checkedOutAt"].startswith("2026-03-04T17:45")
    assert bought["items"] == [{"sku": "JKT-100"}]
    assert [e["node"] for e in bought["history"]["edges"]] == [
        {"action": "ADD", "channel": "MOBILE_APP"}
    ]


LOGIN = [
    event("c-1", "cart", "WEB", [("COOKIE_ID", "ck-c")], "2026-04-01T10:00:00Z",
          cart={"action": "ADD", "sku": "SCF-020", "quantity": 1, "unitPrice": 35.5}),
    event("c-2", "identify", "MOBILE_APP", [("EMAIL", "lia@example.com")], "2026-04-01T11:00:00Z",
          traits={"givenName": "Lia"}),
    event("c-3", "interaction", "WEB", [("COOKIE_ID", "ck-c"), ("EMAIL", "lia@example.com")],
          "2026-04-01T11:05:00Z", interaction={"kind": "PAGE_VIEW", "url": "/account"}),
    event("c-4", "cart", "MOBILE_APP", [("EMAIL", "lia@example.com")], "2026-04-01T12:00:00Z",
          device={"id": "dev-lia", "kind": "PHONE"},
          cart={"action": "ADD", "sku": "JKT-100", "quantity": 1, "unitPrice": 120.0}),
    event("c-5", "cart", "WEB", [("EMAIL", "lia@example.com")], "2026-04-01T12:30:00Z",
          cart={"action": "SET_QUANTITY", "sku": "SCF-020", "quantity": 2, "unitPrice": 35.5}),
]  # fmt: skip

HISTORY = """query($after: String) { customerByIdentifier(type: EMAIL, value: "lia@example.com") {
  cart { items { sku quantity } lastChannel
    history(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor }
      edges { node { id action channel } } } } } }"""


async def test_an_anonymous_web_cart_carries_on_in_the_app_after_login(
    client: GraphQLClient,
) -> None:
    await ingest(client, LOGIN)
    cart = (await client.data(HISTORY))["customerByIdentifier"]["cart"]
    assert sorted((i["sku"], i["quantity"]) for i in cart["items"]) == [
        ("JKT-100", 1),
        ("SCF-020", 2),
    ]
    assert cart["lastChannel"] == "WEB"
    history = cart["history"]
    assert history["totalCount"] == 3, "the cookie's change came with the merge"
    first = [e["node"] for e in history["edges"]]
    assert [(n["id"], n["channel"]) for n in first] == [("c-5", "WEB"), ("c-4", "MOBILE_APP")]
    assert history["pageInfo"]["hasNextPage"] is True
    rest = await client.data(HISTORY, {"after": history["pageInfo"]["endCursor"]})
    page = rest["customerByIdentifier"]["cart"]["history"]
    assert [e["node"]["id"] for e in page["edges"]] == ["c-1"]
    assert page["pageInfo"]["hasNextPage"] is False


async def test_bad_history_arguments_are_the_clients_to_fix(client: GraphQLClient) -> None:
    await ingest(client, LOGIN)
    error = await client.error(HISTORY, {"after": "not-a-cursor"})
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "after"}
    query = HISTORY.replace("first: 2", "first: 101")
    error = await client.error(query)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"

"""Ana's whole cross-channel life, in one request, as a store associate or agent would see it."""

from __future__ import annotations

from tests.utils.graphql import GraphQLClient
from tests.utils.people import ANA

ANA_360 = """
query Ana($phone: String!) {
  customerByIdentifier(type: PHONE, value: $phone) {
    id givenName familyName birthDate locale anonymous
    address { line1 city postalCode country }
    sizes preferences
    identifiers { type value firstSeen lastSeen }
    devices { id kind os model lastSeen }
    accounts { id kind status }
    orders(first: 10) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node {
        id channel status fulfillment placedAt currency total
        customer { id }
        store { id name } fulfillmentStore { id }
        device { id kind }
        statusHistory { status channel at store { id } }
        lines { sku quantity unitPrice product { sku name category } }
      } }
    }
    interactions(first: 50) { totalCount edges { node { id kind channel at sku } } }
    cart { items { sku quantity unitPrice product { name } } updatedAt lastChannel }
    supportCases { id status subject channels order { id } messages { channel at text } }
    consents { purpose channel granted at documentVersion }
    loyalty { points tier }
    stats {
      lifetimeValue orderCount averageOrderValue firstSeen lastSeen lastChannel
      preferredChannel channels
    }
  }
}
"""


async def test_ana_found_by_her_phone_shows_every_channel_she_used(graphql: GraphQLClient) -> None:
    data = await graphql.data(ANA_360, {"phone": "+351 912 345 678"})
    ana = data["customerByIdentifier"]

    assert ana["id"] == ANA
    assert (ana["givenName"], ana["familyName"]) == ("Ana", "Lima")
    assert ana["locale"] == "pt-BR"
    assert ana["anonymous"] is False
    assert ana["sizes"]["jacket"] == "M"
    assert ana["address"]["city"] == "Lisbon"
    assert ana["address"]["country"] == "PT"
    assert sorted(ana["stats"]["channels"]) == sorted(
        ["WEB", "MOBILE_APP", "STORE", "CHAT", "EMAIL", "CALL_CENTER"]
    )
    assert ana["stats"]["lifetimeValue"] == 155.5
    assert ana["stats"]["orderCount"] == 2
    assert ana["stats"]["averageOrderValue"] == 77.75
    assert ana["stats"]["preferredChannel"] in ana["stats"]["channels"]
    assert ana["loyalty"]["points"] == 20


async def test_ana_identifiers_are_listed_strongest_first(graphql: GraphQLClient) -> None:
    data = await graphql.data(ANA_360, {"phone": "+351912345678"})
    pairs = [(i["type"], i["value"]) for i in data["customerByIdentifier"]["identifiers"]]
    assert pairs[0] == ("LOYALTY_ID", "LN-5521")
    assert ("EMAIL", "ana.lima@example.com") in pairs
    assert ("PHONE", "+351912345678") in pairs
    assert ("COOKIE_ID", "ck-7f3a") in pairs
    assert ("PAYMENT_TOKEN", "pt-9c1e") in pairs
    assert ("DEVICE_ID", "dev-family-tablet") in pairs


async def test_the_pickup_order_was_placed_on_the_web_and_picked_up_in_store(
    graphql: GraphQLClient,
) -> None:
    data = await graphql.data(ANA_360, {"phone": "+351912345678"})
    orders = data["customerByIdentifier"]["orders"]
    assert orders["totalCount"] == 2
    assert orders["pageInfo"]["hasNextPage"] is False
    newest, oldest = (edge["node"] for edge in orders["edges"])

    assert newest["id"] == "ord-3002"
    assert (newest["channel"], newest["status"]) == ("WEB", "PICKED_UP")
    assert newest["fulfillment"] == "PICKUP_IN_STORE"
    assert newest["fulfillmentStore"] == {"id": "store-lisbon-1"}
    assert newest["total"] == 35.5 and newest["currency"] == "EUR"
    assert [(s["status"], s["channel"]) for s in newest["statusHistory"]] == [
        ("PLACED", "WEB"),
        ("PICKED_UP", "STORE"),
    ]
    assert newest["statusHistory"][-1]["store"] == {"id": "store-lisbon-1"}
    assert newest["lines"] == [
        {
            "sku": "SCF-020",
            "quantity": 1,
            "unitPrice": 35.5,
            "product": {"sku": "SCF-020", "name": "Wool scarf", "category": "accessories"},
        }
    ]
    assert newest["customer"] == {"id": ANA}

    assert oldest["id"] == "ord-3001"
    assert (oldest["channel"], oldest["fulfillment"]) == ("STORE", "IN_STORE")
    assert oldest["store"]["id"] == "store-lisbon-1"
    assert oldest["device"] == {"id": "pos-lisbon-1-03", "kind": "POS"}
    assert oldest["lines"][0]["product"]["name"] == "Rain jacket"


async def test_case_77_ran_over_chat_email_and_phone_and_is_resolved(
    graphql: GraphQLClient,
) -> None:
    data = await graphql.data(ANA_360, {"phone": "+351912345678"})
    (case,) = [c for c in data["customerByIdentifier"]["supportCases"] if c["id"] == "case-77"]
    assert case["status"] == "RESOLVED"
    assert case["subject"] == "Zip is stuck"
    assert case["channels"] == ["CHAT", "EMAIL", "CALL_CENTER"]
    assert case["order"] == {"id": "ord-3001"}
    times = [m["at"] for m in case["messages"]]
    assert times == sorted(times)


async def test_cart_consents_and_devices(graphql: GraphQLClient) -> None:
    data = await graphql.data(ANA_360, {"phone": "+351912345678"})
    ana = data["customerByIdentifier"]
    # the cart was checked out in the store: a new, empty open cart remains
    assert ana["cart"] is not None and ana["cart"]["items"] == []
    sms = [c for c in ana["consents"] if (c["purpose"], c["channel"]) == ("MARKETING", "SMS")]
    assert sms and sms[0]["granted"] is False and sms[0]["documentVersion"] == "2026-01"
    devices = {d["id"]: d for d in ana["devices"]}
    assert devices["dev-ana-phone"]["kind"] == "PHONE"
    assert devices["dev-family-tablet"]["kind"] == "TABLET"


async def test_rui_shares_the_family_tablet_but_is_another_customer(
    graphql: GraphQLClient,
) -> None:
    query = """query($email: String!) { customerByIdentifier(type: EMAIL, value: $email) {
        id givenName devices { id } } }"""
    rui = (await graphql.data(query, {"email": "rui.lima@example.com"}))["customerByIdentifier"]
    ana = (await graphql.data(query, {"email": "ana.lima@example.com"}))["customerByIdentifier"]
    assert rui["id"] != ana["id"]
    assert "dev-family-tablet" in {d["id"] for d in rui["devices"]}
    assert "dev-family-tablet" in {d["id"] for d in ana["devices"]}


async def test_lookups_normalise_the_value_as_ingestion_does(graphql: GraphQLClient) -> None:
    query = """query($type: IdentifierType!, $value: String!) {
        customerByIdentifier(type: $type, value: $value) { id } }"""
    for kind, value in [
        ("EMAIL", " Ana.Lima@Example.com "),
        ("PHONE", "+351 912-345-678"),
        ("PHONE", "912 345 678"),  # default region PT
        ("LOYALTY_ID", " ln-5521 "),
        ("COOKIE_ID", "ck-7f3a"),
    ]:
        data = await graphql.data(query, {"type": kind, "value": value})
        assert data["customerByIdentifier"] == {"id": ANA}, (kind, value)
    unknown = await graphql.data(query, {"type": "EMAIL", "value": "nobody@example.com"})
    assert unknown["customerByIdentifier"] is None


async def test_interactions_filter_by_channel_kind_and_time(graphql: GraphQLClient) -> None:
    query = (
        """query($channels: [Channel!], $kinds: [InteractionKind!], $since: DateTime,
                     $until: DateTime) {
      customer(id: "%s") {
        interactions(first: 50, channels: $channels, kinds: $kinds, since: $since,
                     until: $until) {
          totalCount edges { node { kind channel at store { id } device { id } product { sku } } }
        }
      }
    }"""
        % ANA
    )
    store = (await graphql.data(query, {"channels": ["STORE"]}))["customer"]["interactions"]
    assert store["totalCount"] == len(store["edges"]) >= 1
    assert {e["node"]["channel"] for e in store["edges"]} == {"STORE"}
    assert store["edges"][0]["node"]["store"] == {"id": "store-lisbon-1"}

    views = (await graphql.data(query, {"kinds": ["PRODUCT_VIEW"]}))["customer"]["interactions"]
    assert {e["node"]["kind"] for e in views["edges"]} == {"PRODUCT_VIEW"}
    assert {"sku": "JKT-100"} in [e["node"]["product"] for e in views["edges"]]

    window = {"since": "2026-03-02T00:00:00Z", "until": "2026-03-03T00:00:00Z"}
    day = (await graphql.data(query, window))["customer"]["interactions"]
    assert day["edges"], "Ana did something on 2 March"
    assert all(e["node"]["at"].startswith("2026-03-02") for e in day["edges"])


async def test_orders_filter_by_channel_and_status(graphql: GraphQLClient) -> None:
    query = (
        """query($channel: Channel, $status: OrderStatus) { customer(id: "%s") {
        orders(channel: $channel, status: $status) { totalCount edges { node { id } } } } }"""
        % ANA
    )
    web = (await graphql.data(query, {"channel": "WEB"}))["customer"]["orders"]
    assert [e["node"]["id"] for e in web["edges"]] == ["ord-3002"] and web["totalCount"] == 1
    paid = (await graphql.data(query, {"status": "PAID"}))["customer"]["orders"]
    assert [e["node"]["id"] for e in paid["edges"]] == ["ord-3001"]
    none = (await graphql.data(query, {"channel": "KIOSK"}))["customer"]["orders"]
    assert none == {"totalCount": 0, "edges": []}


async def test_timeline_is_one_stream_newest_first_with_channels(graphql: GraphQLClient) -> None:
    query = (
        """{ customer(id: "%s") { timeline(first: 100) { totalCount
        edges { node { id at kind channel summary order { id } interaction { kind } caseId } } } } }"""
        % ANA
    )
    timeline = (await graphql.data(query))["customer"]["timeline"]
    entries = [e["node"] for e in timeline["edges"]]
    assert timeline["totalCount"] == len(entries)
    assert {"ORDER", "INTERACTION", "CASE_MESSAGE", "CONSENT", "LOYALTY"} <= {
        e["kind"] for e in entries
    }
    assert [e["at"] for e in entries] == sorted((e["at"] for e in entries), reverse=True)
    assert all(e["channel"] for e in entries), "every entry names its channel"
    assert all(e["summary"] for e in entries)
    orders = [e for e in entries if e["kind"] == "ORDER"]
    assert {e["order"]["id"] for e in orders} == {"ord-3001", "ord-3002"}
    consent = next(e for e in entries if e["kind"] == "CONSENT")
    assert consent["channel"] == "CALL_CENTER"
    assert "MARKETING" in consent["summary"] and "refused" in consent["summary"]


async def test_order_product_and_store_by_id(graphql: GraphQLClient) -> None:
    query = """{
      order(id: "ord-3001") { id total customer { givenName } }
      product(sku: "JKT-100") { id sku name category price }
      store(id: "store-lisbon-1") { id name city country }
    }"""
    data = await graphql.data(query)
    assert data["order"] == {"id": "ord-3001", "total": 120.0, "customer": {"givenName": "Ana"}}
    assert data["product"]["name"] == "Rain jacket" and data["product"]["id"] == "JKT-100"
    assert data["store"]["id"] == "store-lisbon-1" and data["store"]["country"] == "PT"


async def test_unknown_ids_return_null(graphql: GraphQLClient) -> None:
    query = """{
      customer(id: "cus-nobody") { id }
      order(id: "ord-nope") { id }
      product(sku: "NOPE-1") { name }
      store(id: "store-atlantis") { name }
      node(id: "nothing-has-this-id") { id }
    }"""
    assert await graphql.data(query) == {
        "customer": None,
        "order": None,
        "product": None,
        "store": None,
        "node": None,
    }


async def test_node_finds_every_kind_of_object(graphql: GraphQLClient) -> None:
    query = """query($id: ID!) { node(id: $id) { __typename id
        ... on Customer { givenName } ... on Order { total } ... on Product { name }
        ... on Store { city } ... on Device { kind } ... on SupportCase { subject } } }"""
    expected = {
        ANA: ("Customer", "givenName", "Ana"),
        "ord-3002": ("Order", "total", 35.5),
        "JKT-100": ("Product", "name", "Rain jacket"),
        "store-lisbon-1": ("Store", "city", "Lisbon"),
        "dev-ana-phone": ("Device", "kind", "PHONE"),
        "case-77": ("SupportCase", "subject", "Zip is stuck"),
    }
    for node_id, (typename, field, value) in expected.items():
        node = (await graphql.data(query, {"id": node_id}))["node"]
        assert node["__typename"] == typename, node_id
        assert node["id"] == node_id
        assert node[field] == value


async def test_search_finds_ana_by_name_email_phone_and_loyalty_id(
    graphql: GraphQLClient,
) -> None:
    query = """query($q: String!) { customers(search: $q, first: 5) {
        totalCount edges { node { id givenName } } } }"""
    for text in ["Ana Lima", "ana.lima@example.com", "+351 912 345 678", "912345678", "ln-5521"]:
        found = (await graphql.data(query, {"q": text}))["customers"]
        assert found["edges"], text
        assert found["edges"][0]["node"]["id"] == ANA, text


async def test_search_treats_lucene_syntax_as_text(graphql: GraphQLClient) -> None:
    query = """query($q: String!) { customers(search: $q) { totalCount } }"""
    for text in ['ana" OR *:*', "givenName:*", "ana~2 AND -lima", "' OR 1=1 --"]:
        body = await graphql.execute(query, {"q": text})
        assert "errors" not in body, (text, body)
    for text in ["(((", "\\", "*"]:  # nothing left to search for: not "everyone" (issue 15)
        body = await graphql.execute(query, {"q": text})
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", (text, body)

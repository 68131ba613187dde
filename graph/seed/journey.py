"""Ana and Rui, the customers of `examples.jsonl` and `EVENTS.md`, hand-made for every demo."""

from __future__ import annotations

from datetime import UTC, datetime

from graph.identifiers import search_terms
from graph.seed.rows import Row


def _at(text: str) -> int:
    """Unix seconds, the form the generator's rows carry times in."""
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC).timestamp())


def fixed_customers() -> dict[str, list[Row]]:
    """Ana and Rui as replaying `examples.jsonl` leaves them, in the generator's row format."""
    ana, rui, lisbon, tablet = "cus-ana", "cus-rui", "store-lisbon-1", "dev-family-tablet"
    ana_ids = [
        ("COOKIE_ID", "ck-7f3a", "2026-03-01T19:02:11Z", "2026-03-10T12:00:00Z"),
        ("EMAIL", "ana.lima@example.com", "2026-03-02T08:15:00Z", "2026-03-13T09:00:00Z"),
        ("DEVICE_ID", "dev-ana-phone", "2026-03-02T08:15:00Z", "2026-03-02T08:20:00Z"),
        ("LOYALTY_ID", "LN-5521", "2026-03-04T17:30:00Z", "2026-03-04T17:45:00Z"),
        ("PHONE", "+351912345678", "2026-03-04T17:30:00Z", "2026-03-11T18:10:00Z"),
        ("PAYMENT_TOKEN", "pt-9c1e", "2026-03-04T17:45:00Z", "2026-03-04T17:45:00Z"),
        ("DEVICE_ID", tablet, "2026-03-12T21:00:00Z", "2026-03-12T21:00:00Z"),
    ]
    rui_ids = [
        ("EMAIL", "rui.lima@example.com", "2026-03-12T20:00:00Z", "2026-03-12T20:00:00Z"),
        ("DEVICE_ID", tablet, "2026-03-12T20:00:00Z", "2026-03-12T20:00:00Z"),
    ]
    phone = {
        "id": "dev-ana-phone",
        "kind": "PHONE",
        "os": "iOS 19",
        "lastSeen": _at("2026-03-02T08:20:00Z"),
    }
    family_tablet = {"id": tablet, "kind": "TABLET", "lastSeen": _at("2026-03-12T21:00:00Z")}
    return {
        "customers": [
            {
                "id": ana,
                "givenName": "Ana",
                "familyName": "Lima",
                "locale": "pt-BR",
                "addressCity": "Lisbon",
                "addressCountry": "PT",
                "sizesJson": '{"jacket":"M"}',
                "anonymous": False,
                "firstSeen": _at("2026-03-01T19:02:11Z"),
                "lastSeen": _at("2026-03-13T09:00:00Z"),
                "loyaltyPoints": 20,
                "loyaltyTier": "BASIC",
                "searchText": search_terms((t, v) for t, v, _, _ in ana_ids),
            },
            # the examples never send Rui's traits; the demo knows him as Rui Lima
            {
                "id": rui,
                "givenName": "Rui",
                "familyName": "Lima",
                "anonymous": False,
                "firstSeen": _at("2026-03-12T20:00:00Z"),
                "lastSeen": _at("2026-03-12T20:00:00Z"),
                "loyaltyPoints": 0,
                "searchText": search_terms((t, v) for t, v, _, _ in rui_ids),
            },
        ],
        "identifiers": [
            {
                "customerId": cid,
                "type": t,
                "value": v,
                "firstSeen": _at(first),
                "lastSeen": _at(last),
            }
            for cid, ids in ((ana, ana_ids), (rui, rui_ids))
            for t, v, first, last in ids
        ],
        "devices": [
            {
                "customerId": ana,
                "device": phone,
                "firstSeen": _at("2026-03-02T08:15:00Z"),
                "lastSeen": _at("2026-03-02T08:20:00Z"),
            },
            {
                "customerId": ana,
                "device": family_tablet,
                "firstSeen": _at("2026-03-12T21:00:00Z"),
                "lastSeen": _at("2026-03-12T21:00:00Z"),
            },
            {
                "customerId": rui,
                "device": family_tablet,
                "firstSeen": _at("2026-03-12T20:00:00Z"),
                "lastSeen": _at("2026-03-12T20:00:00Z"),
            },
        ],
        "accounts": [
            {
                "customerId": ana,
                "id": "acc-ana-online",
                "kind": "ONLINE",
                "status": "ACTIVE",
                "createdAt": _at("2026-03-02T08:15:00Z"),
            },
            {
                "customerId": ana,
                "id": "acc-ana-loyalty",
                "kind": "LOYALTY",
                "status": "ACTIVE",
                "createdAt": _at("2026-03-04T17:30:00Z"),
            },
        ],
        "orders": [
            {
                "customerId": ana,
                "id": "ord-3001",
                "channel": "STORE",
                "status": "PAID",
                "fulfillment": "IN_STORE",
                "placedAt": _at("2026-03-04T17:45:00Z"),
                "updatedAt": _at("2026-03-04T17:45:00Z"),
                "currency": "EUR",
                "total": 120.0,
                "storeId": lisbon,
                "deviceId": "pos-lisbon-1-03",
                "lines": [{"sku": "JKT-100", "line": 1, "quantity": 1, "unitPrice": 120.0}],
                "statuses": [
                    {
                        "id": "ord-3001-s1",
                        "status": "PAID",
                        "channel": "STORE",
                        "at": _at("2026-03-04T17:45:00Z"),
                        "storeId": lisbon,
                    }
                ],
            },
            {
                "customerId": ana,
                "id": "ord-3002",
                "channel": "WEB",
                "status": "PICKED_UP",
                "fulfillment": "PICKUP_IN_STORE",
                "placedAt": _at("2026-03-10T12:00:00Z"),
                "updatedAt": _at("2026-03-11T18:10:00Z"),
                "currency": "EUR",
                "total": 35.5,
                "fulfillmentStoreId": lisbon,
                "lines": [{"sku": "SCF-020", "line": 1, "quantity": 1, "unitPrice": 35.5}],
                "statuses": [
                    {
                        "id": "ord-3002-s1",
                        "status": "PLACED",
                        "channel": "WEB",
                        "at": _at("2026-03-10T12:00:00Z"),
                    },
                    {
                        "id": "ord-3002-s2",
                        "status": "PICKED_UP",
                        "channel": "STORE",
                        "at": _at("2026-03-11T18:10:00Z"),
                        "storeId": lisbon,
                    },
                ],
            },
        ],
        "interactions": [
            {
                "customerId": ana,
                "id": "int-ana-01",
                "kind": "PRODUCT_VIEW",
                "channel": "WEB",
                "at": _at("2026-03-01T19:02:11Z"),
                "sku": "JKT-100",
                "url": "/p/jkt-100",
            },
            {
                "customerId": ana,
                "id": "int-ana-02",
                "kind": "PAGE_VIEW",
                "channel": "WEB",
                "at": _at("2026-03-02T08:16:40Z"),
                "url": "/account",
            },
            {
                "customerId": ana,
                "id": "int-ana-03",
                "kind": "STORE_VISIT",
                "channel": "STORE",
                "at": _at("2026-03-04T17:30:00Z"),
                "storeId": lisbon,
            },
            {
                "customerId": ana,
                "id": "int-ana-04",
                "kind": "SEARCH",
                "channel": "MOBILE_APP",
                "at": _at("2026-03-12T21:00:00Z"),
                "query": "boots",
                "deviceId": tablet,
            },
            {
                "customerId": rui,
                "id": "int-rui-01",
                "kind": "PRODUCT_VIEW",
                "channel": "MOBILE_APP",
                "at": _at("2026-03-12T20:00:00Z"),
                "sku": "SCF-020",
                "deviceId": tablet,
            },
        ],
        # checked out in the store (ord-3001), then a new empty cart
        "carts": [
            {
                "customerId": ana,
                "id": "cart-ana-1",
                "status": "CHECKED_OUT",
                "updatedAt": _at("2026-03-04T17:45:00Z"),
                "lastChannel": "STORE",
                "items": [{"sku": "JKT-100", "quantity": 1, "unitPrice": 120.0}],
                "changes": [
                    {
                        "id": "cart-ana-1-c1",
                        "action": "ADD",
                        "sku": "JKT-100",
                        "quantity": 1,
                        "unitPrice": 120.0,
                        "channel": "MOBILE_APP",
                        "at": _at("2026-03-02T08:20:00Z"),
                    }
                ],
            },
            {
                "customerId": ana,
                "id": "cart-ana-2",
                "status": "OPEN",
                "updatedAt": _at("2026-03-04T17:45:00Z"),
                "lastChannel": "STORE",
                "items": [],
                "changes": [],
            },
        ],
        "cases": [
            {
                "customerId": ana,
                "id": "case-77",
                "status": "RESOLVED",
                "subject": "Zip is stuck",
                "openedAt": _at("2026-03-06T10:00:00Z"),
                "updatedAt": _at("2026-03-07T09:05:00Z"),
                "orderId": "ord-3001",
                "messages": [
                    {
                        "id": "case-77-m1",
                        "channel": "CHAT",
                        "at": _at("2026-03-06T10:00:00Z"),
                        "action": "OPEN",
                        "text": "The zip of my new jacket is stuck.",
                    },
                    {
                        "id": "case-77-m2",
                        "channel": "EMAIL",
                        "at": _at("2026-03-06T15:20:00Z"),
                        "action": "MESSAGE",
                        "text": "Photo attached as requested.",
                    },
                    {
                        "id": "case-77-m3",
                        "channel": "CALL_CENTER",
                        "at": _at("2026-03-07T09:05:00Z"),
                        "action": "RESOLVE",
                        "text": "Exchange arranged at store-lisbon-1.",
                    },
                ],
            },
        ],
        "consents": [
            {
                "customerId": ana,
                "id": "con-ana-1",
                "purpose": "MARKETING",
                "channel": "SMS",
                "granted": False,
                "at": _at("2026-03-07T09:06:00Z"),
                "documentVersion": "2026-01",
                "eventChannel": "CALL_CENTER",
            },
        ],
        "loyalty": [
            {
                "customerId": ana,
                "id": "loy-ana-1",
                "action": "EARN",
                "points": 120,
                "channel": "STORE",
                "at": _at("2026-03-04T17:45:00Z"),
                "reference": "ord-3001",
            },
            {
                "customerId": ana,
                "id": "loy-ana-2",
                "action": "REDEEM",
                "points": -100,
                "channel": "MOBILE_APP",
                "at": _at("2026-03-13T09:00:00Z"),
                "reference": "coupon-10eur",
            },
        ],
    }

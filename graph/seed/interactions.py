"""Interactions: what customers do on each channel short of buying (views, searches, visits,
emails, messages, calls, reviews), and what they type, read or say while at it."""

from __future__ import annotations

from graph.seed.rows import Row, unix
from graph.seed.shopper import Shopper
from graph.seed.weights import pick, weighted

_KINDS_BY_CHANNEL = {
    channel: weighted(kinds)
    for channel, kinds in {
        "WEB": {"PAGE_VIEW": 30, "PRODUCT_VIEW": 42, "SEARCH": 22, "REVIEW": 3},
        "MOBILE_APP": {
            "PRODUCT_VIEW": 40,
            "SEARCH": 20,
            "PUSH_OPEN": 15,
            "PAGE_VIEW": 15,
            "REVIEW": 3,
        },
        "STORE": {"STORE_VISIT": 85, "APPOINTMENT": 15},
        "KIOSK": {"PRODUCT_VIEW": 60, "SEARCH": 40},
        "EMAIL": {"EMAIL_OPEN": 70, "EMAIL_CLICK": 30},
        "SMS": {"SMS_REPLY": 1},
        "SOCIAL": {"SOCIAL_MESSAGE": 1},
        "CHAT": {"CHAT_MESSAGE": 1},
        "CALL_CENTER": {"CALL": 1},
        "MARKETPLACE": {"PRODUCT_VIEW": 70, "REVIEW": 30},
    }.items()
}
_ANONYMOUS_KINDS = weighted({"PAGE_VIEW": 35, "PRODUCT_VIEW": 45, "SEARCH": 20})
_RATINGS = weighted({"1": 4, "2": 6, "3": 15, "4": 35, "5": 40})


def add_interactions(shopper: Shopper, count: int, anonymous: bool) -> None:
    rng = shopper.rng
    products = shopper.catalogue.products
    append = shopper.rows["interactions"].append
    for k, at in enumerate(
        sorted(rng.randint(shopper.start, shopper.end) for _ in range(count)), 1
    ):
        channel = pick(rng, shopper.interaction_channels)
        kind = pick(rng, _ANONYMOUS_KINDS if anonymous else _KINDS_BY_CHANNEL[channel])
        row: Row = {
            "customerId": shopper.cid,
            "id": f"int-{shopper.num}-{k:03d}",
            "kind": kind,
            "channel": channel,
            "at": unix(at),
        }

        if channel in ("WEB", "MOBILE_APP") or (channel == "EMAIL" and rng.random() < 0.5):
            device_id = shopper.device_for("MOBILE_APP" if channel == "MOBILE_APP" else "WEB")
            shopper.used(device_id, at)
            row["deviceId"] = device_id
        elif channel in ("STORE", "KIOSK"):
            store = shopper.home_store if rng.random() < 0.8 else rng.choice(shopper.stores)
            row["storeId"] = store.id
            if channel == "KIOSK":
                row["deviceId"] = store.kiosk_id
        if kind in ("PRODUCT_VIEW", "REVIEW") or (kind == "EMAIL_CLICK" and rng.random() < 0.6):
            product = rng.choice(products)
            row["sku"] = product["sku"]
            if channel == "WEB" or kind == "EMAIL_CLICK":
                row["url"] = f"/p/{product['sku'].lower()}"
            elif channel == "MARKETPLACE":
                row["url"] = f"https://marketplace.example/omni/{product['sku'].lower()}"
            if kind == "REVIEW":
                rating = int(pick(rng, _RATINGS))
                row["rating"] = rating
                row["text"] = rng.choice(_REVIEW_TEXTS[rating])
        elif kind == "PAGE_VIEW":
            row["url"] = rng.choice(_PAGE_URLS)
        elif kind == "SEARCH":
            row["query"] = rng.choice(_SEARCH_QUERIES)
        elif kind in ("EMAIL_OPEN", "EMAIL_CLICK"):
            row["text"] = rng.choice(_CAMPAIGNS)
        elif kind == "PUSH_OPEN":
            row["text"] = rng.choice(_PUSH_TEXTS)
        elif kind == "SMS_REPLY":
            row["text"] = rng.choice(_SMS_REPLIES)
        elif kind == "SOCIAL_MESSAGE":
            row["text"] = rng.choice(_SOCIAL_MESSAGES)
        elif kind == "CHAT_MESSAGE":
            row["text"] = rng.choice(_CHAT_MESSAGES)
        elif kind == "CALL":
            row["text"] = rng.choice(_CALL_SUMMARIES)
            row["durationSeconds"] = rng.randint(45, 1500)
        elif kind == "APPOINTMENT":
            row["text"] = rng.choice(_APPOINTMENTS)
        shopper.seen(at, channel)
        append(row)


# What people search for, open, read and write.
_SEARCH_QUERIES: tuple[str, ...] = (
    "rain jacket",
    "boots",
    "wool scarf",
    "merino sweater",
    "sneakers 42",
    "linen shirt",
    "chelsea boots",
    "gift card",
    "parka",
    "leather bag",
    "face cream",
    "black jeans",
    "trench coat",
    "beanie",
    "sale",
    "cashmere",
    "running shoes",
    "coffee",
    "candle",
    "kids",
)
_PAGE_URLS: tuple[str, ...] = (
    "/",
    "/account",
    "/account/orders",
    "/stores",
    "/c/outerwear",
    "/c/knitwear",
    "/c/footwear",
    "/c/accessories",
    "/c/beauty",
    "/sale",
    "/new-in",
    "/help/returns",
    "/loyalty",
    "/wishlist",
)
_CAMPAIGNS: tuple[str, ...] = (
    "Spring collection is here",
    "Members' week: double points",
    "Your size is back in stock",
    "Winter sale: up to 50% off",
    "New in knitwear",
    "Last chance: free shipping",
    "Your birthday treat",
    "Rainy days, sorted",
)
_PUSH_TEXTS: tuple[str, ...] = (
    "Your order has shipped",
    "Your order is ready for pickup",
    "Items in your cart are selling out",
    "New in: outerwear",
    "You have points to spend",
)
_SMS_REPLIES: tuple[str, ...] = ("YES", "STOP", "Thanks!", "Can I change the pickup time?", "OK")
_SOCIAL_MESSAGES: tuple[str, ...] = (
    "Do you have this in size M?",
    "Love the new collection!",
    "When does the sale start?",
    "Is the Porto store open on Sunday?",
    "My order hasn't arrived yet",
)
_CHAT_MESSAGES: tuple[str, ...] = (
    "Hi, is this available in another colour?",
    "What is the return window?",
    "Can I pick this up today?",
    "How do I use my loyalty points?",
    "The discount code doesn't work",
    "Which size should I take?",
)
_CALL_SUMMARIES: tuple[str, ...] = (
    "Asked about delivery times",
    "Changed delivery address",
    "Questions about loyalty points",
    "Product availability in store",
    "Requested an invoice",
    "Complaint about late delivery",
)
_APPOINTMENTS: tuple[str, ...] = (
    "Personal styling session",
    "Tailoring fitting",
    "Skin consultation",
    "Shoe fitting",
)
_REVIEW_TEXTS: dict[int, tuple[str, ...]] = {
    1: ("Fell apart after a week.", "Not as pictured."),
    2: ("Runs small, returned it.", "Colour faded quickly."),
    3: ("Fine for the price.", "OK, but the sizing is odd."),
    4: ("Very comfortable.", "Good quality, fast delivery."),
    5: ("Love it, wear it every day!", "Perfect fit.", "Best purchase this year."),
}

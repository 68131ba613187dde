"""The catalogue every demo graph shares: ~330 products, the stores, and their tills and kiosks.

Nothing here depends on the seed. `omnigraph seed` loads the stores and products first, as a
retailer would from its store list and product information system, then the journeys' events.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

Row = dict[str, Any]


# Where a store's clocks and words come from: its country's (or its city's) zone and language.
_ZONES = {"PT": "Europe/Lisbon", "ES": "Europe/Madrid", "FR": "Europe/Paris",
          "DE": "Europe/Berlin", "GB": "Europe/London", "US": "America/New_York",
          "San Francisco": "America/Los_Angeles"}  # fmt: skip
_LOCALES = {"PT": "pt-PT", "ES": "es-ES", "FR": "fr-FR", "DE": "de-DE", "GB": "en-GB",
            "US": "en-US"}  # fmt: skip


@dataclass(frozen=True)
class Store:
    id: str
    name: str
    city: str
    country: str

    @property
    def time_zone(self) -> str:
        return _ZONES.get(self.city) or _ZONES[self.country]

    @property
    def locale(self) -> str:
        return _LOCALES[self.country]

    @property
    def slug(self) -> str:
        return self.id.removeprefix("store-")

    def pos_id(self, number: int) -> str:
        return f"pos-{self.slug}-{number:02d}"

    @property
    def kiosk_id(self) -> str:
        return f"kiosk-{self.slug}-01"


STORES: tuple[Store, ...] = (
    Store("store-lisbon-1", "Lisbon Chiado", "Lisbon", "PT"),
    Store("store-lisbon-2", "Lisbon Colombo", "Lisbon", "PT"),
    Store("store-porto-1", "Porto Santa Catarina", "Porto", "PT"),
    Store("store-braga-1", "Braga Centro", "Braga", "PT"),
    Store("store-coimbra-1", "Coimbra Baixa", "Coimbra", "PT"),
    Store("store-faro-1", "Faro Forum", "Faro", "PT"),
    Store("store-madrid-1", "Madrid Gran Vía", "Madrid", "ES"),
    Store("store-madrid-2", "Madrid Serrano", "Madrid", "ES"),
    Store("store-barcelona-1", "Barcelona Passeig de Gràcia", "Barcelona", "ES"),
    Store("store-valencia-1", "Valencia Colón", "Valencia", "ES"),
    Store("store-sevilla-1", "Sevilla Sierpes", "Sevilla", "ES"),
    Store("store-paris-1", "Paris Rivoli", "Paris", "FR"),
    Store("store-lyon-1", "Lyon Part-Dieu", "Lyon", "FR"),
    Store("store-berlin-1", "Berlin Mitte", "Berlin", "DE"),
    Store("store-munich-1", "Munich Kaufingerstraße", "Munich", "DE"),
    Store("store-london-1", "London Oxford Street", "London", "GB"),
    Store("store-london-2", "London Covent Garden", "London", "GB"),
    Store("store-manchester-1", "Manchester Arndale", "Manchester", "GB"),
    Store("store-new-york-1", "New York SoHo", "New York", "US"),
    Store("store-san-francisco-1", "San Francisco Union Square", "San Francisco", "US"),
)
POS_PER_STORE = 4

# (sku prefix, category, nouns, adjectives, price range in EUR, how many)
_PRODUCT_LINES: tuple[
    tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[int, int], int], ...
] = (
    (
        "JKT",
        "outerwear",
        ("jacket", "windbreaker", "bomber", "shell jacket"),
        ("Rain", "Denim", "Quilted", "Leather", "Padded", "Linen", "Waxed", "Corduroy", "Suede"),
        (60, 260),
        24,
    ),
    (
        "CTS",
        "outerwear",
        ("coat", "parka", "trench coat", "peacoat"),
        ("Wool", "Cashmere-blend", "Hooded", "Double-breasted", "Long", "Waterproof"),
        (120, 390),
        16,
    ),
    (
        "SWT",
        "knitwear",
        ("sweater", "jumper", "turtleneck"),
        ("Merino", "Cable-knit", "Cotton", "Alpaca", "Fisherman", "Lambswool", "Striped"),
        (45, 160),
        18,
    ),
    (
        "CRD",
        "knitwear",
        ("cardigan", "knit vest"),
        ("Chunky", "Mohair", "Cropped", "Ribbed", "Merino", "Shawl-collar"),
        (55, 150),
        12,
    ),
    (
        "TSH",
        "tops",
        ("t-shirt", "tank top", "long-sleeve tee"),
        ("Organic cotton", "Pima", "Striped", "Graphic", "Oversized", "Slub"),
        (15, 45),
        16,
    ),
    (
        "SHT",
        "tops",
        ("shirt", "blouse", "overshirt"),
        ("Oxford", "Linen", "Flannel", "Poplin", "Chambray", "Silk"),
        (35, 110),
        16,
    ),
    (
        "JNS",
        "bottoms",
        ("jeans",),
        ("Slim", "Straight", "Wide-leg", "Tapered", "Bootcut", "Relaxed", "Selvedge", "High-rise"),
        (50, 140),
        8,
    ),
    (
        "TRS",
        "bottoms",
        ("trousers", "chinos", "joggers"),
        ("Pleated", "Tailored", "Cotton", "Linen", "Wool", "Cargo"),
        (45, 130),
        14,
    ),
    (
        "SKT",
        "bottoms",
        ("skirt",),
        ("Pleated", "Midi", "Denim", "Wrap", "Satin", "Knit"),
        (35, 95),
        6,
    ),
    (
        "BTS",
        "footwear",
        ("boots", "ankle boots", "chelsea boots"),
        ("Leather", "Suede", "Waterproof", "Lace-up", "Shearling-lined"),
        (90, 240),
        14,
    ),
    (
        "SNK",
        "footwear",
        ("sneakers", "trainers", "running shoes"),
        ("Canvas", "Leather", "Retro", "Knit", "Recycled"),
        (60, 160),
        14,
    ),
    (
        "SAN",
        "footwear",
        ("sandals", "espadrilles", "loafers"),
        ("Leather", "Jute", "Cork", "Woven", "Suede"),
        (35, 120),
        10,
    ),
    (
        "SCF",
        "accessories",
        ("scarf", "snood", "shawl"),
        ("Wool", "Silk", "Cashmere", "Cotton", "Checked", "Printed"),
        (20, 95),
        14,
    ),
    (
        "BAG",
        "accessories",
        ("tote bag", "backpack", "crossbody bag", "weekender"),
        ("Leather", "Canvas", "Nylon", "Woven", "Recycled"),
        (30, 220),
        16,
    ),
    (
        "HAT",
        "accessories",
        ("beanie", "cap", "bucket hat", "fedora"),
        ("Wool", "Cotton", "Knit", "Straw", "Felt"),
        (18, 70),
        12,
    ),
    (
        "GLV",
        "accessories",
        ("gloves", "mittens"),
        ("Leather", "Wool", "Touchscreen", "Lined"),
        (20, 80),
        8,
    ),
    ("BLT", "accessories", ("belt",), ("Leather", "Braided", "Canvas", "Reversible"), (25, 75), 4),
    (
        "BTY",
        "beauty",
        (
            "lipstick",
            "face cream",
            "serum",
            "eau de parfum",
            "hand cream",
            "shampoo",
            "body lotion",
        ),
        ("Rose", "Hydrating", "Vitamin C", "Night", "Citrus", "Sandalwood", "Repair"),
        (9, 85),
        40,
    ),
    (
        "FOD",
        "food",
        ("coffee beans", "dark chocolate", "olive oil", "green tea", "honey"),
        ("Organic", "Single-origin", "Extra virgin", "Wildflower", "Smoked"),
        (4, 28),
        20,
    ),
    (
        "HOM",
        "home",
        ("candle", "throw blanket", "cushion", "mug"),
        ("Scented", "Wool", "Linen", "Ceramic", "Velvet"),
        (12, 90),
        14,
    ),
)
_BRANDS: dict[str, tuple[str, ...]] = {
    "outerwear": ("Nordvik", "Atlântico", "Harbor & Co"),
    "knitwear": ("Nordvik", "Maison Lune", "Omni Basics"),
    "tops": ("Omni Basics", "Maison Lune", "Sierra"),
    "bottoms": ("Omni Basics", "Sierra", "Harbor & Co"),
    "footwear": ("Sierra", "Passo", "Nordvik"),
    "accessories": ("Maison Lune", "Atlântico", "Omni Basics"),
    "beauty": ("Verde Beauty", "Lune Skin"),
    "food": ("Cacau Lab", "Mercado Omni"),
    "home": ("Omni Home", "Atlântico"),
}
CONSUMABLE_CATEGORIES = frozenset({"beauty", "food"})
# The two products of Ana's journey, as `examples.jsonl` names and prices them.
_FIXED_PRODUCTS: dict[str, tuple[str, float]] = {
    "JKT-100": ("Rain jacket", 120.0),
    "SCF-020": ("Wool scarf", 35.5),
}


def product_catalogue() -> list[Row]:
    """~330 products; sku numbers step by 10 (`JKT-100`, `JKT-110`, ..., `SCF-010`, `SCF-020`)."""
    rng = random.Random("omnigraph-catalogue")
    products: list[Row] = []
    for prefix, category, nouns, adjectives, (low, high), count in _PRODUCT_LINES:
        fixed_names = {name for name, _ in _FIXED_PRODUCTS.values()}
        combos = [
            (adjective, noun)
            for noun in nouns
            for adjective in adjectives
            if f"{adjective} {noun}" not in fixed_names
        ]
        rng.shuffle(combos)
        start = 100 if prefix == "JKT" else 10
        for k, (adjective, noun) in enumerate(combos[:count]):
            sku = f"{prefix}-{start + 10 * k:03d}"
            name, price = _FIXED_PRODUCTS.get(
                sku, (f"{adjective} {noun}", round(rng.uniform(low, high)) - 0.01)
            )
            products.append(
                {
                    "sku": sku,
                    "name": name,
                    "category": category,
                    "price": float(price),
                    "brand": rng.choice(_BRANDS[category]),
                    "consumable": category in CONSUMABLE_CATEGORIES,
                }
            )
    return products


def store_rows() -> list[Row]:
    return [
        {"id": s.id, "name": s.name, "city": s.city, "country": s.country,
         "timeZone": s.time_zone, "locale": s.locale}
        for s in STORES
    ]  # fmt: skip


def terminal_rows() -> list[Row]:
    """The stores' POS terminals and self-service kiosks (`Device` nodes, never identifiers)."""
    rows: list[Row] = []
    for store in STORES:
        for number in range(1, POS_PER_STORE + 1):
            rows.append(
                {
                    "id": store.pos_id(number),
                    "kind": "POS",
                    "os": "Android 13",
                    "model": "Sunmi T2s",
                }
            )
        rows.append(
            {
                "id": store.kiosk_id,
                "kind": "KIOSK",
                "os": "Windows 11 IoT",
                "model": "Elo I-Series 4",
            }
        )
    return rows

"""Static material for the demo-data generator: names, places, the product catalogue, stores and
their terminals, the texts people type, and Ana's and Rui's hand-made journey (`EVENTS.md`).

Nothing here depends on the seed: the catalogue and the stores are the same in every demo graph.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graph.identifiers import search_terms

Row = dict[str, Any]


@dataclass(frozen=True)
class Country:
    code: str
    locale: str
    currency: str
    fx: float  # catalogue prices are in EUR
    # a mobile number is one of these followed by 7 digits (US: an area code, see `seed._phone`)
    phone_prefixes: tuple[str, ...]
    given_female: tuple[str, ...]
    given_male: tuple[str, ...]
    family: tuple[str, ...]
    cities: tuple[str, ...]
    streets: tuple[str, ...]
    shoe_sizes: tuple[str, ...]


COUNTRIES: tuple[Country, ...] = (
    Country(
        "PT",
        "pt-PT",
        "EUR",
        1.0,
        ("+35191", "+35192", "+35193", "+35196"),
        (
            "Ana",
            "Maria",
            "Beatriz",
            "Inês",
            "Mariana",
            "Sofia",
            "Carolina",
            "Leonor",
            "Joana",
            "Marta",
            "Rita",
            "Catarina",
        ),
        (
            "João",
            "Pedro",
            "Tiago",
            "Miguel",
            "Rui",
            "Diogo",
            "Francisco",
            "Tomás",
            "Duarte",
            "Gonçalo",
            "Nuno",
            "André",
        ),
        (
            "Silva",
            "Santos",
            "Ferreira",
            "Pereira",
            "Oliveira",
            "Costa",
            "Rodrigues",
            "Martins",
            "Sousa",
            "Fernandes",
            "Gonçalves",
            "Gomes",
            "Lopes",
            "Marques",
            "Alves",
            "Almeida",
            "Ribeiro",
            "Pinto",
            "Carvalho",
            "Teixeira",
            "Moreira",
            "Correia",
            "Mendes",
            "Nunes",
            "Soares",
            "Vieira",
            "Monteiro",
            "Cardoso",
            "Lima",
        ),
        ("Lisbon", "Porto", "Braga", "Coimbra", "Faro", "Setúbal", "Aveiro"),
        (
            "Rua Garrett",
            "Avenida da Liberdade",
            "Rua de Santa Catarina",
            "Rua do Souto",
            "Rua Augusta",
            "Avenida de Roma",
            "Rua da Prata",
            "Rua Ferreira Borges",
        ),
        ("36", "37", "38", "39", "40", "41", "42", "43", "44", "45"),
    ),
    Country(
        "ES",
        "es-ES",
        "EUR",
        1.0,
        ("+3460", "+3461", "+3462", "+3463", "+3464", "+3465", "+3467"),
        (
            "Lucía",
            "Sofía",
            "Martina",
            "María",
            "Julia",
            "Paula",
            "Valeria",
            "Carmen",
            "Elena",
            "Laura",
        ),
        (
            "Hugo",
            "Martín",
            "Lucas",
            "Mateo",
            "Leo",
            "Daniel",
            "Alejandro",
            "Pablo",
            "Manuel",
            "Javier",
        ),
        (
            "García",
            "Rodríguez",
            "González",
            "Fernández",
            "López",
            "Martínez",
            "Sánchez",
            "Pérez",
            "Gómez",
            "Martín",
            "Jiménez",
            "Ruiz",
            "Hernández",
            "Díaz",
            "Moreno",
            "Muñoz",
            "Álvarez",
            "Romero",
            "Navarro",
            "Torres",
        ),
        ("Madrid", "Barcelona", "Valencia", "Sevilla", "Bilbao", "Málaga"),
        (
            "Calle de Alcalá",
            "Gran Vía",
            "Passeig de Gràcia",
            "Calle Mayor",
            "Calle de Serrano",
            "Avenida de la Constitución",
        ),
        ("36", "37", "38", "39", "40", "41", "42", "43", "44", "45"),
    ),
    Country(
        "FR",
        "fr-FR",
        "EUR",
        1.0,
        ("+3361", "+3362", "+3364", "+3365", "+3366", "+3367"),
        ("Emma", "Jade", "Louise", "Alice", "Chloé", "Léa", "Manon", "Camille", "Inès", "Zoé"),
        (
            "Gabriel",
            "Léo",
            "Raphaël",
            "Arthur",
            "Louis",
            "Jules",
            "Hugo",
            "Lucas",
            "Adam",
            "Nathan",
        ),
        (
            "Martin",
            "Bernard",
            "Dubois",
            "Thomas",
            "Robert",
            "Richard",
            "Petit",
            "Durand",
            "Leroy",
            "Moreau",
            "Simon",
            "Laurent",
            "Lefebvre",
            "Michel",
            "David",
            "Bertrand",
            "Roux",
            "Vincent",
            "Fournier",
        ),
        ("Paris", "Lyon", "Marseille", "Bordeaux", "Lille"),
        (
            "Rue de Rivoli",
            "Boulevard Haussmann",
            "Rue de la République",
            "Rue Sainte-Catherine",
            "Avenue Jean Jaurès",
        ),
        ("36", "37", "38", "39", "40", "41", "42", "43", "44", "45"),
    ),
    Country(
        "DE",
        "de-DE",
        "EUR",
        1.0,
        ("+491510", "+491520", "+491573", "+491601", "+491704", "+491762"),
        ("Mia", "Emilia", "Hannah", "Emma", "Sophia", "Lina", "Lea", "Marie", "Clara", "Anna"),
        ("Noah", "Leon", "Paul", "Finn", "Elias", "Felix", "Jonas", "Luca", "Maximilian", "Ben"),
        (
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Meyer",
            "Wagner",
            "Becker",
            "Schulz",
            "Hoffmann",
            "Schäfer",
            "Koch",
            "Bauer",
            "Richter",
            "Klein",
            "Wolf",
            "Schröder",
            "Neumann",
            "Schwarz",
            "Braun",
        ),
        ("Berlin", "Munich", "Hamburg", "Cologne", "Frankfurt"),
        ("Friedrichstraße", "Kaufingerstraße", "Mönckebergstraße", "Schildergasse", "Zeil"),
        ("37", "38", "39", "40", "41", "42", "43", "44", "45", "46"),
    ),
    Country(
        "GB",
        "en-GB",
        "GBP",
        0.86,
        ("+44712", "+44734", "+44745", "+44751", "+44787"),
        ("Olivia", "Amelia", "Isla", "Ava", "Ivy", "Freya", "Lily", "Florence", "Mia", "Willow"),
        (
            "Oliver",
            "George",
            "Arthur",
            "Noah",
            "Muhammad",
            "Leo",
            "Harry",
            "Oscar",
            "Archie",
            "Henry",
        ),
        (
            "Smith",
            "Jones",
            "Taylor",
            "Brown",
            "Williams",
            "Wilson",
            "Johnson",
            "Davies",
            "Patel",
            "Robinson",
            "Wright",
            "Thompson",
            "Evans",
            "Walker",
            "White",
            "Roberts",
            "Green",
            "Hall",
            "Wood",
            "Jackson",
        ),
        ("London", "Manchester", "Birmingham", "Leeds", "Bristol"),
        ("Oxford Street", "High Street", "Market Street", "Deansgate", "Park Road", "Mill Lane"),
        ("4", "5", "6", "7", "8", "9", "10", "11", "12"),
    ),
    Country(
        "US",
        "en-US",
        "USD",
        1.08,
        ("212", "415", "646", "617", "305", "312", "206", "512", "303", "702"),
        (
            "Olivia",
            "Emma",
            "Charlotte",
            "Amelia",
            "Sophia",
            "Mia",
            "Isabella",
            "Ava",
            "Evelyn",
            "Harper",
        ),
        (
            "Liam",
            "Noah",
            "Oliver",
            "James",
            "Elijah",
            "Mateo",
            "Theodore",
            "Henry",
            "Lucas",
            "William",
        ),
        (
            "Smith",
            "Johnson",
            "Williams",
            "Brown",
            "Jones",
            "Garcia",
            "Miller",
            "Davis",
            "Rodriguez",
            "Martinez",
            "Hernandez",
            "Lopez",
            "Gonzalez",
            "Wilson",
            "Anderson",
            "Thomas",
            "Taylor",
            "Moore",
            "Jackson",
            "Lee",
        ),
        ("New York", "San Francisco", "Boston", "Chicago", "Seattle"),
        ("Broadway", "Market Street", "Main Street", "5th Avenue", "Mission Street", "Pine Street"),
        ("5", "6", "7", "8", "9", "10", "11", "12", "13"),
    ),
)
COUNTRY_WEIGHTS = (40, 20, 10, 8, 12, 10)


@dataclass(frozen=True)
class Store:
    id: str
    name: str
    city: str
    country: str

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
    return [{"id": s.id, "name": s.name, "city": s.city, "country": s.country} for s in STORES]


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


# Customers' own devices: kind -> (os, model) choices.
DEVICE_MODELS: dict[str, tuple[tuple[str, str], ...]] = {
    "PHONE": (
        ("iOS 19", "iPhone 17"),
        ("iOS 18", "iPhone 16"),
        ("iOS 18", "iPhone 15"),
        ("Android 15", "Pixel 9"),
        ("Android 15", "Galaxy S25"),
        ("Android 14", "Galaxy A55"),
        ("Android 14", "Redmi Note 13"),
    ),
    "TABLET": (
        ("iPadOS 18", "iPad Air"),
        ("iPadOS 18", "iPad 10th gen"),
        ("Android 14", "Galaxy Tab S9"),
    ),
    "DESKTOP": (
        ("Windows 11", "Chrome 141"),
        ("macOS 15", "Safari 19"),
        ("Windows 11", "Edge 141"),
        ("Ubuntu 24.04", "Firefox 143"),
    ),
    "WATCH": (("watchOS 11", "Apple Watch Series 10"), ("Wear OS 5", "Galaxy Watch 7")),
    "TV": (("tvOS 18", "Apple TV 4K"), ("Tizen 8", "Samsung QN90D")),
}

SEARCH_QUERIES: tuple[str, ...] = (
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
PAGE_URLS: tuple[str, ...] = (
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
CAMPAIGNS: tuple[str, ...] = (
    "Spring collection is here",
    "Members' week: double points",
    "Your size is back in stock",
    "Winter sale: up to 50% off",
    "New in knitwear",
    "Last chance: free shipping",
    "Your birthday treat",
    "Rainy days, sorted",
)
PUSH_TEXTS: tuple[str, ...] = (
    "Your order has shipped",
    "Your order is ready for pickup",
    "Items in your cart are selling out",
    "New in: outerwear",
    "You have points to spend",
)
SMS_REPLIES: tuple[str, ...] = ("YES", "STOP", "Thanks!", "Can I change the pickup time?", "OK")
SOCIAL_MESSAGES: tuple[str, ...] = (
    "Do you have this in size M?",
    "Love the new collection!",
    "When does the sale start?",
    "Is the Porto store open on Sunday?",
    "My order hasn't arrived yet",
)
CHAT_MESSAGES: tuple[str, ...] = (
    "Hi, is this available in another colour?",
    "What is the return window?",
    "Can I pick this up today?",
    "How do I use my loyalty points?",
    "The discount code doesn't work",
    "Which size should I take?",
)
CALL_SUMMARIES: tuple[str, ...] = (
    "Asked about delivery times",
    "Changed delivery address",
    "Questions about loyalty points",
    "Product availability in store",
    "Requested an invoice",
    "Complaint about late delivery",
)
APPOINTMENTS: tuple[str, ...] = (
    "Personal styling session",
    "Tailoring fitting",
    "Skin consultation",
    "Shoe fitting",
)
REVIEW_TEXTS: dict[int, tuple[str, ...]] = {
    1: ("Fell apart after a week.", "Not as pictured."),
    2: ("Runs small, returned it.", "Colour faded quickly."),
    3: ("Fine for the price.", "OK, but the sizing is odd."),
    4: ("Very comfortable.", "Good quality, fast delivery."),
    5: ("Love it, wear it every day!", "Perfect fit.", "Best purchase this year."),
}
# subject -> (is about an order, first message)
CASE_SUBJECTS: tuple[tuple[str, bool, str], ...] = (
    ("Where is my order?", True, "My order has not arrived yet."),
    ("Wrong size delivered", True, "I ordered an M but received an L."),
    ("Refund not received", True, "I returned the items two weeks ago and have no refund."),
    ("Damaged item", True, "The item arrived damaged."),
    ("Zip is stuck", True, "The zip of my jacket is stuck."),
    ("Loyalty points missing", False, "My last purchase did not earn any points."),
    ("Cannot log in", False, "I cannot log in to my account."),
    ("Change my email address", False, "Please update the email address on my account."),
)
CASE_FOLLOW_UPS: tuple[str, ...] = (
    "Photo attached as requested.",
    "Any news on this?",
    "Thanks, that helps.",
    "Here is my order number again.",
    "Could you call me back?",
)
CASE_RESOLUTIONS: tuple[str, ...] = (
    "Refund issued.",
    "Replacement sent.",
    "Exchange arranged in store.",
    "Points credited.",
    "Account access restored.",
    "Email address updated.",
)
EMAIL_DOMAINS: tuple[str, ...] = ("example.com", "example.org", "example.net")
SOCIAL_NETWORKS: tuple[str, ...] = ("instagram", "tiktok", "x", "facebook")


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

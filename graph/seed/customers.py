"""The generated crowd, block by block: who each customer is, and which parts of a history they get.

Customers come in blocks of `BLOCK`, each drawn from its own `random.Random(f"{seed}:{block}")`,
so a block is the same whatever batch it is written in. A block may hold one household.
"""

from __future__ import annotations

import json
import random
from datetime import date

from graph.identifiers import search_terms
from graph.loyalty import tier_for
from graph.seed.carts import add_carts, add_open_cart
from graph.seed.cases import add_cases
from graph.seed.catalogue import Catalogue
from graph.seed.channels import ANONYMOUS_CHANNELS, PERSONAS
from graph.seed.consents import add_consents
from graph.seed.countries import draw_country, draw_postal_code, draw_street
from graph.seed.identity import (
    add_accounts,
    add_device_rows,
    add_identifier_rows,
    add_identifiers,
    add_own_devices,
)
from graph.seed.interactions import add_interactions
from graph.seed.loyalty import add_loyalty
from graph.seed.orders import add_orders
from graph.seed.rows import Batch, Row, unix
from graph.seed.shopper import DEVICE_MODELS, Household, Shopper

BLOCK = 8  # customers per random stream; a household never crosses a block
_SIZES = ("XS", "S", "M", "L", "XL")
_STYLES = ("classic", "casual", "sporty", "minimal", "bold")
_COLOURS = ("navy", "black", "camel", "olive", "grey", "burgundy", "cream")


def generate_block(
    batch: Batch, catalogue: Catalogue, seed: int, block: int, customers: int
) -> None:
    """Add the customers of `block` (numbered from 0) of a `customers`-strong crowd to `batch`."""
    rng = random.Random(f"{seed}:{block}")
    first, last = block * BLOCK, min(customers, (block + 1) * BLOCK)
    household: Household | None = None
    members = 0
    if last - first >= 2 and rng.random() < 0.35:
        members = min(last - first, rng.choice((2, 2, 3, 4)))
        country = draw_country(rng)
        city = rng.choice(country.cities)
        os, model = rng.choice(DEVICE_MODELS["TABLET"])
        household = Household(
            family_name=rng.choice(country.family),
            country=country,
            city=city,
            address_line=draw_street(rng, country),
            postal_code=draw_postal_code(rng, country.code),
            tablet={
                "id": f"dev-family-{block + 1:06d}",
                "kind": "TABLET",
                "os": os,
                "model": model,
            },
            payment_token=f"pt-{rng.getrandbits(64):016x}" if rng.random() < 0.3 else None,
        )
    for index in range(first, last):
        in_household = index - first < members
        anonymous = not in_household and rng.random() < 0.055
        shopper = Shopper(rng, batch, catalogue, index)
        if anonymous:
            _build_anonymous(shopper)
        else:
            _build_known(shopper, household if in_household else None)
    if household is not None:
        household.tablet["lastSeen"] = unix(household.last_used)


def _build_known(shopper: Shopper, household: Household | None) -> None:
    rng = shopper.rng
    country = household.country if household else draw_country(rng)
    shopper.country = country
    shopper.fx = country.fx
    female = rng.random() < 0.55
    given = rng.choice(country.given_female if female else country.given_male)
    family = household.family_name if household else rng.choice(country.family)
    city = household.city if household else rng.choice(country.cities)
    shopper.stores = shopper.catalogue.stores_by_country[country.code]
    shopper.home_store = shopper.catalogue.stores_by_city.get(city) or rng.choice(shopper.stores)
    persona = rng.choices(("digital", "store", "omni"), (45, 25, 30))[0]
    shopper.interaction_channels, shopper.order_channels = PERSONAS[persona]
    if rng.random() < 0.55:
        shopper.loyalty_since = rng.randint(shopper.start, (shopper.start + shopper.end) // 2)
    add_own_devices(shopper, household)
    buys = rng.random() < 0.85
    orders = add_orders(shopper, rng.choice((1, 1, 2, 2, 3, 4, 5, 6, 8, 10, 12)) if buys else 0)
    add_interactions(shopper, min(40, int(rng.expovariate(1 / 9))), anonymous=False)
    add_carts(shopper, orders)
    if rng.random() < 0.2:
        add_cases(shopper, orders)
    add_consents(shopper)
    points = add_loyalty(shopper, orders) if shopper.loyalty_since is not None else None
    identifiers = add_identifiers(shopper, given, family, household, bool(orders))
    add_accounts(shopper)
    _customer_row(shopper, given, family, city, household, identifiers, points)


def _build_anonymous(shopper: Shopper) -> None:
    rng = shopper.rng
    shopper.add_device(rng.choice(("PHONE", "DESKTOP", "DESKTOP", "TABLET")))
    shopper.interaction_channels = ANONYMOUS_CHANNELS
    add_interactions(shopper, rng.randint(1, 12), anonymous=True)
    if rng.random() < 0.4:
        add_open_cart(shopper, shopper.start, 1)
    identifiers = [("COOKIE_ID", f"ck-{rng.getrandbits(48):012x}", shopper.start, shopper.last)]
    if rng.random() < 0.3:
        at = rng.randint(shopper.start, shopper.last)
        identifiers.append(("COOKIE_ID", f"ck-{rng.getrandbits(48):012x}", at, shopper.last))
    add_device_rows(shopper, identifiers, None)
    add_identifier_rows(shopper, identifiers)
    shopper.rows["customers"].append(
        {
            "id": shopper.cid,
            "anonymous": True,
            "firstSeen": unix(shopper.start),
            "lastSeen": unix(shopper.last),
            "loyaltyPoints": 0,
        }
    )


def _customer_row(
    shopper: Shopper,
    given: str,
    family: str,
    city: str,
    household: Household | None,
    identifiers: list[tuple[str, str]],
    points: int | None,
) -> None:
    rng = shopper.rng
    country = shopper.country
    locale = country.locale
    roll = rng.random()
    if country.code == "PT" and roll < 0.08:
        locale = "pt-BR"
    elif roll < 0.04:
        locale = "en-GB"
    sizes = {"jacket": rng.choice(_SIZES), "shoe": rng.choice(country.shoe_sizes)}
    if rng.random() < 0.3:
        sizes["jeans"] = f"W{rng.choice((28, 30, 31, 32, 33, 34, 36))}"
    preferences = {"colour": rng.choice(_COLOURS), "style": rng.choice(_STYLES)}
    if rng.random() < 0.5:
        preferences["store"] = shopper.home_store.id
    row: Row = {
        "id": shopper.cid,
        "givenName": given,
        "familyName": family,
        "locale": locale,
        "addressCity": city,
        "addressCountry": country.code,
        "addressLine1": household.address_line if household else draw_street(rng, country),
        "addressPostalCode": household.postal_code
        if household
        else draw_postal_code(rng, country.code),
        "sizesJson": json.dumps(sizes, separators=(",", ":")),
        "preferencesJson": json.dumps(preferences, separators=(",", ":")),
        "anonymous": False,
        "firstSeen": unix(shopper.start),
        "lastSeen": unix(shopper.last),
        "loyaltyPoints": points or 0,
        "searchText": search_terms(identifiers),
    }
    if rng.random() < 0.88:
        row["birthDate"] = date(rng.randint(1950, 2006), rng.randint(1, 12), rng.randint(1, 28))
    if points is not None:
        row["loyaltyTier"] = tier_for(points)
    shopper.rows["customers"].append(row)

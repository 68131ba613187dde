"""Who a customer is across channels: their devices, their identifiers, their accounts.

Person identifiers (emails, phones, loyalty ids, social handles) belong to one customer each; a
household shares its tablet and may share a payment token. Phone numbers are valid, and unique by
construction (`_phone`).
"""

from __future__ import annotations

import unicodedata

from graph.identifiers import normalize
from graph.seed.countries import Country, draw_country
from graph.seed.rows import unix
from graph.seed.shopper import Household, Shopper

_EMAIL_DOMAINS: tuple[str, ...] = ("example.com", "example.org", "example.net")
_SOCIAL_NETWORKS: tuple[str, ...] = ("instagram", "tiktok", "x", "facebook")
_TAIL = 10_000_000  # phone numbers end in 7 digits that are unique per (customer, slot)


def add_own_devices(shopper: Shopper, household: Household | None) -> None:
    rng = shopper.rng
    shopper.add_device("PHONE" if rng.random() < 0.8 else "DESKTOP")
    for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
        shopper.add_device(rng.choice(("DESKTOP", "DESKTOP", "TABLET", "WATCH", "TV", "PHONE")))
    if household is not None:
        shopper.devices.append(household.tablet)
        shopper.device_use[household.tablet["id"]] = [0, shopper.start]


def add_device_rows(
    shopper: Shopper, identifiers: list[tuple[str, str, int, int]], household: Household | None
) -> None:
    """Add a row per device the customer used, and each device's DEVICE_ID to `identifiers`."""
    for device in shopper.devices:
        first, last = shopper.device_use[device["id"]]
        first = first if first < 0 else shopper.start
        last = max(first, last)
        identifiers.append(("DEVICE_ID", device["id"], first, last))
        if household is not None and device is household.tablet:
            household.last_used = max(household.last_used, last)
        else:
            device["lastSeen"] = unix(last)
        shopper.rows["devices"].append(
            {
                "customerId": shopper.cid,
                "device": device,
                "firstSeen": unix(first),
                "lastSeen": unix(last),
            }
        )


def add_identifiers(
    shopper: Shopper, given: str, family: str, household: Household | None, buyer: bool
) -> list[tuple[str, str]]:
    """Add the customer's identifiers and device rows; returns the (type, value) pairs."""
    rng = shopper.rng
    start, last = shopper.start, shopper.last
    found: list[tuple[str, str, int, int]] = []

    def add(kind: str, value: str, first: int | None = None) -> None:
        at = rng.randint(start, (start + last) // 2) if first is None else first
        found.append(
            (
                kind,
                normalize(kind, value),
                at,
                last if kind == "EMAIL" else rng.randint(at, last),
            )
        )

    given_ascii, family_ascii = _ascii(given), _ascii(family)
    number = shopper.index + 1
    add("EMAIL", f"{given_ascii}.{family_ascii}{number}@{rng.choice(_EMAIL_DOMAINS)}", start)
    if rng.random() < 0.12:
        add("EMAIL", f"{given_ascii}{number}@{rng.choice(_EMAIL_DOMAINS)}")
    if rng.random() < 0.6:
        add("PHONE", _phone(shopper, shopper.country, 0))
        if rng.random() < 0.06:
            add("PHONE", _phone(shopper, draw_country(rng), 1))
    if shopper.loyalty_since is not None:
        add("LOYALTY_ID", f"LN-{100000 + shopper.index}", shopper.loyalty_since)
    if rng.random() < 0.15:
        network = rng.choice(_SOCIAL_NETWORKS)
        add("SOCIAL_HANDLE", f"{network}:{given_ascii}_{family_ascii[:1]}{number}")
    if shopper.channels & {"WEB", "MOBILE_APP"}:
        add("COOKIE_ID", f"ck-{rng.getrandbits(48):012x}", start)
    if buyer:
        token = household.payment_token if household else None
        add("PAYMENT_TOKEN", token or f"pt-{rng.getrandbits(64):016x}")
    pairs = [(kind, value) for kind, value, _, _ in found]
    add_device_rows(shopper, found, household)
    add_identifier_rows(shopper, found)
    return pairs


def add_identifier_rows(shopper: Shopper, found: list[tuple[str, str, int, int]]) -> None:
    append = shopper.rows["identifiers"].append
    for kind, value, first, last in found:
        append(
            {
                "customerId": shopper.cid,
                "type": kind,
                "value": value,
                "firstSeen": unix(first),
                "lastSeen": unix(last),
            }
        )


def _phone(shopper: Shopper, country: Country, slot: int) -> str:
    # a bijection of (customer, slot) onto 7 digits keeps every number unique
    tail = ((shopper.index * 2 + slot) * 7_654_321 + 1_234_567) % _TAIL
    if country.code == "US":
        # area code from the first digit of the tail, exchange starts with 2-9
        area = country.phone_prefixes[tail // 1_000_000]
        return f"+1{area}{shopper.rng.randint(2, 9)}{tail % 1_000_000:06d}"
    return f"{shopper.rng.choice(country.phone_prefixes)}{tail:07d}"


def add_accounts(shopper: Shopper) -> None:
    rng = shopper.rng
    accounts = []
    if shopper.channels & {"WEB", "MOBILE_APP"} or rng.random() < 0.5:
        accounts.append(("online", "ONLINE", shopper.start))
    if shopper.loyalty_since is not None:
        accounts.append(("loyalty", "LOYALTY", shopper.loyalty_since))
    for suffix, kind, created in accounts:
        status = rng.choices(("ACTIVE", "SUSPENDED", "CLOSED"), (96, 2, 2))[0]
        shopper.rows["accounts"].append(
            {
                "customerId": shopper.cid,
                "id": f"acc-{shopper.num}-{suffix}",
                "kind": kind,
                "status": status,
                "createdAt": unix(created),
            }
        )


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())

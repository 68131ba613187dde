"""Identifier types, their classes and limits, normalisation and search terms (EVENTS.md).

The one place that decides what an identifier value looks like once stored: ingestion normalises
with it, `customerByIdentifier` normalises its argument with it, and the seed generator uses it so
demo data looks exactly like ingested data.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

import phonenumbers
from email_validator import EmailNotValidError, validate_email


class IdentifierClass(Enum):
    PERSON = "person"
    SHAREABLE = "shareable"


@dataclass(frozen=True)
class IdentifierRule:
    klass: IdentifierClass
    limit: int
    unique: bool = False


RULES: dict[str, IdentifierRule] = {
    "CUSTOMER_ID": IdentifierRule(IdentifierClass.PERSON, 1, unique=True),
    "LOYALTY_ID": IdentifierRule(IdentifierClass.PERSON, 1, unique=True),
    "EMAIL": IdentifierRule(IdentifierClass.PERSON, 5),
    "PHONE": IdentifierRule(IdentifierClass.PERSON, 5),
    "SOCIAL_HANDLE": IdentifierRule(IdentifierClass.PERSON, 10),
    "DEVICE_ID": IdentifierRule(IdentifierClass.SHAREABLE, 50),
    "COOKIE_ID": IdentifierRule(IdentifierClass.SHAREABLE, 200),
    "PAYMENT_TOKEN": IdentifierRule(IdentifierClass.SHAREABLE, 20),
}

_SOCIAL = re.compile(r"^[a-z0-9_.-]+:[^\s:]+$")


class InvalidIdentifier(ValueError):
    """The value cannot be an identifier of this type; the message says why."""


def normalize(kind: str, value: str, default_region: str = "PT") -> str:
    """The stored form of `value` as an identifier of type `kind`.

    >>> normalize("EMAIL", " Ana.Lima@Example.com ")
    'ana.lima@example.com'
    >>> normalize("PHONE", "+351 912 345 678")
    '+351912345678'
    """
    if kind not in RULES:
        raise InvalidIdentifier(f"unknown identifier type {kind!r}")
    text = value.strip()
    if not text:
        raise InvalidIdentifier("the value is empty")
    if kind == "LOYALTY_ID":
        return text.upper()
    if kind in ("EMAIL", "PHONE"):
        normalized, reason = _checked(kind, text, default_region)
        if normalized is None:
            raise InvalidIdentifier(f"{value!r} {reason}")
        return normalized
    if kind == "SOCIAL_HANDLE":
        handle = text.lower()
        if not _SOCIAL.match(handle):
            raise InvalidIdentifier(f"{value!r} is not of the form network:handle")
        return handle
    return text


# A burst repeats the same e-mails and phones (one person's events come together), and checking
# one costs about 0.3 ms (e-mail) or 0.2 ms (phone): each value is checked once while it is
# among the most recent ones. Bounded: 10,000 values take about 2 MB (tracemalloc, during an
# import), and a long import's memory levels off once it is full.
@lru_cache(maxsize=10_000)
def _checked(kind: str, text: str, region: str) -> tuple[str | None, str]:
    """(the normalised value, "") or (None, why it is not one) for an EMAIL or a PHONE."""
    if kind == "EMAIL":
        try:
            checked = validate_email(text, check_deliverability=False)
        except EmailNotValidError as error:
            return None, f"is not a valid email address: {error}"
        return checked.normalized.lower(), ""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as error:
        return None, f"is not a phone number: {error}"
    if not phonenumbers.is_valid_number(number):
        return None, "is not a valid phone number"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), ""


def search_terms(identifiers: Iterable[tuple[str, str]]) -> str:
    """`Customer.searchText` for these (type, normalised value) pairs.

    Emails with their local part, phones as E.164 digits and national number, loyalty ids and
    social handles, lower-case and space-separated, so the full-text index finds a customer by
    any of them.

    >>> search_terms([("EMAIL", "ana.lima@example.com"), ("PHONE", "+351912345678")])
    'ana.lima@example.com ana.lima 351912345678 912345678'
    """
    terms: list[str] = []
    for kind, value in identifiers:
        if kind == "EMAIL":
            terms += [value, value.split("@", 1)[0]]
        elif kind == "PHONE":
            terms.append(value.lstrip("+"))
            with contextlib.suppress(phonenumbers.NumberParseException):
                terms.append(str(phonenumbers.parse(value).national_number))
        elif kind in ("LOYALTY_ID", "SOCIAL_HANDLE", "CUSTOMER_ID"):
            terms.append(value.lower())
    return " ".join(dict.fromkeys(terms))

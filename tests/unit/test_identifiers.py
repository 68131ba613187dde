from __future__ import annotations

import pytest

from graph.identifiers import InvalidIdentifier, normalize, search_terms


@pytest.mark.parametrize(
    ("kind", "raw", "stored"),
    [
        ("EMAIL", " Ana.Lima@Example.com ", "ana.lima@example.com"),
        ("PHONE", "+351 912 345 678", "+351912345678"),
        ("PHONE", "912345678", "+351912345678"),
        ("PHONE", "+1 415 555 2671", "+14155552671"),
        ("LOYALTY_ID", " ln-5521", "LN-5521"),
        ("SOCIAL_HANDLE", "Instagram:Ana_L", "instagram:ana_l"),
        ("COOKIE_ID", " ck-7f3a ", "ck-7f3a"),
        ("CUSTOMER_ID", " C-1 ", "C-1"),
    ],
)
def test_normalize(kind: str, raw: str, stored: str) -> None:
    assert normalize(kind, raw) == stored


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        ("EMAIL", "ana"),
        ("EMAIL", "a@b"),
        ("PHONE", "12"),
        ("PHONE", "+351 000"),
        ("SOCIAL_HANDLE", "ana"),
        ("COOKIE_ID", "  "),
        ("FAX", "123"),
    ],
)
def test_values_that_cannot_be_identifiers(kind: str, raw: str) -> None:
    with pytest.raises(InvalidIdentifier):
        normalize(kind, raw)


def test_search_terms_cover_emails_phones_and_loyalty_ids() -> None:
    terms = search_terms(
        [
            ("EMAIL", "ana.lima@example.com"),
            ("PHONE", "+351912345678"),
            ("LOYALTY_ID", "LN-5521"),
            ("COOKIE_ID", "ck-1"),
        ]
    ).split()
    assert terms == ["ana.lima@example.com", "ana.lima", "351912345678", "912345678", "ln-5521"]

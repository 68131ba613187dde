from __future__ import annotations

import pytest

from graph.search import lucene_query
from resolvers.errors import BadUserInput
from resolvers.pagination import decode_cursor, encode_cursor, page_size


def test_user_text_never_reaches_lucene_unescaped() -> None:
    assert lucene_query('ana" OR *:*') == '"ana\\"" AND (or OR or*)'
    assert lucene_query("name:*") == '"name\\:\\*"'
    assert lucene_query("   ") is None
    assert lucene_query("***") is None


def test_cursors_round_trip_and_are_checked() -> None:
    cursor = encode_cursor("order", "2026-03-10T12:00:00Z", "ord-3002")
    assert decode_cursor(cursor, "order", 2) == ["2026-03-10T12:00:00Z", "ord-3002"]
    assert decode_cursor(None, "order", 2) is None
    with pytest.raises(BadUserInput):
        decode_cursor(cursor, "interaction", 2)
    with pytest.raises(BadUserInput):
        decode_cursor("not a cursor", "order", 2)


def test_page_size_defaults_and_bounds() -> None:
    assert page_size(None) == 20
    assert page_size(100) == 100
    for bad in (-1, 101):
        with pytest.raises(BadUserInput):
            page_size(bad)

"""Connection arguments and opaque cursors.

A cursor is the url-safe base64 of a small JSON array naming what it points into and the keyset
position to resume after, e.g. `["order", "2026-03-10T12:00:00Z", "ord-3002"]`. Clients must treat
it as opaque; the server checks its kind so a cursor from one list cannot be used on another.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

import orjson

from resolvers.errors import BadUserInput

DEFAULT_FIRST = 20
MAX_FIRST = 100


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_FIRST
    if first < 0 or first > MAX_FIRST:
        raise BadUserInput(f"`first` must be between 0 and {MAX_FIRST}, got {first}", field="first")
    return first


def encode_cursor(kind: str, *position: Any) -> str:
    raw = orjson.dumps([kind, *position])  # compact, as json.dumps with separators=(",", ":")
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, kind: str, arity: int) -> list[Any] | None:
    """The keyset position inside `cursor`, or None for no cursor; BAD_USER_INPUT if malformed."""
    if cursor is None:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        value = None
    if not isinstance(value, list) or len(value) != arity + 1 or value[0] != kind:
        raise BadUserInput(
            f"`after` is not a cursor of this list ({kind}): pass an `endCursor` or a "
            "`cursor` that this same field returned",
            field="after",
        )
    return value[1:]


def time_position(cursor: str | None, kind: str) -> tuple[str, str] | None:
    """Decode a (time, id) cursor, as used by every newest-first list."""
    position = decode_cursor(cursor, kind, 2)
    if position is None:
        return None
    at, ident = position
    if not isinstance(at, str) or not isinstance(ident, str):
        raise BadUserInput(f"`after` is not a cursor of this list ({kind})", field="after")
    return at, ident

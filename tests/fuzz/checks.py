"""The schemathesis check of `tests/integration/test_fuzz.py`: no server error, ever.

Schemathesis' own GraphQL check counts every error raised in a resolver as a server failure,
including the contract's `NOT_FOUND` for an unknown merge id. Ours fails on what is a server
error here: an HTTP 5xx, an `INTERNAL` error, or an error without a code (every error the
gateway means to send carries one).
"""

from __future__ import annotations

from typing import Any

import schemathesis


@schemathesis.check
def no_server_error(ctx: Any, response: Any, case: Any) -> bool | None:
    if response.status_code >= 500:
        raise AssertionError(f"HTTP {response.status_code}: {response.text[:500]}")
    body = response.json()
    for error in body.get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        if code is None or code == "INTERNAL":
            raise AssertionError(f"server error {code}: {error}")
    return None

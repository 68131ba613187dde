"""Decoding a GraphQL request body: anything that is not a JSON object (or a batch) is a 400.

Strawberry's own decoder let a body of invalid UTF-8, JSON nested 5,000 deep, or a bare `null`,
`5` or `"x"` through to code that expected an object, which answered a plain-text 500. orjson
refuses invalid UTF-8 and nesting past 1,024 levels as `JSONDecodeError`.

    GraphQL.decode_json = staticmethod(decode_graphql_body)
"""

from __future__ import annotations

import orjson
from cross_web import HTTPException


def decode_graphql_body(data: str | bytes) -> object:
    try:
        decoded = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise HTTPException(400, f"The body is not JSON: {error}") from error
    if not isinstance(decoded, dict | list):
        raise HTTPException(400, "The body must be a JSON object: {query, variables}")
    return decoded

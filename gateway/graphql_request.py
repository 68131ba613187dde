"""A `/graphql` request's parameters, read and checked before Strawberry sees them.

GET carries `query`, `operationName`, `variables` and `extensions` in the query string, POST as a
JSON object. A malformed request (no body, invalid JSON, a batch, a `query` that is not a string,
`variables` that are not an object...) is refused with a coded GraphQL error
(`gateway/http_errors.py`); a persisted query is resolved to its text, from the trusted documents
when the gateway has them, else from the APQ cache (`gateway/apq.py`). The request then goes on
with the resolved parameters:

    params = requests.prepare("POST", b"", "application/json", b'{"query": "{ me { id } }"}')
    body, query_string = encoded("POST", params)
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode

import orjson

from gateway.apq import PersistedQueries
from gateway.http_errors import RequestError
from gateway.trusted import REFUSED, TrustedDocuments

_OBJECTS = ("variables", "extensions")


def _bad(message: str, status: int = 400) -> RequestError:
    return RequestError(status, "BAD_USER_INPUT", message)


def read_params(method: str, query_string: bytes, content_type: str, body: bytes) -> dict[str, Any]:
    """The request's GraphQL parameters, checked for shape (not yet parsed as GraphQL)."""
    if method == "GET":
        params: dict[str, Any] = dict(parse_qsl(query_string.decode("latin-1")))
        for name in _OBJECTS:
            if params.get(name):
                try:
                    params[name] = orjson.loads(params[name])
                except orjson.JSONDecodeError:
                    raise _bad(f"`{name}` is not valid JSON") from None
            else:
                params.pop(name, None)
    else:
        if "json" not in content_type.lower():
            raise _bad("Send the operation as JSON, with `Content-Type: application/json`", 415)
        if not body.strip():
            raise _bad('The request body is empty: send {"query": "..."}')
        try:
            payload = orjson.loads(body)
        except orjson.JSONDecodeError as error:
            raise _bad(f"The request body is not valid JSON: {error}") from None
        if isinstance(payload, list):
            raise _bad("Batched operations are not supported: send one operation per request")
        if not isinstance(payload, dict):
            raise _bad("The body must be a JSON object: {query, variables}")
        params = payload
    if not isinstance(params.get("query"), str | None):
        raise _bad("`query` must be a string: the text of a GraphQL document")
    if not isinstance(params.get("operationName"), str | None):
        raise _bad("`operationName` must be a string")
    for name in _OBJECTS:
        if not isinstance(params.get(name), dict | None):
            raise _bad(f"`{name}` must be a JSON object")
    return params


class GraphQLRequests:
    """Reads `/graphql` requests for the Edge; `documents`: only registered operations run."""

    def __init__(self, documents: TrustedDocuments | None = None) -> None:
        self.documents = documents
        self.persisted = PersistedQueries()

    def prepare(
        self, method: str, query_string: bytes, content_type: str, body: bytes
    ) -> dict[str, Any]:
        """The parameters to run, persisted query resolved; `RequestError` when refused."""
        params = read_params(method, query_string, content_type, body)
        if self.documents is not None:
            resolved = self.documents.resolve(params)
            if resolved is None:
                raise RequestError(403, "FORBIDDEN", REFUSED)
            return resolved
        params = self.persisted.resolve(params)
        if not isinstance(params.get("query"), str) or not params["query"].strip():
            raise _bad(
                "No GraphQL query in the request: send `query` (or a persisted query's hash)"
            )
        return params


def encoded(method: str, params: dict[str, Any]) -> tuple[bytes, bytes]:
    """The request body and query string that carry `params` to Strawberry."""
    if method != "GET":
        return orjson.dumps(params), b""
    fields = {
        name: orjson.dumps(value).decode() if name in _OBJECTS else value
        for name, value in params.items()
        if value is not None
    }
    return b"", urlencode(fields).encode()

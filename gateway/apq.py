"""Automatic persisted queries (Apollo's APQ), for gateways without trusted documents.

A client first sends only the sha256 of its document; the gateway answers
`PERSISTED_QUERY_NOT_FOUND` until it has seen the text once with that hash, then runs the hash
alone (by GET too, so CDNs can cache it). A hash that does not match its text is refused.

    >>> cache = PersistedQueries()
    >>> cache.resolve({"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "ab"}}})
    Traceback (most recent call last):
    gateway.http_errors.RequestError: PersistedQueryNotFound: send the query with its hash once
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any

from gateway.http_errors import RequestError

NOT_FOUND = "PersistedQueryNotFound: send the query with its hash once"
# Clients retry with the text at once; a cache in between must not keep the miss.
_NO_STORE = {"cache-control": "private, no-cache, must-revalidate"}


def sha256(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()


def persisted_hash(params: dict[str, Any]) -> str | None:
    """The `extensions.persistedQuery.sha256Hash` of a request, checked, or None."""
    extensions = params.get("extensions") or {}
    persisted = extensions.get("persistedQuery")
    if persisted is None:
        return None
    if not isinstance(persisted, dict) or not isinstance(persisted.get("sha256Hash"), str):
        raise RequestError(
            400, "BAD_USER_INPUT", "`extensions.persistedQuery` needs a string `sha256Hash`"
        )
    if persisted.get("version", 1) != 1:
        raise RequestError(
            400, "BAD_USER_INPUT", "Only version 1 of persisted queries is supported"
        )
    return str(persisted["sha256Hash"]).lower()


class PersistedQueries:
    """The documents seen with their hash, least recently used dropped first beyond
    `max_chars` characters in all (a process's cache: another process asks for the text once)."""

    def __init__(self, max_chars: int = 8 * 1024 * 1024) -> None:
        self.max_chars = max_chars
        self._documents: OrderedDict[str, str] = OrderedDict()
        self._chars = 0

    def resolve(self, params: dict[str, Any]) -> dict[str, Any]:
        """`params` with the persisted document in `query`; unchanged without a hash."""
        wanted = persisted_hash(params)
        if wanted is None:
            return params
        query = params.get("query")
        if isinstance(query, str):
            if sha256(query) != wanted:
                raise RequestError(
                    400,
                    "BAD_USER_INPUT",
                    "The persisted query's sha256Hash does not match its text",
                )
            self._remember(wanted, query)
            return params
        document = self._documents.get(wanted)
        if document is None:
            raise RequestError(200, "PERSISTED_QUERY_NOT_FOUND", NOT_FOUND, _NO_STORE)
        self._documents.move_to_end(wanted)
        return {**params, "query": document}

    def _remember(self, key: str, document: str) -> None:
        if key in self._documents or len(document) > self.max_chars:
            return
        self._documents[key] = document
        self._chars += len(document)
        while self._chars > self.max_chars:
            _, dropped = self._documents.popitem(last=False)
            self._chars -= len(dropped)

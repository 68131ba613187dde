"""Guessing API keys costs the gateway no memory (issue 15, 4).

Every presented key used to be kept, as given, in a cache that was never pruned: 6,000 random
8 KB keys grew the gateway by tens of MiB. Keys are now remembered by hash, a bounded number of
them, and a value no key of ours looks like is refused without a lookup or a trace.
"""

from __future__ import annotations

import secrets

import pytest
from neo4j import AsyncDriver

from gateway.auth import Authenticator, AuthError
from gateway.settings import Settings
from graph.apikeys import create_api_key, revoke_api_key
from resolvers.principal import Role


async def test_unknown_keys_are_refused_and_the_cache_stays_bounded(
    empty_graph: AsyncDriver, database: str, settings: Settings
) -> None:
    key_id, key = await create_api_key(empty_graph, database, "pos-lisbon")
    auth = Authenticator(settings, lambda: empty_graph, key_cache_size=50)
    assert (await auth.authenticate({"x-api-key": key})).role is Role.INGEST

    for _ in range(200):  # well-formed guesses: looked up, remembered, and forgotten in turn
        with pytest.raises(AuthError, match="Unknown or revoked API key"):
            await auth.authenticate({"x-api-key": "ogk_" + secrets.token_urlsafe(32)})
    assert len(auth._keys) == 50
    assert all(len(digest) == 64 for digest in auth._keys), "kept by hash, never as given"

    for _ in range(100):  # 8 KB of noise: no key we issue looks like it
        with pytest.raises(AuthError, match="Unknown or revoked API key"):
            await auth.authenticate({"x-api-key": secrets.token_hex(4096)})
    assert len(auth._keys) == 50

    # the real key still works after the flood pushed it out, and its revocation still counts
    assert (await auth.authenticate({"x-api-key": key})).subject == key_id
    await revoke_api_key(empty_graph, database, key_id)
    fresh = Authenticator(settings, lambda: empty_graph)
    with pytest.raises(AuthError):
        await fresh.authenticate({"x-api-key": key})

"""Who is calling: bearer JWTs (HS256 secret, or RS256/ES256 keys from a JWKS) and API keys.

    authenticator = Authenticator(settings, driver)
    principal = await authenticator.authenticate(request.headers)  # raises AuthError

Tokens must carry `sub`, `exp`, `iss` and `aud` (checked against the settings; `nbf` too when
present) and a `roles` claim; associates need `store_id`, customers `customer_id`. API keys
(`X-Api-Key: ogk_...` or `Authorization: Bearer ogk_...`) act as the `ingest` role.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jwt
from neo4j import AsyncDriver

from gateway.settings import Settings
from graph.apikeys import KEY_PREFIX, find_api_key, key_hash
from resolvers.principal import AUTH_OFF, Principal, Role, strongest_role

ASYMMETRIC = ["RS256", "ES256"]
LEEWAY_SECONDS = 30  # clock skew between the token issuer and this host
_KEY_CACHE_SECONDS = 60.0
_KEY_CACHE_SIZE = 4096  # keys remembered (by hash), known or not: memory stays flat under guessing
# what `graph.apikeys.new_api_key` makes (43 characters of base64url), with room to spare
_KEY_SHAPE = re.compile(r"^ogk_[A-Za-z0-9_-]{16,128}$")
MISSING = (
    "Authentication required: send `Authorization: Bearer <token>` "
    "(mint one with `omnigraph token --role ROLE`) or an ingestion API key"
)


class AuthError(Exception):
    """The request carries no usable identity; the message says why, safely."""


class Authenticator:
    def __init__(
        self,
        settings: Settings,
        driver: Callable[[], AsyncDriver],
        *,
        key_cache_size: int = _KEY_CACHE_SIZE,
    ) -> None:
        self.settings = settings
        self.key_cache_size = key_cache_size
        self._driver = driver
        self._jwks: jwt.PyJWKClient | jwt.PyJWKSet | None = None
        if settings.jwks:
            if settings.jwks.startswith(("https://", "http://")):
                self._jwks = jwt.PyJWKClient(settings.jwks, cache_keys=True, lifespan=300)
            else:
                self._jwks = jwt.PyJWKSet.from_json(Path(settings.jwks).read_text())
        # key hash -> (expires, principal or None for unknown): least recently used first
        self._keys: OrderedDict[str, tuple[float, Principal | None]] = OrderedDict()

    async def authenticate(self, headers: Mapping[str, str]) -> Principal:
        if not self.settings.auth:
            return AUTH_OFF
        api_key = headers.get("x-api-key", "").strip()
        scheme, _, credential = headers.get("authorization", "").strip().partition(" ")
        credential = credential.strip()
        if not api_key and scheme.lower() == "bearer" and credential.startswith(KEY_PREFIX):
            api_key = credential
        if api_key:
            return await self._api_key(api_key)
        if not credential:
            raise AuthError(MISSING)
        if scheme.lower() != "bearer":
            raise AuthError("Use the Bearer scheme: `Authorization: Bearer <token>`")
        return await self._token(credential)

    async def _api_key(self, key: str) -> Principal:
        if not _KEY_SHAPE.match(key):  # no key we issue looks like this: nothing to look up
            raise AuthError("Unknown or revoked API key")
        now = time.monotonic()
        digest = key_hash(key)
        cached = self._keys.get(digest)
        if cached is None or cached[0] < now:
            found = await find_api_key(self._driver(), self.settings.neo4j_database, key)
            principal = (
                Principal(subject=found["id"], role=Role.INGEST, via="apikey") if found else None
            )
            # revocation takes effect within a minute; keys are not looked up on every request
            cached = (now + _KEY_CACHE_SECONDS, principal)
        self._remember(digest, cached)
        if cached[1] is None:
            raise AuthError("Unknown or revoked API key")
        return cached[1]

    def _remember(self, digest: str, entry: tuple[float, Principal | None]) -> None:
        self._keys[digest] = entry
        self._keys.move_to_end(digest)
        while len(self._keys) > self.key_cache_size:
            self._keys.popitem(last=False)

    async def _token(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as error:
            raise AuthError("The bearer token is not a JWT") from error
        algorithm = header.get("alg")
        key: Any
        if algorithm == "HS256" and self.settings.jwt_secret:
            key, algorithms = self.settings.jwt_secret, ["HS256"]
        elif algorithm in ASYMMETRIC and self._jwks is not None:
            key, algorithms = await self._signing_key(token, header), ASYMMETRIC
        else:
            raise AuthError(f"Tokens signed with {algorithm!r} are not accepted here")
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=algorithms,
                audience=self.settings.jwt_audience,
                issuer=self.settings.jwt_issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as error:
            raise AuthError("The token has expired: mint a new one") from error
        except jwt.ImmatureSignatureError as error:
            raise AuthError("The token is not valid yet (nbf)") from error
        except jwt.InvalidAudienceError as error:
            raise AuthError(
                f"The token is not for audience {self.settings.jwt_audience!r}"
            ) from error
        except jwt.InvalidIssuerError as error:
            raise AuthError(f"The token is not from issuer {self.settings.jwt_issuer!r}") from error
        except jwt.MissingRequiredClaimError as error:
            raise AuthError(f"The token has no {error.claim!r} claim") from error
        except jwt.InvalidSignatureError as error:
            raise AuthError("The token's signature does not verify") from error
        except jwt.InvalidTokenError as error:
            raise AuthError("The bearer token is not valid") from error
        return principal_from_claims(claims)

    async def _signing_key(self, token: str, header: Mapping[str, Any]) -> Any:
        try:
            if isinstance(self._jwks, jwt.PyJWKClient):
                # the client fetches over blocking urllib: keep it off the event loop
                found = await asyncio.to_thread(self._jwks.get_signing_key_from_jwt, token)
                return found.key
            assert self._jwks is not None
            return self._jwks[str(header.get("kid"))].key
        except (KeyError, jwt.PyJWKClientError, jwt.PyJWKSetError) as error:
            raise AuthError("The token's key id is not in the configured JWKS") from error


def principal_from_claims(claims: Mapping[str, Any]) -> Principal:
    roles = claims.get("roles", claims.get("role", []))
    if isinstance(roles, str):
        roles = [roles]
    # a list of names, nothing else: `{"admin": false}` is not the role admin, `5` is no role
    if not isinstance(roles, list) or not all(isinstance(name, str) for name in roles):
        raise AuthError("The token's `roles` claim must be a list of role names")
    role = strongest_role(roles)
    if role is None:
        raise AuthError(
            "The token names no known role (customer, associate, agent, analyst, admin, ingest)"
        )
    store_id = claims.get("store_id")
    customer_id = claims.get("customer_id")
    if role is Role.ASSOCIATE and not store_id:
        raise AuthError("An associate's token needs a `store_id` claim")
    if role is Role.CUSTOMER and not customer_id:
        raise AuthError("A customer's token needs a `customer_id` claim")
    return Principal(
        subject=str(claims["sub"]),
        role=role,
        store_id=str(store_id) if store_id else None,
        customer_id=str(customer_id) if customer_id else None,
        expires_at=float(claims["exp"]) if isinstance(claims.get("exp"), int | float) else None,
    )

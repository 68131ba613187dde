"""Mint HS256 tokens with the configured secret: for demos, tests and operators.

token = mint_token(settings, Role.ASSOCIATE, store_id="store-lisbon-1", ttl=900)
"""

from __future__ import annotations

import time
import uuid

import jwt

from gateway.settings import Settings
from graph.ingest.events import derived_id
from resolvers.principal import Role

# Ana of examples.jsonl: her profile is the one her first sign-in (`ex-02`) created
DEMO_ANA = derived_id("cus", "ex-02")

DEMO_SUBJECTS = {
    Role.CUSTOMER: ("demo-ana", {"customer_id": DEMO_ANA}),
    Role.ASSOCIATE: ("demo-associate", {"store_id": "store-lisbon-1"}),
    Role.AGENT: ("demo-agent", {}),
    Role.ANALYST: ("demo-analyst", {}),
    Role.ADMIN: ("demo-admin", {}),
    Role.INGEST: ("demo-channel", {}),
}


class CannotMint(RuntimeError):
    pass


def mint_token(
    settings: Settings,
    role: Role,
    *,
    store_id: str | None = None,
    customer_id: str | None = None,
    ttl: int = 3600,
    subject: str | None = None,
) -> str:
    if not settings.jwt_secret:
        raise CannotMint(
            "minting needs OMNIGRAPH_JWT_SECRET (tokens from a JWKS come from its IdP)"
        )
    now = int(time.time())
    claims: dict[str, object] = {
        "sub": subject or f"{role.value}-{uuid.uuid4().hex[:8]}",
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "nbf": now,
        "exp": now + ttl,
        "roles": [role.value],
    }
    if store_id:
        claims["store_id"] = store_id
    if customer_id:
        claims["customer_id"] = customer_id
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256")


def demo_tokens(
    settings: Settings, ttl: int = 8 * 3600, *, ana_id: str = DEMO_ANA
) -> dict[Role, str]:
    """One short-lived token per role, for `make demo`; the customer's is Ana's (`ana_id`)."""
    tokens = {}
    for role, (subject, extra) in DEMO_SUBJECTS.items():
        if role is Role.CUSTOMER:
            extra = {"customer_id": ana_id}
        tokens[role] = mint_token(settings, role, ttl=ttl, subject=subject, **extra)
    return tokens

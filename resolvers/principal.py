"""Who is asking: the authenticated principal every request carries, and its role.

Authentication (`gateway/auth.py`) builds it from a bearer token or an API key; resolvers and
loaders decide with it what the request may see (`resolvers/access.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    CUSTOMER = "customer"
    ASSOCIATE = "associate"
    AGENT = "agent"
    ANALYST = "analyst"
    ADMIN = "admin"
    INGEST = "ingest"


# A token naming several roles acts as the most powerful of them, in this order.
ROLE_PRECEDENCE = (
    Role.ADMIN,
    Role.AGENT,
    Role.ASSOCIATE,
    Role.ANALYST,
    Role.CUSTOMER,
    Role.INGEST,
)

STAFF = frozenset({Role.ASSOCIATE, Role.AGENT, Role.ANALYST, Role.ADMIN})


@dataclass(frozen=True)
class Principal:
    subject: str
    role: Role
    store_id: str | None = None
    customer_id: str | None = None
    via: str = "token"  # "token", "apikey", or "auth-off"
    expires_at: float | None = None  # the token's `exp` (seconds since the epoch); live feeds end

    @property
    def key(self) -> str:
        """What rate limits count by."""
        return f"{self.via}:{self.subject}"

    @property
    def staff(self) -> bool:
        return self.role in STAFF


# Who renders GraphiQL's page (it runs no operation): a customer who owns no profile.
NOBODY = Principal(subject="anonymous", role=Role.CUSTOMER, via="none")

# What everyone is when `OMNIGRAPH_AUTH=off` (development only).
AUTH_OFF = Principal(subject="anonymous", role=Role.ADMIN, via="auth-off")


def strongest_role(names: list[str]) -> Role | None:
    """The role a token acts as, from its `roles` claim; None when it names no known role."""
    known = {name.strip().lower() for name in names if isinstance(name, str)}
    for role in ROLE_PRECEDENCE:
        if role.value in known:
            return role
    return None

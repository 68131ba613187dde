"""The `traits` of an `identify` event: names, birth date, locale, address, and free sizes and
preferences, flattened to `group.key` names (`address.city`, `sizes.shoe`)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from graph.ingest import check, limits
from graph.ingest.events import Rejected


def traits(raw: dict[str, Any], where: str) -> dict[str, Any]:
    check.only(raw, where, {"givenName", "familyName", "birthDate", "locale", "address", "sizes",
                       "preferences"})  # fmt: skip
    traits: dict[str, Any] = {}
    for name in ("givenName", "familyName", "locale"):
        value = check.string(raw, name, limit=check.MAX_SHORT, where=where)
        if value is not None:
            traits[name] = value
    birth = check.string(raw, "birthDate", where=where)
    if birth is not None:
        try:
            born = date.fromisoformat(birth)
        except ValueError as error:
            raise Rejected("INVALID_FIELD", f"{where}.birthDate", "use YYYY-MM-DD") from error
        if not limits.EARLIEST_BIRTH <= born <= datetime.now(UTC).date():
            raise Rejected("INVALID_FIELD", f"{where}.birthDate",
                           f"a birth date from {limits.EARLIEST_BIRTH} to today")  # fmt: skip
        traits["birthDate"] = born.isoformat()
    address = raw.get("address")
    if address is not None:
        if not isinstance(address, dict):
            raise Rejected("INVALID_FIELD", f"{where}.address", "`address` must be an object")
        check.only(address, f"{where}.address", {"line1", "city", "postalCode", "country"})
        for part in ("line1", "city", "postalCode", "country"):
            value = check.string(address, part, limit=check.MAX_SHORT, where=f"{where}.address")
            if value is not None:
                traits[f"address.{part}"] = value
    for group in ("sizes", "preferences"):
        values = raw.get(group)
        if values is None:
            continue
        if not isinstance(values, dict):
            raise Rejected("INVALID_FIELD", f"{where}.{group}", f"`{group}` must be an object")
        if len(values) > limits.MAX_TRAIT_KEYS:
            raise Rejected("INVALID_FIELD", f"{where}.{group}",
                           f"at most {limits.MAX_TRAIT_KEYS} keys")  # fmt: skip
        for key, value in values.items():
            if value is None:
                continue
            traits[f"{group}.{key}"] = _trait_value(key, value, f"{where}.{group}")
    return traits


def _trait_value(key: str, value: Any, where: str) -> str | int | float | bool:
    if not key.strip() or len(key) > 100 or check.CONTROL.search(key):
        raise Rejected("INVALID_FIELD", where, f"{key[:100]!r} is not a key: 1..100 characters")
    if isinstance(value, str):
        if len(value) > limits.MAX_TRAIT_VALUE or check.CONTROL.search(value):
            raise Rejected("INVALID_FIELD", f"{where}.{key}",
                           f"a text of at most {limits.MAX_TRAIT_VALUE} characters")  # fmt: skip
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and abs(value) <= limits.MAX_AMOUNT:
        return value
    raise Rejected("INVALID_FIELD", f"{where}.{key}",
                   f"values are texts, true/false or numbers within {limits.MAX_AMOUNT:.0e}")  # fmt: skip

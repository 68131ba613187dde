"""Check and normalise one event object; the first problem found rejects it, naming the field.

>>> event = parse_event({"eventId": "e1", "type": "identify", "at": "2026-03-02T08:15:00Z",
...     "channel": "WEB", "identifiers": [{"type": "EMAIL", "value": " Ana@Example.com "}],
...     "traits": {"givenName": "Ana"}})
>>> event.identifiers[0].value
'ana@example.com'
>>> parse_event({"eventId": "e2", "type": "nap"}).field
'type'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from graph.identifiers import RULES, InvalidIdentifier, normalize
from graph.ingest import events as e
from graph.ingest import limits
from graph.ingest.events import DeviceRef, Event, IdentifierRef, Rejected, Rejection

DEFAULT_BLOCKED = frozenset(
    {"", "null", "none", "undefined", "anonymous", "unknown", "n/a", "na", "test@test.com"}
)
MAX_TEXT = 4000
MAX_ID = 128
MAX_SHORT = 500

_ENVELOPE = {"eventId", "type", "at", "channel", "identifiers", "device", "storeId", "source"}
_IDENTIFIER_TYPES = tuple(RULES)
_CURRENCY = re.compile(r"^[A-Z]{3}$")
# NUL and the other control characters but tab and line breaks: no system downstream wants them
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Rules:
    """What the pipeline is configured with: default phone region and blocked values."""

    default_region: str = "PT"
    blocked: frozenset[str] = DEFAULT_BLOCKED


def parse_event(raw: Any, rules: Rules | None = None) -> Event | Rejection:
    try:
        return _parse(raw, rules or Rules())
    except Rejected as rejected:
        return rejected.rejection


def _parse(raw: Any, rules: Rules) -> Event:
    if not isinstance(raw, dict):
        raise Rejected("INVALID_EVENT", None, "an event must be a JSON object")
    event_id = _string(raw, "eventId", required=True, limit=MAX_ID)
    assert event_id is not None
    kind = _enum(raw, "type", e.EVENT_TYPES, required=True)
    assert kind is not None
    unknown = set(raw) - _ENVELOPE - {kind if kind != "identify" else "traits"}
    for name in sorted(unknown):
        if name in _payload_names():
            raise Rejected(
                "INVALID_FIELD", name, f"a `{kind}` event carries `{_payload(kind)}`, not `{name}`"
            )
        raise Rejected("INVALID_FIELD", name, f"`{name}` is not a field of an event")
    at = _timestamp(raw, "at")
    channel = _enum(raw, "channel", e.CHANNELS, required=True)
    assert channel is not None
    store_id = _string(raw, "storeId", limit=MAX_ID)
    if channel in ("STORE", "KIOSK") and store_id is None:
        raise Rejected(
            "MISSING_FIELD", "storeId", f"`storeId` is required on the {channel} channel"
        )
    source = _string(raw, "source", limit=MAX_SHORT)
    device = _device(raw.get("device"))
    warnings: list[str] = []
    identifiers = _identifiers(raw.get("identifiers"), device, rules, warnings)
    if not identifiers:
        raise Rejected(
            "NO_IDENTIFIER",
            "identifiers",
            "no identifier is left after normalisation: send at least one usable identifier "
            "or a customer device (store terminals do not identify anyone)",
        )
    name = _payload(kind)
    body = raw.get(name)
    if not isinstance(body, dict):
        raise Rejected("MISSING_FIELD", name, f"a `{kind}` event needs the object `{name}`")
    payload = _PAYLOADS[kind](body, name)
    return Event(
        event_id=event_id, type=kind, at=at, channel=channel, identifiers=identifiers,
        payload=payload, device=device, store_id=store_id, source=source, warnings=warnings,
        raw=raw,
    )  # fmt: skip


def _payload(kind: str) -> str:
    return "traits" if kind == "identify" else kind


def _payload_names() -> set[str]:
    return {_payload(kind) for kind in e.EVENT_TYPES}


# -- envelope ---------------------------------------------------------------------------------


def _identifiers(
    raw: Any, device: DeviceRef | None, rules: Rules, warnings: list[str]
) -> list[IdentifierRef]:
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise Rejected("INVALID_FIELD", "identifiers", "`identifiers` must be a list")
    if len(raw) > limits.MAX_IDENTIFIERS:
        raise Rejected(
            "INVALID_FIELD",
            "identifiers",
            f"at most {limits.MAX_IDENTIFIERS} identifiers per event",
        )
    found: dict[str, IdentifierRef] = {}
    for index, item in enumerate(raw):
        where = f"identifiers[{index}]"
        if not isinstance(item, dict):
            raise Rejected("INVALID_FIELD", where, "an identifier is an object {type, value}")
        kind = _enum(item, "type", _IDENTIFIER_TYPES, required=True, where=where)
        assert kind is not None
        value = item.get("value")
        if value is not None and not isinstance(value, str):
            raise Rejected("INVALID_FIELD", f"{where}.value", "the value must be a string")
        if value is None or _blocked(kind, value, rules):
            warnings.append(f"{where}: blocked value {value!r} for {kind} was dropped")
            continue
        if len(value) > MAX_SHORT:
            raise Rejected("INVALID_FIELD", f"{where}.value", f"longer than {MAX_SHORT} characters")
        if _CONTROL.search(value):
            raise Rejected("INVALID_FIELD", f"{where}.value", "contains control characters")
        try:
            normalized = normalize(kind, value, rules.default_region)
        except InvalidIdentifier as error:
            raise Rejected("INVALID_FIELD", f"{where}.value", str(error)) from error
        if normalized.lower() in rules.blocked:
            warnings.append(f"{where}: blocked value {value!r} for {kind} was dropped")
            continue
        ref = IdentifierRef(kind, normalized)
        found.setdefault(ref.key, ref)
    if device is not None and not device.terminal:
        ref = IdentifierRef("DEVICE_ID", device.id)
        found.setdefault(ref.key, ref)
    return list(found.values())


def _blocked(kind: str, value: str, rules: Rules) -> bool:
    text = value.strip().lower()
    if text in rules.blocked:
        return True
    if kind != "PHONE":
        return False
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits and set(digits) == {"0"}:
        return True
    # "+351 000 000 000": a country code followed by nothing but zeros is a placeholder too
    return text.startswith("+") and any(
        len(digits) > size and set(digits[size:]) == {"0"} for size in (1, 2, 3)
    )


def _device(raw: Any) -> DeviceRef | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise Rejected("INVALID_FIELD", "device", "`device` must be an object {id, kind, ...}")
    device_id = _string(raw, "id", required=True, limit=MAX_ID, where="device")
    kind = _enum(raw, "kind", e.DEVICE_KINDS, required=True, where="device")
    assert device_id is not None and kind is not None
    return DeviceRef(
        id=device_id, kind=kind,
        os=_string(raw, "os", limit=MAX_SHORT, where="device"),
        model=_string(raw, "model", limit=MAX_SHORT, where="device"),
        app_version=_string(raw, "appVersion", limit=MAX_SHORT, where="device"),
    )  # fmt: skip


# -- payloads ---------------------------------------------------------------------------------


def _traits(raw: dict[str, Any], where: str) -> dict[str, Any]:
    _only(raw, where, {"givenName", "familyName", "birthDate", "locale", "address", "sizes",
                       "preferences"})  # fmt: skip
    traits: dict[str, Any] = {}
    for name in ("givenName", "familyName", "locale"):
        value = _string(raw, name, limit=MAX_SHORT, where=where)
        if value is not None:
            traits[name] = value
    birth = _string(raw, "birthDate", where=where)
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
        _only(address, f"{where}.address", {"line1", "city", "postalCode", "country"})
        for part in ("line1", "city", "postalCode", "country"):
            value = _string(address, part, limit=MAX_SHORT, where=f"{where}.address")
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
    if not key.strip() or len(key) > 100 or _CONTROL.search(key):
        raise Rejected("INVALID_FIELD", where, f"{key[:100]!r} is not a key: 1..100 characters")
    if isinstance(value, str):
        if len(value) > limits.MAX_TRAIT_VALUE or _CONTROL.search(value):
            raise Rejected("INVALID_FIELD", f"{where}.{key}",
                           f"a text of at most {limits.MAX_TRAIT_VALUE} characters")  # fmt: skip
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and abs(value) <= limits.MAX_AMOUNT:
        return value
    raise Rejected("INVALID_FIELD", f"{where}.{key}",
                   f"values are texts, true/false or numbers within {limits.MAX_AMOUNT:.0e}")  # fmt: skip


def _interaction(raw: dict[str, Any], where: str) -> dict[str, Any]:
    _only(raw, where, {"kind", "sku", "query", "url", "text", "rating", "durationSeconds"})
    return {
        "kind": _enum(raw, "kind", e.INTERACTION_KINDS, required=True, where=where),
        "sku": _string(raw, "sku", limit=MAX_ID, where=where),
        "query": _string(raw, "query", limit=MAX_SHORT, where=where),
        "url": _string(raw, "url", limit=2000, where=where),
        "text": _string(raw, "text", limit=MAX_TEXT, where=where),
        "rating": _integer(raw, "rating", where=where, low=1, high=5),
        "durationSeconds": _integer(
            raw, "durationSeconds", where=where, low=0, high=limits.MAX_DURATION
        ),
    }


def _order(raw: dict[str, Any], where: str) -> dict[str, Any]:
    _only(raw, where, {"orderId", "status", "currency", "total", "fulfillment",
                       "fulfillmentStoreId", "lines", "cartCheckout", "loyaltyPointsEarned",
                       "loyaltyPointsRedeemed"})  # fmt: skip
    currency = _string(raw, "currency", where=where)
    if currency is not None and not _CURRENCY.match(currency):
        raise Rejected("INVALID_FIELD", f"{where}.currency", "an ISO 4217 code such as EUR")
    lines = raw.get("lines")
    parsed_lines = None
    if lines is not None:
        if not isinstance(lines, list) or not lines:
            raise Rejected("INVALID_FIELD", f"{where}.lines", "`lines` is a non-empty list")
        parsed_lines = [_line(line, f"{where}.lines[{i}]") for i, line in enumerate(lines)]
    checkout = raw.get("cartCheckout")
    if checkout is not None and not isinstance(checkout, bool):
        raise Rejected("INVALID_FIELD", f"{where}.cartCheckout", "true or false")
    return {
        "orderId": _string(raw, "orderId", required=True, limit=MAX_ID, where=where),
        "status": _enum(raw, "status", e.ORDER_STATUSES, required=True, where=where),
        "currency": currency,
        "total": _number(raw, "total", where=where),
        "fulfillment": _enum(raw, "fulfillment", e.FULFILLMENTS, where=where),
        "fulfillmentStoreId": _string(raw, "fulfillmentStoreId", limit=MAX_ID, where=where),
        "lines": parsed_lines,
        "cartCheckout": bool(checkout),
        "loyaltyPointsEarned": _integer(
            raw, "loyaltyPointsEarned", where=where, low=0, high=limits.MAX_POINTS
        ),
        "loyaltyPointsRedeemed": _integer(
            raw, "loyaltyPointsRedeemed", where=where, low=0, high=limits.MAX_POINTS
        ),
    }


def _line(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise Rejected("INVALID_FIELD", where, "an order line is an object")
    _only(raw, where, {"sku", "name", "category", "quantity", "unitPrice"})
    quantity = _integer(
        raw, "quantity", where=where, low=1, high=limits.MAX_QUANTITY, required=True
    )
    price = _number(raw, "unitPrice", where=where, required=True)
    return {
        "sku": _string(raw, "sku", required=True, limit=MAX_ID, where=where),
        "name": _string(raw, "name", limit=MAX_SHORT, where=where),
        "category": _string(raw, "category", limit=MAX_SHORT, where=where),
        "quantity": quantity,
        "unitPrice": price,
    }


def _cart(raw: dict[str, Any], where: str) -> dict[str, Any]:
    _only(raw, where, {"action", "sku", "quantity", "unitPrice"})
    action = _enum(raw, "action", e.CART_ACTIONS, required=True, where=where)
    needs_sku = action != "CLEAR"
    low = 0 if action == "SET_QUANTITY" else 1
    return {
        "action": action,
        "sku": _string(raw, "sku", required=needs_sku, limit=MAX_ID, where=where),
        "quantity": _integer(
            raw,
            "quantity",
            where=where,
            low=low,
            high=limits.MAX_QUANTITY,
            required=action in ("ADD", "SET_QUANTITY"),
        ),
        "unitPrice": _number(raw, "unitPrice", where=where),
    }


def _support(raw: dict[str, Any], where: str) -> dict[str, Any]:
    _only(raw, where, {"caseId", "action", "subject", "text", "orderId"})
    return {
        "caseId": _string(raw, "caseId", required=True, limit=MAX_ID, where=where),
        "action": _enum(raw, "action", e.CASE_ACTIONS, required=True, where=where),
        "subject": _string(raw, "subject", limit=MAX_SHORT, where=where),
        "text": _string(raw, "text", limit=MAX_TEXT, where=where),
        "orderId": _string(raw, "orderId", limit=MAX_ID, where=where),
    }


def _consent(raw: dict[str, Any], where: str) -> dict[str, Any]:
    _only(raw, where, {"purpose", "channel", "granted", "documentVersion"})
    granted = raw.get("granted")
    if not isinstance(granted, bool):
        code = "MISSING_FIELD" if granted is None else "INVALID_FIELD"
        raise Rejected(code, f"{where}.granted", "`granted` is true or false")
    return {
        "purpose": _enum(raw, "purpose", e.CONSENT_PURPOSES, required=True, where=where),
        "channel": _enum(raw, "channel", e.CONSENT_CHANNELS, required=True, where=where),
        "granted": granted,
        "documentVersion": _string(raw, "documentVersion", limit=MAX_ID, where=where),
    }


def _loyalty(raw: dict[str, Any], where: str) -> dict[str, Any]:
    _only(raw, where, {"action", "points", "reference"})
    action = _enum(raw, "action", e.LOYALTY_ACTIONS, required=True, where=where)
    points = _integer(
        raw, "points", where=where, low=-limits.MAX_POINTS, high=limits.MAX_POINTS, required=True
    )
    assert points is not None
    if action in ("EARN", "REDEEM") and points <= 0:
        raise Rejected("INVALID_FIELD", f"{where}.points", f"{action} takes a positive number")
    if action == "ADJUST" and points == 0:
        raise Rejected("INVALID_FIELD", f"{where}.points", "an adjustment of 0 changes nothing")
    return {
        "action": action,
        "points": points,
        "reference": _string(raw, "reference", limit=MAX_SHORT, where=where),
    }


_PAYLOADS = {
    "identify": _traits,
    "interaction": _interaction,
    "order": _order,
    "cart": _cart,
    "support": _support,
    "consent": _consent,
    "loyalty": _loyalty,
}


# -- field checks -----------------------------------------------------------------------------


def _path(where: str | None, name: str) -> str:
    return f"{where}.{name}" if where else name


def _given(raw: dict[str, Any], name: str, required: bool, where: str | None) -> Any:
    """The field's value; None when absent, which a required field may not be."""
    value = raw.get(name)
    if value is None and required:
        raise Rejected("MISSING_FIELD", _path(where, name), f"`{name}` is required")
    return value


def _only(raw: dict[str, Any], where: str, allowed: set[str]) -> None:
    for name in sorted(set(raw) - allowed):
        raise Rejected("INVALID_FIELD", f"{where}.{name}", f"`{name}` is not a field of `{where}`")


def _string(
    raw: dict[str, Any], name: str, *, required: bool = False, limit: int = MAX_TEXT,
    where: str | None = None,
) -> str | None:  # fmt: skip
    value = raw.get(name)  # `_given`, inlined: this runs for every string of every event
    if value is None:
        if required:
            raise Rejected("MISSING_FIELD", _path(where, name), f"`{name}` is required")
        return None
    if not isinstance(value, str):
        raise Rejected("INVALID_FIELD", _path(where, name), f"`{name}` must be a string")
    value = value.strip()
    if required and not value:
        raise Rejected("MISSING_FIELD", _path(where, name), f"`{name}` must not be empty")
    if len(value) > limit:
        raise Rejected("INVALID_FIELD", _path(where, name), f"longer than {limit} characters")
    if _CONTROL.search(value):
        raise Rejected("INVALID_FIELD", _path(where, name), "contains control characters")
    return value or None


def _enum(
    raw: dict[str, Any], name: str, values: tuple[str, ...], *, required: bool = False,
    where: str | None = None,
) -> str | None:  # fmt: skip
    value = raw.get(name)
    if value is None:
        if required:
            raise Rejected("MISSING_FIELD", _path(where, name), f"`{name}` is required")
        return None
    if value not in values:
        raise Rejected(
            "INVALID_FIELD", _path(where, name), f"{value!r} is not one of {', '.join(values)}"
        )
    return str(value)


def _integer(
    raw: dict[str, Any], name: str, *, where: str, low: int = -limits.INT_MAX,
    high: int = limits.INT_MAX, required: bool = False,
) -> int | None:  # fmt: skip
    value = _given(raw, name, required, where)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise Rejected("INVALID_FIELD", _path(where, name), f"`{name}` must be a whole number")
    if not low <= value <= high:
        raise Rejected("INVALID_FIELD", _path(where, name), f"`{name}` must be in {low}..{high}")
    return value


def _number(raw: dict[str, Any], name: str, *, where: str, required: bool = False) -> float | None:
    value = _given(raw, name, required, where)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Rejected("INVALID_FIELD", _path(where, name), f"`{name}` must be a number")
    if value != value or not 0 <= value <= limits.MAX_AMOUNT:
        raise Rejected("INVALID_FIELD", _path(where, name),
                       f"`{name}` must be >= 0 and at most {limits.MAX_AMOUNT:.0e}")  # fmt: skip
    return float(value)


def _timestamp(raw: dict[str, Any], name: str) -> datetime:
    value = raw.get(name)
    if value is None:
        raise Rejected("MISSING_FIELD", name, f"`{name}` is required")
    if not isinstance(value, str):
        raise Rejected("INVALID_FIELD", name, "an RFC 3339 timestamp, e.g. 2026-03-01T19:02:11Z")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise Rejected("INVALID_FIELD", name, f"{value!r} is not an RFC 3339 timestamp") from error
    if parsed.tzinfo is None or "T" not in value.upper():
        raise Rejected("INVALID_FIELD", name, "the timestamp needs a date, a time and an offset")
    try:
        instant = parsed.astimezone(UTC)
    except OverflowError as error:  # 9999-12-31T23:59:59-05:00 is in year 10000 in UTC
        raise Rejected("INVALID_FIELD", name, f"{value!r} is out of range") from error
    if not limits.EARLIEST_AT <= instant <= limits.latest_at():
        raise Rejected("INVALID_FIELD", name, f"{value!r} is before 1970 or more than a day "
                       "ahead of now: when it happened, with the sender's clock set right")  # fmt: skip
    return parsed

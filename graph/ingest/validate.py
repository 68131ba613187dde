"""Check and normalise one event object; the first problem found rejects it, naming the field.

Here: the envelope (id, type, time, channel, identifiers, device); each type's object is checked
in `graph/ingest/payloads/`, every field by `graph/ingest/check.py`.

>>> event = parse_event({"eventId": "e1", "type": "identify", "at": "2026-03-02T08:15:00Z",
...     "channel": "WEB", "identifiers": [{"type": "EMAIL", "value": " Ana@Example.com "}],
...     "traits": {"givenName": "Ana"}})
>>> event.identifiers[0].value
'ana@example.com'
>>> parse_event({"eventId": "e2", "type": "nap"}).field
'type'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.identifiers import RULES, InvalidIdentifier, normalize
from graph.ingest import check, limits
from graph.ingest import events as e
from graph.ingest.events import DeviceRef, Event, IdentifierRef, Rejected, Rejection
from graph.ingest.payloads import PAYLOADS, payload_name

DEFAULT_BLOCKED = frozenset(
    {"", "null", "none", "undefined", "anonymous", "unknown", "n/a", "na", "test@test.com"}
)
_ENVELOPE = {"eventId", "type", "at", "channel", "identifiers", "device", "storeId", "source"}
_IDENTIFIER_TYPES = tuple(RULES)


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
    event_id = check.string(raw, "eventId", required=True, limit=check.MAX_ID)
    assert event_id is not None
    kind = check.enum(raw, "type", e.EVENT_TYPES, required=True)
    assert kind is not None
    unknown = set(raw) - _ENVELOPE - {kind if kind != "identify" else "traits"}
    for name in sorted(unknown):
        if name in _payload_names():
            raise Rejected(
                "INVALID_FIELD",
                name,
                f"a `{kind}` event carries `{payload_name(kind)}`, not `{name}`",
            )
        raise Rejected("INVALID_FIELD", name, f"`{name}` is not a field of an event")
    at = check.timestamp(raw, "at")
    channel = check.enum(raw, "channel", e.CHANNELS, required=True)
    assert channel is not None
    store_id = check.string(raw, "storeId", limit=check.MAX_ID)
    if channel in ("STORE", "KIOSK") and store_id is None:
        raise Rejected(
            "MISSING_FIELD", "storeId", f"`storeId` is required on the {channel} channel"
        )
    source = check.string(raw, "source", limit=check.MAX_SHORT)
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
    name = payload_name(kind)
    body = raw.get(name)
    if not isinstance(body, dict):
        raise Rejected("MISSING_FIELD", name, f"a `{kind}` event needs the object `{name}`")
    payload = PAYLOADS[kind](body, name)
    return Event(
        event_id=event_id, type=kind, at=at, channel=channel, identifiers=identifiers,
        payload=payload, device=device, store_id=store_id, source=source, warnings=warnings,
        raw=raw,
    )  # fmt: skip


def _payload_names() -> set[str]:
    return {payload_name(kind) for kind in e.EVENT_TYPES}


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
        kind = check.enum(item, "type", _IDENTIFIER_TYPES, required=True, where=where)
        assert kind is not None
        value = item.get("value")
        if value is not None and not isinstance(value, str):
            raise Rejected("INVALID_FIELD", f"{where}.value", "the value must be a string")
        if value is None or _blocked(kind, value, rules):
            warnings.append(f"{where}: blocked value {value!r} for {kind} was dropped")
            continue
        if len(value) > check.MAX_SHORT:
            raise Rejected(
                "INVALID_FIELD", f"{where}.value", f"longer than {check.MAX_SHORT} characters"
            )
        if check.CONTROL.search(value):
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
    device_id = check.string(raw, "id", required=True, limit=check.MAX_ID, where="device")
    kind = check.enum(raw, "kind", e.DEVICE_KINDS, required=True, where="device")
    assert device_id is not None and kind is not None
    return DeviceRef(
        id=device_id, kind=kind,
        os=check.string(raw, "os", limit=check.MAX_SHORT, where="device"),
        model=check.string(raw, "model", limit=check.MAX_SHORT, where="device"),
        app_version=check.string(raw, "appVersion", limit=check.MAX_SHORT, where="device"),
    )  # fmt: skip

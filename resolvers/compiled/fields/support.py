"""A support case, its messages and the channels it moved through."""

from __future__ import annotations

from graph.driver import Row
from resolvers.compiled.fields.spec import Spec, datetime_prop, prop
from resolvers.principal import Principal


def _case_channels(r: Row, _: Principal) -> list[str]:
    return list(dict.fromkeys(c for c in r["messageChannels"] if c is not None))


FIELDS: dict[tuple[str, str], Spec] = {
    ("SupportCase", "id"): prop("id"),
    ("SupportCase", "status"): prop("status"),
    ("SupportCase", "subject"): prop("subject"),
    ("SupportCase", "openedAt"): datetime_prop("openedAt"),
    ("SupportCase", "updatedAt"): datetime_prop("updatedAt"),
    ("SupportCase", "messages"): Spec(lambda r, _: r["messages"]),
    ("SupportCase", "channels"): Spec(_case_channels),
    ("SupportCase", "order"): Spec(lambda r, _: r["order"]),
    ("CaseMessage", "channel"): prop("channel"),
    ("CaseMessage", "at"): datetime_prop("at"),
    ("CaseMessage", "text"): prop("text"),
    ("CaseMessage", "action"): prop("action"),
}

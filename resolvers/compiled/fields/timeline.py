"""The timeline's entries, masked as the interpreted path masks them."""

from __future__ import annotations

from typing import cast

from graph.cypher.rows import TimelineItemRow
from graph.driver import Row
from resolvers import access
from resolvers.compiled.fields.spec import Spec, datetime_prop, prop, same
from resolvers.principal import Principal
from resolvers.timeline import timeline_summary


def _timeline_interaction(r: Row, viewer: Principal) -> Row | None:
    """Masked as the timeline masks an entry's record (its free text, for some roles)."""
    found = r["interaction"]
    if found is None:
        return None
    entry: Row = {"total": None, "items": [{"data": found}]}
    page = access.timeline_view(viewer.role, entry)
    masked: Row = page["items"][0]["data"]
    return masked


FIELDS: dict[tuple[str, str], Spec] = {
    ("Customer", "timeline"): Spec(same, door="timeline", args="timeline"),
    ("TimelineEntry", "id"): prop("id"),
    ("TimelineEntry", "at"): datetime_prop("at"),
    ("TimelineEntry", "kind"): prop("kind"),
    ("TimelineEntry", "channel"): prop("channel"),
    ("TimelineEntry", "caseId"): prop("caseId"),
    # the compiled read returns the timeline's own entry rows (`rows.TimelineItemRow`)
    ("TimelineEntry", "summary"): Spec(lambda r, _: timeline_summary(cast(TimelineItemRow, r))),
    ("TimelineEntry", "order"): Spec(lambda r, _: r["order"]),
    ("TimelineEntry", "interaction"): Spec(_timeline_interaction),
}

"""The timeline: every fact of the customer, newest first, one page at a time."""

from __future__ import annotations

from graph.compiler.templates.template import ID_KEYS, Sub, Template
from graph.cypher.pages import AFTER

# The timeline: every fact of the customer as rows (node @c, time, kind, channel, case), newest
# first, as graph/cypher/pages.py's `_TIMELINE` reads them.
_TIMELINE_SOURCES = (
    ("-[:PLACED]->", "Order", "placedAt", "ORDER", "channel"),
    ("-[:PERFORMED]->", "Interaction", "at", "INTERACTION", "channel"),
    ("-[:CHANGED_CART]->", "CartChange", "at", "CART", "channel"),
    (
        "-[:OPENED_CASE]->(@c_s:SupportCase)-[:HAS_MESSAGE]->",
        "CaseMessage",
        "at",
        "CASE_MESSAGE",
        "channel",
    ),
    ("-[:GAVE_CONSENT]->", "Consent", "at", "CONSENT", "eventChannel"),
    ("-[:EARNED_OR_SPENT]->", "LoyaltyMove", "at", "LOYALTY", "channel"),
)
_TIMELINE_ROWS = (
    "CALL (@v) { "
    + " UNION ALL ".join(
        f"MATCH (@v){path}(@c_n:{label}) RETURN @c_n AS @c, @c_n.{at} AS @c_at, "
        f"'{kind}' AS @c_kind, @c_n.{channel} AS @c_channel, "
        f"{'@c_s' if kind == 'CASE_MESSAGE' else 'null'} AS @c_case"
        for path, label, at, kind, channel in _TIMELINE_SOURCES
    )
    + " } WITH @c, @c_at, @c_kind, @c_channel, @c_case "
    f"WHERE {AFTER.format(t='@c_at', i='@c.id', at='$@afterAt', id='$@afterId')} "
    "ORDER BY @c_at DESC, @c.id DESC LIMIT $@limit"
)
_TIMELINE_TOTAL = " + ".join(
    "COUNT { (@v)" + path.replace("@c_s", "") + f"(:{label}) }}"
    for path, label, *_ in _TIMELINE_SOURCES
)

TEMPLATES: dict[tuple[str, str], Template] = {
    ("Customer", "timeline"): Template(
        {"timeline": Sub(_TIMELINE_ROWS)}, options={"total": {"timelineTotal": _TIMELINE_TOTAL}}
    ),
    ("TimelineEntry", "id"): Template(ID_KEYS),
    ("TimelineEntry", "at"): Template({"at": "@v_at"}),
    ("TimelineEntry", "kind"): Template({"kind": "@v_kind"}),
    ("TimelineEntry", "channel"): Template({"channel": "@v_channel"}),
    ("TimelineEntry", "caseId"): Template({"caseId": "@v_case.id"}),
    ("TimelineEntry", "summary"): Template(
        {
            "data": "CASE WHEN @v_kind = 'CASE_MESSAGE' "
            "THEN @v {.*, caseId: @v_case.id, subject: @v_case.subject} ELSE @v {.*} END"
        }
    ),
    ("TimelineEntry", "order"): Template(
        {"order": "CASE WHEN @v_kind = 'ORDER' THEN @child END"}, same_node=True
    ),
    ("TimelineEntry", "interaction"): Template(
        {"interaction": "CASE WHEN @v_kind = 'INTERACTION' THEN @child END"}, same_node=True
    ),
}

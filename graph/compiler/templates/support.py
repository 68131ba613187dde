"""A support case, its messages and the channels it moved through."""

from __future__ import annotations

from graph.compiler.templates.template import ID_KEYS, Sub, Template, props

TEMPLATES: dict[tuple[str, str], Template] = {
    ("SupportCase", "id"): Template(ID_KEYS),
    **{("SupportCase", f): props(f) for f in ("status", "subject", "openedAt", "updatedAt")},
    ("SupportCase", "messages"): Template(
        {
            "messages": Sub(
                "MATCH (@v)-[:HAS_MESSAGE]->(@c:CaseMessage) WITH @c ORDER BY @c.at, @c.id"
            )
        }
    ),
    ("SupportCase", "channels"): Template(
        {
            "messageChannels": Sub(
                "MATCH (@v)-[:HAS_MESSAGE]->(@c:CaseMessage) WITH @c ORDER BY @c.at, @c.id",
                "collect(@c.channel)",
            )
        }
    ),
    ("SupportCase", "order"): Template(
        {"order": Sub("MATCH (@v)-[:CONCERNS]->(@c:Order)", "head(collect(@child))")}
    ),
    **{("CaseMessage", f): props(f) for f in ("channel", "at", "text", "action")},
}

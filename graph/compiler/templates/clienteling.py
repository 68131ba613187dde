"""What staff write about a customer: notes and the dates worth remembering."""

from __future__ import annotations

from graph.compiler.templates.template import ID_KEYS, Sub, Template, props

TEMPLATES: dict[tuple[str, str], Template] = {
    ("Customer", "notes"): Template(
        {
            "notes": Sub(
                "MATCH (@v)<-[:MERGED_INTO*0..32]-(@c_p)-[:HAS_NOTE]->(@c:Note) "
                "WITH DISTINCT @c ORDER BY @c.at DESC, @c.id DESC"
            )
        }
    ),
    ("Note", "id"): Template(ID_KEYS),
    **{("Note", f): props(f) for f in ("text", "at", "author")},
    ("Note", "authorRole"): props("role"),
    ("Note", "store"): Template(
        {
            "store": Sub("MATCH (@c:Store {id: @v.storeId})", "head(collect(@child))"),
            "storeId": "@v.storeId",
        }
    ),
    ("Customer", "importantDates"): Template(
        {
            "importantDates": Sub(
                "MATCH (@v)<-[:MERGED_INTO*0..32]-(@c_p)-[:HAS_DATE]->(@c:ImportantDate) "
                "WITH DISTINCT @c ORDER BY @c.date, @c.kind, @c.id"
            ),
            "birthDate": "@v.birthDate",
        }
    ),
    **{("ImportantDate", f): props(f) for f in ("kind", "date")},
    ("ImportantDate", "nextOccurrence"): props("date"),
}

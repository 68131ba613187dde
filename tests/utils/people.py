"""Who the demo data's hand-made people are, as the pipeline names them.

Customer ids follow from the event that created the profile (`events.derived_id`). Ana's profile
is the one her first sign-in, `ex-02` in the app, created: the anonymous cookie profile of `ex-01`
and the loyalty-card profile of `ex-05` were merged into it.
"""

from __future__ import annotations

from graph.ingest.events import derived_id

ANA = derived_id("cus", "ex-02")
RUI = derived_id("cus", "ex-14")  # his first event, on the family tablet

# Queries written as text name them by these values (the ids above, spelled out).
ANA_ID, RUI_ID = "cus-a35f8c06c1c35f4a", "cus-01caf72690b6b648"

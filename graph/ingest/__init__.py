"""Ingestion: channel events (docs/EVENTS.md) in, one resolved customer graph out.

validate.py   JSON object -> `Event` (normalised) or a `Rejection` naming field and reason
resolve.py    identity resolution: which customer an event belongs to, what merges, what
              conflicts (pure Python over a snapshot of the identifiers' owners)
plan.py       a batch played in order over one snapshot: each event's outcome and write row
cypher.py     every statement of the pipeline; `APPLY_EVENTS` writes a whole batch
derived.py    fields derived from a customer's facts (traits in force, points, search text)
carts.py      a customer's carts derived again by `at` when a change or checkout comes late
pipeline.py   one transaction per batch: lock, read, plan, write; results in order
queue.py      the calls of one process written together: next batch prepared while one is
              written, two writers on batches whose identifiers do not meet
unmerge.py    `unmergeCustomer`: undo one merge exactly
importer.py   `omnigraph import FILE`: streaming JSONL in batches with progress and a report
"""

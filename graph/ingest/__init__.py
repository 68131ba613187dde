"""Ingestion: channel events (../shared/contract/EVENTS.md) in, one resolved customer graph out.

validate.py   JSON object -> `Event` (normalised) or a `Rejection` naming field and reason
resolve.py    identity resolution: which customer an event belongs to, what merges, what
              conflicts (pure Python over a snapshot of the identifiers' owners)
cypher.py     every write statement of the pipeline
pipeline.py   one transaction per event: lock, read, resolve, write; results in order
importer.py   `omnigraph import FILE`: streaming JSONL in batches with progress and a report
"""

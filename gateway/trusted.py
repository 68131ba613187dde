"""Trusted documents: with `OMNIGRAPH_TRUSTED_DOCUMENTS` set, only registered operations run.

The setting names a manifest (`{"sha256:<hex>": "<document>", ...}`) written by

    omnigraph documents register queries/ --manifest trusted-documents.json

from a folder of `.graphql` files. Clients then send `{"documentId": "sha256:<hex>",
"variables": ...}` (or Apollo's `extensions.persistedQuery.sha256Hash`), or the full text of a
registered document; anything else is refused before it is parsed.

    >>> document_id("{ me { id } }")
    'sha256:c53d78fa4c9c65a93967d42316fcd207fd611c7cac40a103820a866c3e5dd8f5'
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

REFUSED = (
    "This gateway runs only registered operations: send a registered `documentId` "
    "(see `omnigraph documents register`)"
)


def document_id(document: str) -> str:
    return "sha256:" + hashlib.sha256(document.encode()).hexdigest()


def register_folder(folder: Path, manifest: Path) -> dict[str, str]:
    """Add every `.graphql` file under `folder` to `manifest` (created if needed)."""
    documents: dict[str, str] = json.loads(manifest.read_text()) if manifest.exists() else {}
    for path in sorted(folder.rglob("*.graphql")):
        text = path.read_text()
        documents[document_id(text)] = text
    manifest.write_text(json.dumps(documents, indent=2, sort_keys=True) + "\n")
    return documents


class TrustedDocuments:
    def __init__(self, documents: dict[str, str]) -> None:
        self.documents = documents
        self._known_texts = set(documents.values())

    @classmethod
    def load(cls, manifest: Path) -> TrustedDocuments:
        return cls(json.loads(manifest.read_text()))

    def resolve(self, body: bytes) -> bytes | None:
        """The request body with its registered document in `query`, or None when refused."""
        try:
            payload: Any = json.loads(body)
        except ValueError:
            return None
        if not isinstance(payload, dict):
            return None
        wanted = payload.pop("documentId", None)
        persisted = (payload.get("extensions") or {}).get("persistedQuery") or {}
        if wanted is None and isinstance(persisted, dict) and persisted.get("sha256Hash"):
            wanted = f"sha256:{persisted['sha256Hash']}"
        if isinstance(wanted, str):
            document = self.documents.get(wanted)
            if document is None:
                return None
            payload["query"] = document
            return json.dumps(payload).encode()
        query = payload.get("query")
        if isinstance(query, str) and query in self._known_texts:
            return body
        return None

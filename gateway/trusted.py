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

    def resolve(self, params: dict[str, Any]) -> dict[str, Any] | None:
        """The request's parameters with its registered document in `query`, or None when
        refused: by `documentId`, Apollo's `extensions.persistedQuery.sha256Hash`, or the exact
        text of a registered document."""
        params = dict(params)
        wanted = params.pop("documentId", None)
        persisted = (params.get("extensions") or {}).get("persistedQuery") or {}
        if wanted is None and isinstance(persisted, dict) and persisted.get("sha256Hash"):
            wanted = f"sha256:{persisted['sha256Hash']}"
        if isinstance(wanted, str):
            document = self.documents.get(wanted)
            if document is None:
                return None
            return {**params, "query": document}
        query = params.get("query")
        if isinstance(query, str) and query in self._known_texts:
            return params
        return None

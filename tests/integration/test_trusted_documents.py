"""With trusted documents on, only registered operations run: by id, or by their exact text."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from neo4j import AsyncDriver

from gateway.settings import Settings
from gateway.trusted import document_id, register_folder
from tests.utils.graphql import GraphQLClient

LOOKUP = 'query Ana { customer(id: "cus-a35f8c06c1c35f4a") { givenName } }\n'
PRODUCT = "query Product($sku: String!) { product(sku: $sku) { name } }\n"


async def test_only_registered_operations_run(
    demo_graph: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "operations"
    (folder / "catalog").mkdir(parents=True)
    (folder / "ana.graphql").write_text(LOOKUP)
    (folder / "catalog" / "product.graphql").write_text(PRODUCT)
    manifest = tmp_path / "trusted.json"
    assert set(register_folder(folder, manifest)) == {document_id(LOOKUP), document_id(PRODUCT)}

    client = GraphQLClient(demo_graph, dataclasses.replace(settings, trusted_documents=manifest))
    async with client.http() as http:
        by_id = await http.post(
            "/graphql",
            json={"documentId": document_id(PRODUCT), "variables": {"sku": "JKT-100"}},
        )
        apollo = await http.post(
            "/graphql",
            json={"extensions": {"persistedQuery": {"version": 1,
                                                    "sha256Hash": document_id(LOOKUP)[7:]}}},
        )  # fmt: skip
        by_text = await http.post("/graphql", json={"query": LOOKUP})
        adhoc = await http.post(
            "/graphql", json={"query": '{ customer(id: "cus-a35f8c06c1c35f4a") { id } }'}
        )
        unknown = await http.post("/graphql", json={"documentId": "sha256:" + "0" * 64})
        # Apollo's useGETForHashedQueries, the usual CDN set-up: the hash in a GET
        hash_by_get = await http.get(
            "/graphql",
            params={"extensions": json.dumps({"persistedQuery": {"version": 1,
                                                                 "sha256Hash": document_id(LOOKUP)[7:]}})},
        )  # fmt: skip
        id_by_get = await http.get(
            "/graphql",
            params={"documentId": document_id(PRODUCT), "variables": '{"sku": "JKT-100"}'},
        )
        text_by_get = await http.get("/graphql", params={"query": LOOKUP})
        adhoc_by_get = await http.get(
            "/graphql", params={"query": '{ customer(id: "cus-a35f8c06c1c35f4a") { id } }'}
        )
    assert by_id.json() == {"data": {"product": {"name": "Rain jacket"}}}
    assert apollo.json() == {"data": {"customer": {"givenName": "Ana"}}}
    assert by_text.json() == {"data": {"customer": {"givenName": "Ana"}}}
    assert hash_by_get.json() == {"data": {"customer": {"givenName": "Ana"}}}
    assert id_by_get.json() == {"data": {"product": {"name": "Rain jacket"}}}
    assert text_by_get.json() == {"data": {"customer": {"givenName": "Ana"}}}
    for refused in (adhoc, unknown, adhoc_by_get):
        assert refused.status_code == 403
        assert refused.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert "registered" in refused.json()["errors"][0]["message"]

"""One relationship per customer and identifier, whatever merges and unmerges happened.

A merge used to move the merged profile's `HAS_IDENTIFIER` relationships to the survivor next to
the survivor's own, so a customer could hold one identifier twice (the 10k benchmark set held
19,138 such pairs). Now the survivor holds one relationship per identifier with the evidence of
both; the merged profile keeps its own, which an unmerge gives back as it was.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from neo4j import AsyncDriver

from tests.utils.graphql import GraphQLClient
from tests.utils.people import ANA, RUI

INGEST = """mutation($events: [EventInput!]!) { ingestEvents(events: $events) {
    eventId status customerId mergedCustomerIds error { code message } } }"""

UNMERGE = """mutation($id: ID!) { unmergeCustomer(mergeId: $id) { id } }"""

EVIDENCE = """query($id: ID!) { customer(id: $id) {
  identity { identifiers { type value firstSeen lastSeen channels sources } } } }"""

TWICE = """
MATCH (holder)-[r:HAS_IDENTIFIER]->(i:Identifier)
WITH holder, i, count(r) AS links WHERE links > 1
RETURN holder.id + ' ' + i.type + ':' + i.value + ' x' + toString(links) AS pair
"""

UNDOABLE = """
MATCH (m:Merge) WHERE m.undoneAt IS NULL
  AND EXISTS { (:MergedCustomer {id: m.mergedId})-[:MERGED_INTO]->(:Customer {id: m.survivorId}) }
RETURN m.id AS id ORDER BY id
"""

CHANNELS = ("WEB", "MOBILE_APP", "STORE", "EMAIL")
SOURCES = ("shop", "app-backend", "pos-sync", None)


def _journeys(rng: random.Random, events: int) -> list[dict[str, Any]]:
    """Four people, each met by e-mail, phone, two cookies and a device, in random subsets (and
    an occasional cookie lent to someone else): profiles start apart and are stitched later."""
    people = []
    for n in range(4):
        people.append(
            [
                {"type": "EMAIL", "value": f"person{n}@example.com"},
                {"type": "PHONE", "value": f"+35191234{n:04d}"},
                {"type": "COOKIE_ID", "value": f"ck-{n}-a"},
                {"type": "COOKIE_ID", "value": f"ck-{n}-b"},
                {"type": "DEVICE_ID", "value": f"dev-{n}"},
            ]
        )
    out = []
    for k in range(events):
        own = rng.choice(people)
        pool = own + ([rng.choice(rng.choice(people)[2:])] if rng.random() < 0.1 else [])
        ids = rng.sample(pool, rng.choice((1, 1, 2, 2, 3)))
        raw: dict[str, Any] = {
            "eventId": f"ev-{k:03d}",
            "type": "interaction",
            "at": f"2026-03-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00Z",
            "channel": rng.choice(CHANNELS),
            "identifiers": ids,
            "interaction": {"kind": "PAGE_VIEW"},
        }
        source = rng.choice(SOURCES)
        if source is not None:
            raw["source"] = source
        out.append(raw)
    return out


async def _pairs_held_twice(driver: AsyncDriver, database: str) -> list[str]:
    records, _, _ = await driver.execute_query(TWICE, database_=database)
    return [record["pair"] for record in records]


@pytest.mark.parametrize("seed", range(6))
async def test_no_customer_holds_an_identifier_twice_after_merges_and_unmerges(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str, seed: int
) -> None:
    rng = random.Random(seed)
    events = _journeys(rng, 60)
    merges = unmerges = 0
    while events:
        size = rng.randint(1, 6)
        batch, events = events[:size], events[size:]
        results = (await client.data(INGEST, {"events": batch}))["ingestEvents"]
        assert all(r["status"] in ("APPLIED", "REJECTED") for r in results), results
        merges += sum(len(r["mergedCustomerIds"] or []) for r in results)
        if rng.random() < 0.35:
            records, _, _ = await empty_graph.execute_query(UNDOABLE, database_=database)
            if records:
                await client.data(UNMERGE, {"id": rng.choice(records)["id"]})
                unmerges += 1
        assert await _pairs_held_twice(empty_graph, database) == [], (merges, unmerges)
    assert merges >= 3 and unmerges >= 1, "the scenario must merge and unmerge"


async def test_a_merge_combines_the_evidence_and_an_unmerge_splits_it_again(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    """The visitor's cookie, seen on the web, then by Ana's app when she logs in on it."""
    cookie = {"type": "COOKIE_ID", "value": "ck-7f3a"}
    email = {"type": "EMAIL", "value": "ana.lima@example.com"}

    def visit(event_id: str, day: int, channel: str, source: str, *ids: Any) -> Any:
        return {
            "eventId": event_id, "type": "interaction", "at": f"2026-03-{day:02d}T10:00:00Z",
            "channel": channel, "source": source, "identifiers": list(ids),
            "interaction": {"kind": "PAGE_VIEW"},
        }  # fmt: skip

    async def send(*events: Any) -> list[dict[str, Any]]:
        out = []
        for raw in events:
            (result,) = (await client.data(INGEST, {"events": [raw]}))["ingestEvents"]
            assert result["status"] == "APPLIED", result
            out.append(result)
        return out

    async def evidence(customer_id: str) -> dict[str, Any]:
        data = await client.data(EVIDENCE, {"id": customer_id})
        return {i["type"]: i for i in data["customer"]["identity"]["identifiers"]}

    (visitor,) = await send(visit("web-1", 1, "WEB", "shop", cookie))
    before = await evidence(visitor["customerId"])
    await send(visit("app-0", 2, "MOBILE_APP", "app-backend", email))
    (ana,) = await send(visit("app-1", 3, "MOBILE_APP", "app-backend", email, cookie))
    await send(visit("app-2", 5, "MOBILE_APP", "app-backend", cookie, email))
    # Ana logged in on the visitor's cookie: the visitor was merged into Ana
    assert ana["mergedCustomerIds"] == [visitor["customerId"]]
    survivor = await evidence(ana["customerId"])
    assert survivor["COOKIE_ID"]["firstSeen"].startswith("2026-03-01")
    assert survivor["COOKIE_ID"]["lastSeen"].startswith("2026-03-05")
    assert survivor["COOKIE_ID"]["channels"] == ["MOBILE_APP", "WEB"]
    assert survivor["COOKIE_ID"]["sources"] == ["app-backend", "shop"]
    assert await _pairs_held_twice(empty_graph, database) == []

    records, _, _ = await empty_graph.execute_query(UNDOABLE, database_=database)
    await client.data(UNMERGE, {"id": records[0]["id"]})
    assert await evidence(visitor["customerId"]) == before
    assert await _pairs_held_twice(empty_graph, database) == []


# -- migration 8: the duplicates an older version wrote ------------------------------------------

# What the old merge left: the visitor's cookie moved to Ana (`viaMerges`) next to Ana's own.
OLD_MERGE = """
CREATE (ana:Customer {id: 'cus-ana', anonymous: false, firstSeen: datetime('2026-03-01T10:00Z'),
                      lastSeen: datetime('2026-03-05T10:00Z')})
CREATE (visitor:MergedCustomer {id: 'cus-visitor', mergedInto: 'cus-ana'})
CREATE (visitor)-[:MERGED_INTO {mergeId: 'merge-1'}]->(ana)
CREATE (ana)-[:ABSORBED]->(:Merge {id: 'merge-1', at: datetime('2026-03-03T10:00Z'),
       eventId: 'app-1', survivorId: 'cus-ana', mergedId: 'cus-visitor', linkedBy: ['COOKIE_ID:ck-1']})
CREATE (cookie:Identifier {type: 'COOKIE_ID', value: 'ck-1'})
CREATE (email:Identifier {type: 'EMAIL', value: 'ana@example.com'})
CREATE (ana)-[:HAS_IDENTIFIER {firstSeen: datetime('2026-03-01T10:00Z'),
       lastSeen: datetime('2026-03-01T10:00Z'), channels: ['WEB'], sources: ['shop'],
       eventId: 'web-1', viaMerges: ['merge-1']}]->(cookie)
CREATE (ana)-[:HAS_IDENTIFIER {firstSeen: datetime('2026-03-03T10:00Z'),
       lastSeen: datetime('2026-03-05T10:00Z'), channels: ['MOBILE_APP'], sources: ['app'],
       eventId: 'app-1'}]->(cookie)
CREATE (ana)-[:HAS_IDENTIFIER {firstSeen: datetime('2026-03-02T10:00Z'),
       lastSeen: datetime('2026-03-05T10:00Z'), channels: ['MOBILE_APP'], sources: ['app'],
       eventId: 'app-0'}]->(email)
"""

LINKS = """
MATCH (holder)-[r:HAS_IDENTIFIER]->(i:Identifier)
RETURN holder.id AS holder, i.value AS value, toString(r.firstSeen) AS firstSeen,
       toString(r.lastSeen) AS lastSeen, r.channels AS channels, r.sources AS sources,
       r.eventId AS eventId
ORDER BY holder, value
"""


async def test_migration_8_combines_the_duplicates_and_keeps_the_merge_undoable(
    client: GraphQLClient, empty_graph: AsyncDriver, database: str
) -> None:
    from graph.migrations import MIGRATIONS, migrate

    await empty_graph.execute_query(OLD_MERGE, database_=database)
    for _ in range(2):  # idempotent: a second run changes nothing
        await empty_graph.execute_query(
            "MATCH (m:Meta {name: 'schema'}) SET m.version = 7", database_=database
        )
        assert [m.version for m in await migrate(empty_graph, database)] == [8]
        assert MIGRATIONS[-1].version == 8
        records, _, _ = await empty_graph.execute_query(LINKS, database_=database)
        assert [r.data() for r in records] == [
            {"holder": "cus-ana", "value": "ana@example.com",
             "firstSeen": "2026-03-02T10:00:00Z", "lastSeen": "2026-03-05T10:00:00Z",
             "channels": ["MOBILE_APP"], "sources": ["app"], "eventId": "app-0"},
            {"holder": "cus-ana", "value": "ck-1",
             "firstSeen": "2026-03-01T10:00:00Z", "lastSeen": "2026-03-05T10:00:00Z",
             "channels": ["MOBILE_APP", "WEB"], "sources": ["app", "shop"], "eventId": "web-1"},
            {"holder": "cus-visitor", "value": "ck-1",
             "firstSeen": "2026-03-01T10:00:00Z", "lastSeen": "2026-03-01T10:00:00Z",
             "channels": ["WEB"], "sources": ["shop"], "eventId": "web-1"},
        ]  # fmt: skip
    evidence = await client.data(EVIDENCE, {"id": "cus-ana"})
    cookie = next(
        i for i in evidence["customer"]["identity"]["identifiers"] if i["value"] == "ck-1"
    )
    assert (cookie["channels"], cookie["sources"]) == (["MOBILE_APP", "WEB"], ["app", "shop"])

    # the old merge can still be undone: Ana keeps her own evidence, the visitor hers
    await client.data(UNMERGE, {"id": "merge-1"})
    records, _, _ = await empty_graph.execute_query(LINKS, database_=database)
    ana_cookie = [r.data() for r in records if r["holder"] == "cus-ana" and r["value"] == "ck-1"]
    assert ana_cookie == [
        {"holder": "cus-ana", "value": "ck-1",
         "firstSeen": "2026-03-03T10:00:00Z", "lastSeen": "2026-03-05T10:00:00Z",
         "channels": ["MOBILE_APP"], "sources": ["app"], "eventId": "app-1"},
    ]  # fmt: skip
    assert await _pairs_held_twice(empty_graph, database) == []


# -- sources: the sending systems that reported an identifier ------------------------------------


async def test_the_demo_shows_which_systems_reported_each_identifier(
    graphql: GraphQLClient,
) -> None:
    """Every demo event names the channel system that sent it: Ana, Rui and the first generated
    people show a source for each of their identifiers, Ana's phone the call centre's and the
    store's."""
    records, _, _ = await graphql.driver.execute_query(
        "MATCH (c:Customer) WHERE NOT c.id IN $hand RETURN c.id AS id ORDER BY id LIMIT 8",
        hand=[ANA, RUI],
    )
    assert len(records) == 8
    for customer_id in [ANA, RUI, *(record["id"] for record in records)]:
        data = await graphql.data(EVIDENCE, {"id": customer_id})
        identifiers = data["customer"]["identity"]["identifiers"]
        assert identifiers and all(i["sources"] for i in identifiers), identifiers
    ana = (await graphql.data(EVIDENCE, {"id": ANA}))["customer"]["identity"]["identifiers"]
    phone = next(i for i in ana if i["type"] == "PHONE")
    assert phone["sources"] == ["genesys", "pos"]

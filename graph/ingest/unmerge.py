"""`unmergeCustomer`: undo one recorded merge, exactly.

What the merge moved (identifiers, events, orders, carts, cases...) goes back to the restored
profile; whatever reached the survivor after the merge stays with the survivor, except a person
identifier the merged profile brought: it goes back alone (rule 1, EVENTS.md rule 4).
"""

from __future__ import annotations

from neo4j import AsyncDriver, AsyncManagedTransaction

from graph.identifiers import RULES, IdentifierClass
from graph.ingest import cypher_merges as q
from graph.ingest.derived import refresh_customers, settle_ledgers
from graph.ingest.evidence import UNDO_EVIDENCE

_PERSON_TYPES = sorted(kind for kind, rule in RULES.items() if rule.klass is IdentifierClass.PERSON)


class UnmergeError(Exception):
    """The merge cannot be undone; `code` is NOT_FOUND or BAD_USER_INPUT."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


async def unmerge(driver: AsyncDriver, database: str, merge_id: str) -> str:
    """Undo one recorded merge; returns the id of the profile brought back."""

    async def work(tx: AsyncManagedTransaction) -> str:
        found = await (await tx.run(q.FIND_MERGE, mergeId=merge_id)).single()
        if found is None:
            raise UnmergeError("NOT_FOUND", f"there is no merge {merge_id!r}")
        merge, survivor_live = found["merge"], found["survivorLive"]
        if merge.get("undoneAt") is not None:
            raise UnmergeError("BAD_USER_INPUT", f"merge {merge_id} was already undone")
        if not survivor_live:
            raise UnmergeError(
                "BAD_USER_INPUT",
                f"customer {merge['survivorId']} was itself merged since: undo that merge first",
            )
        params = {
            "mergeId": merge_id,
            "survivorId": merge["survivorId"],
            "mergedId": merge["mergedId"],
            "personTypes": _PERSON_TYPES,
        }
        for statement in (q.LOCK_SURVIVOR, q.UNDO_MERGE, q.RESTORE_FACTS, UNDO_EVIDENCE,
                          q.UNFOLD_CART, q.RETURN_PERSON_IDENTIFIERS):  # fmt: skip
            await (await tx.run(statement, params)).consume()
        # two ledgers again: each is settled by `at` on its own moves
        await settle_ledgers(tx, [merge["survivorId"], merge["mergedId"]])
        await refresh_customers(tx, [merge["survivorId"], merge["mergedId"]], times=True)
        return str(merge["mergedId"])

    async with driver.session(database=database) as session:
        return await session.execute_write(work)

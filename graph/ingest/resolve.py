"""Identity resolution (EVENTS.md, "Identity resolution"): pure decisions over a snapshot.

The pipeline locks the event's identifiers, reads who owns them (`Owner`) and what those customers
already hold (`Holdings`), and asks `resolve` what to do. Nothing here touches Neo4j, so every rule
is a plain function of its inputs, tested in `tests/unit/test_resolve.py`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from graph.identifiers import RULES, IdentifierClass
from graph.ingest.events import IdentifierRef

# Which identifier decides where an event goes when merge protection forbids a merge.
PRIORITY = ("CUSTOMER_ID", "LOYALTY_ID", "EMAIL", "PHONE", "SOCIAL_HANDLE")
_UNIQUE = ("CUSTOMER_ID", "LOYALTY_ID")


def is_person(ref: IdentifierRef) -> bool:
    return RULES[ref.type].klass is IdentifierClass.PERSON


@dataclass(frozen=True)
class Owner:
    """A live customer linked to one of the event's identifiers."""

    customer_id: str
    identifier: IdentifierRef
    anonymous: bool
    first_seen: datetime


@dataclass
class Holdings:
    """What one customer holds: identifier keys, counted per type."""

    keys: set[str] = field(default_factory=set)

    def count(self, kind: str) -> int:
        prefix = kind + ":"
        return sum(1 for key in self.keys if key.startswith(prefix))

    def values(self, kind: str) -> set[str]:
        return {key.split(":", 1)[1] for key in self.keys if key.split(":", 1)[0] == kind}


@dataclass(frozen=True)
class MergeStep:
    merged_id: str
    linked_by: tuple[IdentifierRef, ...]


@dataclass(frozen=True)
class ConflictNote:
    reason: str
    customer_ids: tuple[str, ...]
    identifiers: tuple[IdentifierRef, ...]


@dataclass
class Decision:
    """Where the event goes (`target`, or a new profile when None) and what changes on the way."""

    target: str | None
    merges: list[MergeStep] = field(default_factory=list)
    attach: list[IdentifierRef] = field(default_factory=list)
    conflict: ConflictNote | None = None
    warnings: list[str] = field(default_factory=list)


def resolve(
    identifiers: Sequence[IdentifierRef],
    owners: Iterable[Owner],
    holdings: dict[str, Holdings],
) -> Decision:
    owners = list(owners)
    first_seen = {o.customer_id: (o.first_seen, o.customer_id) for o in owners}
    anonymous = {o.customer_id for o in owners if o.anonymous}

    def earliest(ids: Iterable[str]) -> list[str]:
        return sorted(set(ids), key=lambda cid: first_seen[cid])

    person_owners = earliest(o.customer_id for o in owners if is_person(o.identifier))
    shared_anonymous = earliest(
        o.customer_id for o in owners if not is_person(o.identifier) and o.customer_id in anonymous
    )
    shared_known = earliest(
        o.customer_id
        for o in owners
        if not is_person(o.identifier) and o.customer_id not in anonymous
    )

    conflict = None
    if not person_owners:
        if shared_anonymous:
            target: str | None = shared_anonymous[0]
            to_merge = shared_anonymous[1:]
        elif len(shared_known) == 1 and _can_take(shared_known[0], identifiers, holdings):
            target, to_merge = shared_known[0], []
        else:
            target, to_merge = None, []
    elif len(person_owners) == 1:
        target, to_merge = person_owners[0], shared_anonymous
    else:
        conflict = _protection(person_owners, identifiers, holdings)
        if conflict is None:
            target = person_owners[0]
            to_merge = person_owners[1:] + [c for c in shared_anonymous if c not in person_owners]
        else:
            target = _by_priority(identifiers, owners)
            to_merge = []

    decision = Decision(target=target, conflict=conflict)
    for merged in to_merge:
        if merged == target:
            continue
        linked = tuple(o.identifier for o in owners if o.customer_id == merged)
        decision.merges.append(MergeStep(merged, linked))
    _attach(decision, identifiers, owners, holdings)
    return decision


def _can_take(
    customer: str, identifiers: Sequence[IdentifierRef], holdings: dict[str, Holdings]
) -> bool:
    """Whether a customer reached through a shared device can take every person identifier of
    the event: a second CUSTOMER_ID or LOYALTY_ID, or one past a type's limit, says the event is
    someone else's (another person on the family tablet), never an identifier to drop."""
    held = Holdings(set(holdings.get(customer, Holdings()).keys))
    for ref in identifiers:
        if not is_person(ref) or ref.key in held.keys:
            continue
        if held.count(ref.type) >= RULES[ref.type].limit:
            return False
        held.keys.add(ref.key)
    return True


def _protection(
    customers: list[str], identifiers: Sequence[IdentifierRef], holdings: dict[str, Holdings]
) -> ConflictNote | None:
    union = Holdings()
    for customer in customers:
        union.keys |= holdings.get(customer, Holdings()).keys
    for kind in _UNIQUE:
        values = union.values(kind)
        if len(values) > 1:
            return ConflictNote(
                f"merging would give one customer {len(values)} different {kind}s",
                tuple(customers),
                tuple(identifiers),
            )
    for kind, rule in RULES.items():
        if union.count(kind) > rule.limit:
            return ConflictNote(
                f"merging would give one customer {union.count(kind)} {kind}s "
                f"(at most {rule.limit})",
                tuple(customers),
                tuple(identifiers),
            )
    return None


def _by_priority(identifiers: Sequence[IdentifierRef], owners: list[Owner]) -> str:
    owner_of = {o.identifier.key: o.customer_id for o in owners if is_person(o.identifier)}
    ranked = sorted(
        (ref for ref in identifiers if ref.key in owner_of),
        key=lambda ref: PRIORITY.index(ref.type) if ref.type in PRIORITY else len(PRIORITY),
    )
    return owner_of[ranked[0].key]


def _attach(
    decision: Decision,
    identifiers: Sequence[IdentifierRef],
    owners: list[Owner],
    holdings: dict[str, Holdings],
) -> None:
    """New identifiers go to the target unless another customer owns them or a limit is hit."""
    joined = {decision.target, *(m.merged_id for m in decision.merges)} - {None}
    held: set[str] = set()
    for customer in joined:
        held |= holdings.get(str(customer), Holdings()).keys
    counts = Counter(key.split(":", 1)[0] for key in held)
    person_owner = {o.identifier.key: o.customer_id for o in owners if is_person(o.identifier)}
    for ref in identifiers:
        if ref.key in held:
            continue  # already the target's (or comes with a merged profile)
        other = person_owner.get(ref.key)
        if other is not None and other not in joined:
            decision.warnings.append(
                f"{ref.type} {ref.value} belongs to another customer and was not attached"
            )
            continue
        limit = RULES[ref.type].limit
        if counts[ref.type] >= limit:
            decision.warnings.append(
                f"{ref.type} {ref.value} was not attached: the customer already has "
                f"{limit} {ref.type} identifier{'s' if limit > 1 else ''}"
            )
            continue
        held.add(ref.key)
        counts[ref.type] += 1
        decision.attach.append(ref)

"""The contracts in docs/ are complete and in step with the code: every root field is in API.md,
every value an event may carry is in EVENTS.md, and examples.jsonl is the journey the seed and
the tests replay. The README only links what a clone has."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graph.seed.events import EXAMPLE_EVENTS
from schema import sdl

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
EVENT_ENUMS = [
    "Channel", "IdentifierType", "DeviceKind", "OrderStatus", "Fulfillment", "InteractionKind",
    "ConsentPurpose", "ConsentChannel", "CartAction", "CaseAction", "LoyaltyAction", "EventType",
]  # fmt: skip


def _block(kind: str, name: str) -> list[str]:
    text = re.sub(r'"""(.*?)"""', "", sdl(), flags=re.DOTALL)  # descriptions
    text = re.sub(r'^\s*".*"$', "", text, flags=re.MULTILINE)
    found = re.search(rf"^{kind} {name}\b[^{{]*\{{(.*?)\n\}}", text, re.DOTALL | re.MULTILINE)
    assert found, name
    return re.findall(r"^  (\w+)\s*[(:\n]", found.group(1) + "\n", re.MULTILINE)


def test_examples_jsonl_is_the_journey_the_code_replays() -> None:
    lines = (DOCS / "examples.jsonl").read_text().splitlines()
    assert [json.loads(line) for line in lines] == list(EXAMPLE_EVENTS)


@pytest.mark.parametrize("root", ["Query", "Mutation", "Subscription"])
def test_api_md_names_every_root_field(root: str) -> None:
    api = (DOCS / "API.md").read_text()
    missing = [field for field in _block("type", root) if f"`{field}" not in api]
    assert missing == []


@pytest.mark.parametrize("enum", EVENT_ENUMS)
def test_events_md_lists_every_value_an_event_may_carry(enum: str) -> None:
    events = (DOCS / "EVENTS.md").read_text()
    missing = [value for value in _block("enum", enum) if f"`{value}`" not in events]
    assert missing == []


def test_the_readme_links_only_what_a_clone_has() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "../shared" not in readme
    for target in re.findall(r"\]\(([^)#:]+)\)", readme):
        assert (ROOT / target).exists(), target

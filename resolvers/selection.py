"""What the request asks of the field being resolved: lets a resolver skip work nobody reads."""

from __future__ import annotations

from collections.abc import Iterable

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from resolvers.context import Info


def asks_for(info: Info, name: str) -> bool:
    """True when the current field's selection names `name` directly, in a fragment spread or in
    an inline fragment (an alias still counts: it is the field's name that matters)."""
    return any(_names(field.selections, name) for field in info.selected_fields)


def _names(selections: Iterable[Selection], name: str) -> bool:
    for selection in selections:
        if isinstance(selection, SelectedField):
            if selection.name == name:
                return True
        elif isinstance(selection, (FragmentSpread, InlineFragment)) and _names(
            selection.selections, name
        ):
            return True
    return False

"""Imports run one way (../STYLE.md): gateway -> schema -> resolvers -> graph, never back up.

`schema/` holds the public contract only: it reaches the graph through `resolvers/`, so it knows
no storage name and imports nothing from `graph/`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# what each layer may not import (its own name is always fine)
FORBIDDEN = {
    "graph": ("resolvers", "schema", "gateway"),
    "resolvers": ("schema", "gateway"),
    "schema": ("graph", "gateway"),
}


def _imports(path: Path) -> set[str]:
    """The top-level packages a module imports, wherever the import stands (even in a function)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_import_runs_back_up(layer: str) -> None:
    wrong = {
        str(path.relative_to(ROOT)): sorted(_imports(path) & set(FORBIDDEN[layer]))
        for path in sorted((ROOT / layer).rglob("*.py"))
    }
    assert {module: names for module, names in wrong.items() if names} == {}


def test_the_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    module = tmp_path / "late.py"
    module.write_text("def f():\n    from graph.cypher import customers\n")
    assert _imports(module) == {"graph"}

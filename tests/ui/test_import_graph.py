"""The screen room's modules import one another one way: the app opens the screens and the
palette, and none of them imports the app back (they are handed what they need, or type
`self.app` through a Protocol). Imports inside functions and under TYPE_CHECKING count too."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "tabletop" / "ui"


def module_name(path: Path) -> str:
    parts = path.relative_to(UI.parents[1]).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def ui_imports(path: Path, known: set[str]) -> set[str]:
    """The `tabletop.ui` modules the file imports, wherever in the file the import is."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name in known}


def import_graph() -> dict[str, set[str]]:
    paths = sorted(UI.rglob("*.py"))
    known = {module_name(p) for p in paths}
    return {module_name(p): ui_imports(p, known) - {module_name(p)} for p in paths}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle, each as the path from a module back to itself."""
    found: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        for target in sorted(graph.get(module, ())):
            if target == path[0]:
                found.append([*path, target])
            elif target not in path and target > path[0]:  # each circle once, from its least
                visit(target, [*path, target])

    for start in sorted(graph):
        visit(start, [start])
    return found


def test_no_module_of_the_screen_room_imports_another_back() -> None:
    assert circles(import_graph()) == []


def test_no_screen_widget_or_palette_module_imports_the_app() -> None:
    importers = sorted(m for m, targets in import_graph().items() if "tabletop.ui.app" in targets)
    assert importers == ["tabletop.ui.factory"]  # which builds it


def test_a_circle_through_a_function_level_import_is_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c", "a"]]

"""Reading the package's imports: every `tabletop` module each file imports (inside functions
and under TYPE_CHECKING too), the graph of modules they make, and its circles. The house's
import tests read the package through these."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tabletop"


def imports_of(path: Path) -> list[tuple[int, str]]:
    """Every `tabletop.…` name the file imports, with its line: each module, and each name
    imported from one (which may itself be a module)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            # `from tabletop.ui import app` imports the module tabletop.ui.app.
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name.startswith("tabletop.")]


def module_graph() -> dict[str, set[str]]:
    """Each module of the package to the package's modules it imports (anywhere in it)."""
    paths = {".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(
        ".__init__"): p for p in sorted(PACKAGE.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for module, path in paths.items():
        targets = set()
        for _, name in imports_of(path):
            # `from tabletop.a import b` names module tabletop.a.b when there is one.
            while name not in paths and "." in name:
                name = name.rsplit(".", 1)[0]
            if name in paths and name != module:
                targets.add(name)
        graph[module] = targets
    return graph


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The graph's strongly connected parts of more than one module (Tarjan's algorithm),
    each sorted; a package's `__init__` re-exporting its own modules is no circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in graph.get(module, ()):
            if target.startswith(module + "."):
                continue  # a package importing its own module
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            part = []
            while True:
                top = stack.pop()
                part.append(top)
                if top == module:
                    break
            if len(part) > 1:
                circles.append(sorted(part))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return circles

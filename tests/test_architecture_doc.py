"""docs/architecture.md stays true: every dotted name it quotes (`replay.take_step`,
`Exercise.update`, `ui/room/controls.Presenter`) and every file it names resolves in the
package as it is."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from functools import cache
from pathlib import Path
from types import ModuleType

import tabletop

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "architecture.md"
FILE_SUFFIXES = (".py", ".css", ".tcss", ".md", ".json", ".yaml")


@cache
def modules() -> dict[str, ModuleType]:
    """Every module of the package by its dotted name (its `tabletop.` dropped)."""
    found = {}
    for info in pkgutil.walk_packages(tabletop.__path__, "tabletop."):
        if not info.name.endswith("__main__"):  # it runs the command line when imported
            found[info.name.removeprefix("tabletop.")] = importlib.import_module(info.name)
    return found


def quoted_names(text: str) -> list[str]:
    """Backticked single tokens with a dot or a slash, their call parentheses dropped."""
    tokens = re.findall(r"`([^`\s]+)`", text)
    return [re.sub(r"\(.*\)$", "", token) for token in tokens if "." in token or "/" in token]


def resolves(name: str) -> bool:
    """A file that exists, or a module (by any dotted tail of its name) and attributes on it,
    or a class or function of some module and attributes on it."""
    if name.endswith("/"):  # a folder of the package
        return any(path.is_dir() for path in (ROOT / "tabletop").rglob(name.rstrip("/")))
    if name.endswith(FILE_SUFFIXES) or "*" in name:
        return any(ROOT.glob(name)) or any((ROOT / "tabletop").rglob(name))
    parts = name.replace("/", ".").split(".")
    for split in range(len(parts), 0, -1):
        head, rest = ".".join(parts[:split]), parts[split:]
        if any(_has(module, rest) for module_name, module in modules().items()
               if module_name == head or module_name.endswith("." + head)):
            return True
    return any(_has(module, parts) for module in modules().values())


def _has(owner: object, attributes: list[str]) -> bool:
    for attribute in attributes:
        if not hasattr(owner, attribute):
            # An attribute an instance sets is as far as the name can be followed.
            annotations = getattr(owner, "__annotations__", {})
            return attribute in annotations or attribute in _assigned(owner)
        owner = getattr(owner, attribute)
    return True


def _assigned(owner: object) -> set[str]:
    """Names a class's methods assign on `self` (instance attributes)."""
    if not isinstance(owner, type):
        return set()
    try:
        source = inspect.getsource(owner)
    except (OSError, TypeError):
        return set()
    return set(re.findall(r"self\.(\w+)(?:\s*:\s*[^=\n]+)?\s*=", source))


def test_every_name_the_architecture_doc_quotes_resolves() -> None:
    names = quoted_names(DOC.read_text(encoding="utf-8"))
    assert len(names) > 50
    assert [name for name in names if not resolves(name)] == []


def test_a_name_that_moved_is_caught() -> None:
    assert resolves("replay.take_step")
    assert resolves("Exercise.update")
    assert not resolves("Exercise.allowed_plans")
    assert not resolves("cases.harm_weights")
    assert not resolves("ui/room/nowhere.py")

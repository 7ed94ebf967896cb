"""The rooms of the house and the arrows between them.

The core (scenario, exercise, scoring, journal, reports) imports without Textual or Rich: it is
where the rules live, not the screen. Imports run one way, from the command line and the screens
down to the scenario, and the reports never reach SQLite. These tests read every module's
imports (including those inside functions and under TYPE_CHECKING), so a wrong arrow fails here
even where it would only run late.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.imports import PACKAGE, import_circles, imports_of, module_graph

LAYERS = ("base", "scenario", "exercise", "scoring", "journal", "reports", "ui", "cli")
"""Each room may import the rooms before it in this list, never one after it.
The screens and the command line sit side by side: neither imports the other's modules,
except that the command line opens the app through its factory (`tabletop.ui.factory`)."""
CORE = LAYERS[:6]
CLI_MAY_IMPORT_FROM_UI = frozenset({"tabletop.ui.factory"})

IMPORT_EVERY_CORE_MODULE = """
import importlib, json, pkgutil, sys
names = []
for room in %r:
    package = importlib.import_module("tabletop." + room)
    names += sorted(m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + "."))
for name in names:
    importlib.import_module(name)
print(json.dumps({"imported": names, "loaded": sorted(sys.modules)}))
"""


def imported_in_a_fresh_interpreter() -> dict[str, list[str]]:
    result = subprocess.run([sys.executable, "-c", IMPORT_EVERY_CORE_MODULE % (CORE,)],
                            capture_output=True, text=True, timeout=60, check=True)
    data: dict[str, list[str]] = json.loads(result.stdout)
    return data


def room_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "tabletop" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in LAYERS else None


def wrong_arrows() -> list[str]:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        source = room_of(module)
        if source is None:
            continue
        for line, target in imports_of(path):
            room = room_of(target)
            if room is None or room == source:
                continue
            if source == "cli" and room == "ui" and any(
                    target == allowed or target.startswith(f"{allowed}.")
                    for allowed in CLI_MAY_IMPORT_FROM_UI):
                continue
            if (source in ("ui", "cli") and room in ("ui", "cli")) or \
                    LAYERS.index(room) > LAYERS.index(source):
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {source} -> {target}")
    return wrong


def test_every_core_module_imports_without_textual_or_rich() -> None:
    loaded = imported_in_a_fresh_interpreter()["loaded"]
    assert [m for m in loaded if m.split(".")[0] in ("textual", "rich")] == []


def test_the_hygiene_check_covers_every_room_of_the_core() -> None:
    imported = set(imported_in_a_fresh_interpreter()["imported"])
    assert {"tabletop.scenario.loader", "tabletop.exercise.engine", "tabletop.scoring.rubric",
            "tabletop.journal.session", "tabletop.reports.board"} <= imported


def test_imports_run_one_way_from_the_screens_down_to_the_scenario() -> None:
    assert wrong_arrows() == []


def test_the_arrow_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    module = tmp_path / "late.py"
    module.write_text("def f():\n    from tabletop.ui.app import create_app\n")
    assert imports_of(module) == [(2, "tabletop.ui.app"), (2, "tabletop.ui.app.create_app")]


def test_the_reports_never_import_sqlite() -> None:
    script = ("import importlib, pkgutil, sys, json, tabletop.reports as r\n"
              "for m in pkgutil.walk_packages(r.__path__, 'tabletop.reports.'):\n"
              "    importlib.import_module(m.name)\n"
              "print(json.dumps('sqlite3' in sys.modules or '_sqlite3' in sys.modules))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60, check=True)
    assert json.loads(result.stdout) is False


def test_no_module_of_the_package_imports_itself_through_others() -> None:
    assert import_circles(module_graph()) == []


def test_the_circle_check_finds_a_circle_through_a_late_import() -> None:
    graph = {"tabletop.a": {"tabletop.b"}, "tabletop.b": {"tabletop.c"},
             "tabletop.c": {"tabletop.a"}, "tabletop.d": {"tabletop.a"}}
    assert import_circles(graph) == [["tabletop.a", "tabletop.b", "tabletop.c"]]

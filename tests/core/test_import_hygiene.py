"""The core imports without Textual or Rich: it is the room with the rules, not the screen."""

from __future__ import annotations

import json
import subprocess
import sys

IMPORT_EVERY_CORE_MODULE = """
import importlib, json, pkgutil, sys
import tabletop.core
names = sorted(m.name for m in pkgutil.iter_modules(tabletop.core.__path__, "tabletop.core."))
for name in names:
    importlib.import_module(name)
print(json.dumps({"imported": names, "ui": sorted(
    m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))}))
"""


def imported_in_a_fresh_interpreter() -> dict[str, list[str]]:
    result = subprocess.run([sys.executable, "-c", IMPORT_EVERY_CORE_MODULE],
                            capture_output=True, text=True, timeout=60, check=True)
    data: dict[str, list[str]] = json.loads(result.stdout)
    return data


def test_every_core_module_imports_without_textual_or_rich() -> None:
    data = imported_in_a_fresh_interpreter()
    assert data["ui"] == []


def test_the_hygiene_check_covers_the_modules_the_screen_relies_on() -> None:
    imported = set(imported_in_a_fresh_interpreter()["imported"])
    assert {"tabletop.core.loader", "tabletop.core.clock", "tabletop.core.simulation",
            "tabletop.core.engine", "tabletop.core.scoring", "tabletop.core.replay",
            "tabletop.core.session", "tabletop.core.schema"} <= imported

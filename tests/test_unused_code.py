"""No function, method or class in the package that nothing in the package calls: dead code,
or code only the tests reach, is found by vulture and named here. Textual's own hooks (event
handlers, actions, the app's screen factory, a Visual's sizes, textual-serve's overrides) are
called by the framework by name, and are not counted."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import vulture  # type: ignore[import-untyped]  # it ships no type information

PACKAGE = Path(__file__).resolve().parents[1] / "tabletop"
FRAMEWORK_NAMES = (
    "on_*", "action_*", "watch_*", "compose", "render", "render_*", "get_default_screen",
    "discover", "search", "get_optimal_width", "get_height", "get_content_width",
    "get_content_height", "_open_app_process",
)
"""Names Textual (and textual-serve) call by convention, never by a reference in our code."""
FRAMEWORK_DECORATORS = ("@on", "@work")
"""Handlers the decorator registers with Textual."""
TEST_FACING = {
    "play_to": "prepares a journalled session at a minute through the replay engine, as a "
               "player would have played it: the UI tests and the room's tests start there",
    "new_session": "journals a session to the store without the app: the store and restore "
                   "tests, and the served app's tests",
    "integrity_ok": "the crash tests ask SQLite's check after a kill",
    "load_json": "reads a JSON report back: the report tests check the format round-trips",
    "row_count": "the feed's and log's bounds, which the screen tests read",
}
"""Package functions only the tests call, each with why it belongs in the package."""


def unused() -> list[str]:
    finder = vulture.Vulture(ignore_names=list(FRAMEWORK_NAMES),
                             ignore_decorators=list(FRAMEWORK_DECORATORS))
    finder.scavenge([str(PACKAGE)])
    return sorted(f"{Path(item.filename).relative_to(PACKAGE.parent)}:{item.first_lineno} "
                  f"{item.typ} {item.name}"
                  for item in finder.get_unused_code(min_confidence=0)
                  if item.typ in ("function", "method", "class", "property")
                  and item.name not in TEST_FACING
                  and not fnmatch.fnmatch(item.name, "__*__"))


def test_every_function_of_the_package_is_called_by_the_package() -> None:
    assert unused() == []

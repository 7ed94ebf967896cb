"""The screen room's modules import one another one way: the app opens the screens and the
palette, and none of them imports the app back (they are handed what they need, or type
`self.app` through a Protocol). Imports inside functions and under TYPE_CHECKING count too;
no circle anywhere in the package is `tests/test_import_hygiene.py`'s test."""

from __future__ import annotations

from tests.imports import module_graph


def test_no_screen_widget_or_palette_module_imports_the_app() -> None:
    importers = sorted(m for m, targets in module_graph().items() if "tabletop.ui.app" in targets)
    assert importers == ["tabletop.ui.factory"]  # which builds it

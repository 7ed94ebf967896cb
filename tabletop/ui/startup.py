"""What start-up puts off until the first frame is on screen (first paint is a benchmarked
budget: `bench/bench_dashboard.py`).

Only `app.tcss` and the first screen's sheet are parsed before the first frame; the garbage
collector, paused by the command line during start-up, and the other screens' sheets wait
for `TabletopApp.on_ready`, which calls these.
"""

from __future__ import annotations

import gc
from pathlib import Path

from textual.css.stylesheet import Stylesheet

from tabletop.ui.theme import STYLES

LATER_CSS = ("dashboard.tcss", "dialogs.tcss", "debrief.tcss")
"""Read once the first frame is on screen, so parsing them does not delay it. They are also
their screens' own CSS_PATH: Textual loads a missing one when its screen opens (re-parsing
every sheet, slowly), so no timing can leave a screen unstyled."""


def first_sheet(briefing_first: bool) -> Path:
    """The stylesheet of the first screen, parsed with `app.tcss` before it paints."""
    return STYLES / ("briefing.tcss" if briefing_first else "dashboard.tcss")


def collect_garbage_again() -> None:
    """Turn the collector back on if start-up paused it (`cli.main`).

    What start-up built lives as long as the app: frozen, the collector never walks it.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def read_later_sheets(stylesheet: Stylesheet) -> None:
    """Add the other screens' sheets (`LATER_CSS`) to the parsed stylesheet.

    Added, not re-parsed with it: no rule there styles a widget already on screen, so nothing
    needs restyling.
    """
    for name in LATER_CSS:
        if not stylesheet.has_source(str(STYLES / name)):
            stylesheet.read(STYLES / name)

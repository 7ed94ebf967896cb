"""Closing a dialog once, and only once it is open.

Keys typed faster than the screen redraws can ask a dialog to close twice: Enter on its
Submit button and Escape, say, are both handled, the button's press after the dialog has
gone. Textual's `dismiss` would then answer a question nobody is waiting for (an
`InvalidStateError`) and pop whatever screen is on top by then, or raise when none is left.
They can also close a dialog that is still opening, whose `on_mount` then finds its widgets
gone (`NoMatches`).
"""

from __future__ import annotations

from typing import TypeVar

from textual.screen import Screen

ResultT = TypeVar("ResultT")


def dismiss_once(screen: Screen[ResultT], result: ResultT | None = None) -> None:
    """Close `screen` with `result` if it is the screen on top and has finished opening;
    otherwise the request is dropped (it was closed already, or the key came before the
    dialog was there to read)."""
    if screen.is_active and screen.is_mounted:
        screen.dismiss(result)

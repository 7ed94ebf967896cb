"""Closing a dialog once.

Keys typed faster than the screen redraws can ask a dialog to close twice: Enter on its
Submit button and Escape, say, are both handled, the button's press after the dialog has
gone. Textual's `dismiss` would then answer a question nobody is waiting for (an
`InvalidStateError`) and pop whatever screen is on top by then, or raise when none is left.
"""

from __future__ import annotations

from typing import TypeVar

from textual.screen import Screen

ResultT = TypeVar("ResultT")


def dismiss_once(screen: Screen[ResultT], result: ResultT | None = None) -> None:
    """Close `screen` with `result` if it is still the screen on top; otherwise it has
    already been closed, and the later request is dropped."""
    if screen.is_active:
        screen.dismiss(result)

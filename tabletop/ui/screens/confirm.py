"""A yes/no question, and quitting with events the store could not take."""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from tabletop.base import words
from tabletop.base.record import record
from tabletop.ui import bindings
from tabletop.ui.screens.once import dismiss_once
from tabletop.ui.text import literal
from tabletop.ui.theme import STYLES


class ConfirmScreen(ModalScreen[bool]):
    """Asks a question; returns True for yes."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "dialogs.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.CONFIRM]
    AUTO_FOCUS = "#no"

    def __init__(self, question: str, yes: str = "Yes") -> None:
        super().__init__(classes="confirm")
        self._question = question
        self._yes = yes

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        with Vertical(id="confirm", classes="dialog"):
            yield Static(literal(self._question), id="question", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(f"{self._yes}  y", id="yes", variant="error")
                yield Button("No  n", id="no")

    @on(Button.Pressed, "#yes")
    def _yes_pressed(self) -> None:
        dismiss_once(self, True)

    @on(Button.Pressed, "#no")
    def _no_pressed(self) -> None:
        dismiss_once(self, False)

    def action_answer(self, yes: bool) -> None:
        """Answer from the keyboard."""
        dismiss_once(self, yes)


@record
class PendingAnswer:
    """Quit, with the events kept in memory written to a file or not."""

    write: bool
    """Write them before quitting."""
    path: Path | None
    """Where, as typed (None: the default places only)."""


class PendingQuitScreen(ModalScreen[PendingAnswer | None]):
    """Quitting while the store cannot take some events: says how many and why, and offers
    to write them to a file (its path editable) before quitting; None to stay.

    Args:
        count: events kept in memory.
        session_id: their session.
        why: the store and what is wrong with it.
        default: the file offered.
    """

    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "dialogs.tcss", STYLES / "pending.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.CONFIRM]
    AUTO_FOCUS = "#write"

    def __init__(self, count: int, session_id: int, why: str, default: Path) -> None:
        super().__init__(classes="confirm")
        self._text = (f"Quit tabletop? {words.count(count, 'event')} of session {session_id} "
                      f"{'is' if count == 1 else 'are'} not saved "
                      f"({why}). Write them to this file first? Then "
                      "tabletop resume --import FILE puts them back.")
        self._default = default

    def compose(self) -> ComposeResult:
        """The question, the file's path, and three buttons."""
        with Vertical(id="pending-quit", classes="dialog"):
            yield Static(literal(self._text), id="question", markup=False)
            yield Input(str(self._default), id="pending-path")
            with Horizontal(classes="buttons"):
                yield Button("Write and quit  y", id="write", variant="primary")
                yield Button("Quit, lose them", id="lose", variant="error")
                yield Button("Stay  n", id="no")

    def _typed(self) -> Path | None:
        typed = self.query_one("#pending-path", Input).value.strip()
        return Path(typed).expanduser() if typed else None

    @on(Button.Pressed, "#write")
    @on(Input.Submitted, "#pending-path")
    def _write_pressed(self) -> None:
        dismiss_once(self, PendingAnswer(True, self._typed()))

    @on(Button.Pressed, "#lose")
    def _lose_pressed(self) -> None:
        dismiss_once(self, PendingAnswer(False, None))

    @on(Button.Pressed, "#no")
    def _no_pressed(self) -> None:
        dismiss_once(self, None)

    def action_answer(self, yes: bool) -> None:
        """y writes and quits, n or Escape stays."""
        dismiss_once(self, PendingAnswer(True, self._typed()) if yes else None)

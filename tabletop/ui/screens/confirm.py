"""A yes/no question."""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tabletop.ui import bindings
from tabletop.ui.screens.once import dismiss_once
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
            yield Static(self._question, id="question", markup=False)
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

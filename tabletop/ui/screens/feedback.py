"""Solo drills: how the rubric judges a decision, right after it is taken."""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tabletop.base.words import out_of
from tabletop.scoring.rubric import CriterionScore
from tabletop.ui.screens.once import dismiss_once
from tabletop.ui.text import literal
from tabletop.ui.theme import STYLES


class FeedbackScreen(ModalScreen[None]):
    """The criteria a decision met or missed, with the rubric's reason for each."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "dialogs.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "close", "Back to the dashboard", id="feedback-close"),
    ]
    AUTO_FOCUS = "#close"

    def __init__(self, heading: str, lines: tuple[CriterionScore, ...]) -> None:
        super().__init__(classes="form-dialog")
        self._heading = heading
        self._lines = lines

    def compose(self) -> ComposeResult:
        """A line per criterion: met or missed, points, why."""
        with Vertical(id="feedback-dialog", classes="dialog"):
            yield Static(Content.assemble(("FEEDBACK  ", "bold $text-accent"),
                                          literal(self._heading, "bold")),
                         classes="dialog-title")
            with Grid(id="feedback-lines"):
                for line in self._lines:
                    share = line.points / line.max if line.max else 0.0
                    mark = "✓ met" if share >= 0.8 else "~ partly" if share >= 0.4 else "✗ missed"
                    yield Static(Content.styled(mark, "bold"), classes="feedback-mark")
                    yield Static(Content.assemble(literal(line.title, "bold"),
                                                  f"  {out_of(line.points, line.max)}\n",
                                                  literal(line.why)), classes="feedback-why")
            if not self._lines:
                yield Static("No rubric criterion judges this action on its own; it counts "
                             "towards harm and timeliness at the end.")
            yield Button("Back to the dashboard  Enter", id="close", variant="primary")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        """Close the feedback."""
        dismiss_once(self)

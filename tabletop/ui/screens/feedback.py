"""Solo drills: how the rubric judges a decision, right after it is taken, and a statement
beside the scenario's model answer, right after it is sent."""

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
from tabletop.scoring.statement_model import StatementFeedback
from tabletop.ui.screens.once import dismiss_once
from tabletop.ui.text import humanise, literal
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


class StatementFeedbackScreen(ModalScreen[None]):
    """The statement's points and why, each point the request asks for in the learner's
    statement and in the model's, then the model statement itself."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "dialogs.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "close", "Back to the dashboard", id="statement-feedback-close"),
    ]
    AUTO_FOCUS = "#close"

    def __init__(self, feedback: StatementFeedback) -> None:
        super().__init__(classes="form-dialog")
        self._feedback = feedback

    def compose(self) -> ComposeResult:
        """The verdict, the comparison, the model."""
        fb = self._feedback
        with Vertical(id="feedback-dialog", classes="dialog"):
            yield Static(Content.assemble(("FEEDBACK  ", "bold $text-accent"),
                                          literal(fb.title, "bold"), "  ",
                                          (out_of(fb.points, fb.max), "bold")),
                         classes="dialog-title")
            yield Static(literal(fb.why), id="statement-feedback-why")
            with Grid(id="statement-compared"):
                for heading in ("Point asked for", "Yours", "Model"):
                    yield Static(Content.styled(heading, "bold"))
                for point in fb.compared:
                    yield Static(literal(point.point))
                    yield Static(_mark(point.yours))
                    yield Static(_mark(point.model) if fb.model else "")
            if fb.model:
                yield Static(Content.styled("The model statement", "bold $text-accent"),
                             id="model-heading")
                for name, text in fb.model:
                    label = "" if len(fb.model) == 1 else f"{humanise(name)}: "
                    yield Static(Content.assemble((label, "bold"), literal(text)),
                                 classes="model-field")
            yield Button("Back to the dashboard  Enter", id="close", variant="primary")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        """Close the feedback."""
        dismiss_once(self)


def _mark(made: bool) -> Content:
    return Content.styled("✓ made", "bold $text-success") if made else \
        Content.styled("✗ missing", "bold $text-error")

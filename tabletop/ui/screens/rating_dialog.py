"""The facilitator's rating: a criterion judged by people on HSEEP's scale, with a reason,
beside the machine's reading of it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from tabletop.base.words import out_of
from tabletop.scoring.ratings import CAPABILITIES, LABELS, Rating
from tabletop.scoring.rubric import CriterionScore
from tabletop.ui import bindings
from tabletop.ui.screens.once import dismiss_once
from tabletop.ui.text import literal
from tabletop.ui.theme import STYLES
from tabletop.ui.widgets.key_footer import KeyFooter
from tabletop.ui.widgets.marks import MarkedRadioButton, MarkedRadioSet

Rated = tuple[str, Rating]
"""A criterion id and the facilitator's rating of it."""


class RatingDialog(ModalScreen[Rated | None]):
    """Rate one of the criteria people may rate; the machine's reading is shown first.

    Args:
        lines: the score card's lines that may be rated, as the machine reads them.
        ratings: the ratings given so far, by criterion id (the dialog starts on them).
    """

    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "dialogs.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.DIALOG]
    AUTO_FOCUS = "#rating-level"

    def __init__(self, lines: Sequence[CriterionScore], ratings: dict[str, Rating]) -> None:
        super().__init__(classes="form-dialog")
        self.lines = tuple(lines)
        self.ratings = ratings

    def compose(self) -> ComposeResult:
        """The criterion (a choice when several), the machine's reading, the scale, a reason."""
        first = self.lines[0]
        given = self.ratings.get(first.id)
        with Vertical(id="rating-dialog", classes="dialog"):
            yield Static(Content.assemble(("RATE  ", "bold $text-accent"),
                                          literal(first.title, "bold")),
                         classes="dialog-title", id="rating-title")
            if len(self.lines) > 1:
                with MarkedRadioSet(id="rating-criterion"):
                    for index, line in enumerate(self.lines):
                        yield MarkedRadioButton(literal(line.title), value=index == 0)
            yield Static(self._reading(first), id="rating-reading")
            with MarkedRadioSet(id="rating-level"):
                for level in CAPABILITIES:
                    yield MarkedRadioButton(f"{level}  {LABELS[level]}",
                                            value=given is not None and given.level == level)
            yield Input(given.reason if given else "", placeholder="Why, in a sentence",
                        id="rating-reason")
            yield Static(id="rating-error")
            with Horizontal(classes="buttons"):
                yield Button("Rate  ctrl+s", id="submit", variant="primary")
                yield Button("Cancel  Esc", id="cancel")
        yield KeyFooter()

    @staticmethod
    def _reading(line: CriterionScore) -> Content:
        return Content.assemble(("The machine reads ", "$foreground-muted"),
                                (out_of(line.points, line.max), "bold"), ": ",
                                literal(line.why))

    def _chosen_line(self) -> CriterionScore:
        if len(self.lines) == 1:
            return self.lines[0]
        index = self.query_one("#rating-criterion", MarkedRadioSet).pressed_index
        return self.lines[max(index, 0)]

    @on(MarkedRadioSet.Changed, "#rating-criterion")
    def _show_criterion(self) -> None:
        line = self._chosen_line()
        self.query_one("#rating-title", Static).update(Content.assemble(
            ("RATE  ", "bold $text-accent"), literal(line.title, "bold")))
        self.query_one("#rating-reading", Static).update(self._reading(line))

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        """Rate, once a level is chosen."""
        index = self.query_one("#rating-level", MarkedRadioSet).pressed_index
        if index < 0:
            self.query_one("#rating-error", Static).update(
                Content.styled("✗ Choose a rating first.", "bold $text-error"))
            return
        reason = self.query_one("#rating-reason", Input).value.strip()
        dismiss_once(self, (self._chosen_line().id, Rating(CAPABILITIES[index], reason)))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without rating."""
        dismiss_once(self)

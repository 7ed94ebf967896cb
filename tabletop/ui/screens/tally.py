"""Workshop mode: the teams' votes at a decision point, and the room's decision."""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, RadioSet, Static

from tabletop.base.words import percent
from tabletop.exercise.engine import Decision
from tabletop.exercise.workshop import alignment, room_choice, tally
from tabletop.scenario.model import Scenario
from tabletop.ui import bindings
from tabletop.ui.screens.once import dismiss_once
from tabletop.ui.text import literal
from tabletop.ui.theme import STYLES
from tabletop.ui.widgets.key_footer import KeyFooter
from tabletop.ui.widgets.marks import MarkedRadioButton, MarkedRadioSet


class TallyScreen(ModalScreen[str | None]):
    """Shows each team's vote and the tally; returns the room's action (None: go back).

    The majority is preselected; on a tie nothing is, and the facilitator must pick.
    """

    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "dialogs.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.DIALOG]
    AUTO_FOCUS = "#room-choice"

    def __init__(self, scenario: Scenario, votes: list[Decision]) -> None:
        super().__init__(classes="form-dialog")
        self._scenario = scenario
        self._votes = votes
        self._options = list(tally(votes).counts)
        self._majority = room_choice(votes)

    def compose(self) -> ComposeResult:
        """Votes, tally and the room's choice."""
        result = tally(self._votes)
        with Vertical(id="tally-dialog", classes="dialog"):
            yield Static(Content.styled("TEAM VOTES", "bold $text-accent"),
                         classes="dialog-title")
            for vote in self._votes:
                yield Static(self._vote_line(vote), classes="vote-line")
            counts = " · ".join(f"{self._label(a)} {n}" for a, n in result.counts.items())
            status = ("Tied: pick the room's decision." if result.tied
                      else f"Majority: {self._label(result.leaders[0])}.")
            yield Static(Content.assemble(("Tally  ", "bold"), counts, "\n", status),
                         id="tally-summary")
            yield Static(Content.styled("The run follows (the facilitator may pick another):",
                                        "$foreground-muted"))
            with MarkedRadioSet(id="room-choice"):
                for action in self._options:
                    share = alignment(self._votes, action)
                    yield MarkedRadioButton(
                        literal(f"{self._label(action)}  ({percent(share)} aligned)"),
                        value=action == self._majority)
            with Horizontal(classes="buttons"):
                yield Button("Record  ctrl+s", id="submit", variant="primary")
                yield Button("Back  Esc", id="cancel")
        yield KeyFooter()

    def _label(self, action: str) -> str:
        return self._scenario.action(action).label

    def _vote_line(self, vote: Decision) -> Content:
        cited = f"{len(vote.cited)} evidence cited" if vote.cited else "no evidence cited"
        why = f" · “{vote.justification}”" if vote.justification else ""
        return Content.assemble(literal(f"{vote.team:<10}", "bold"),
                                literal(self._label(vote.action)),
                                (f"  {cited} · {vote.confidence} confidence", "$foreground-muted"),
                                literal(why))

    def _picked(self) -> str | None:
        index = self.query_one("#room-choice", RadioSet).pressed_index
        return self._options[index] if index >= 0 else None

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        """Record the votes with the chosen room decision."""
        picked = self._picked()
        if picked is None:
            self.notify("Pick the room's decision first.", severity="warning")
            return
        dismiss_once(self, picked)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Go back without recording anything."""
        dismiss_once(self)

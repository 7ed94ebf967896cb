"""The facilitator's steering dialog: write an inject and release it now (an overrule if it
changes the rollout), or hold back or bring forward one still to come (`exercise.steering`)."""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from tabletop.base.words import fmt_minute
from tabletop.exercise.engine import Exercise
from tabletop.exercise.steering import Steer, SteerKind, next_id, offered, waiting
from tabletop.scenario.model import Inject
from tabletop.scenario.outcomes import RolloutEffect
from tabletop.ui import bindings
from tabletop.ui.screens.once import dismiss_once
from tabletop.ui.text import literal
from tabletop.ui.theme import STYLES
from tabletop.ui.widgets.key_footer import KeyFooter

OVERRULES: tuple[tuple[str, RolloutEffect], ...] = (
    ("No change to the rollout", "none"),
    ("Rollout: deploy now", "deploy"),
    ("Rollout: continue now", "continue"),
    ("Rollout: freeze now", "freeze"),
    ("Rollout: roll back now", "rollback"),
)
"""What an inject written now may do to the run, whatever the team decided (an overruling),
as the dialog offers it."""


def branch_question(branch: Inject) -> str:
    """What the facilitator is asked when the scenario offers a branch (`Inject.branch`)."""
    told = [f"The scenario offers a branch at {fmt_minute(branch.minute)}: {branch.title}",
            branch.narrative, "Release it to the room now? The team's decisions stay what is "
            "scored; Steering (o) still offers it later."]
    return "\n\n".join(part for part in told if part)


class SteeringDialog(ModalScreen[Steer | None]):
    """Returns the facilitator's move, or None when closed without one."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "dialogs.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.DIALOG]
    AUTO_FOCUS = "#steer-title"

    def __init__(self, exercise: Exercise) -> None:
        super().__init__(classes="form-dialog")
        self._minute = exercise.minute
        self._inject_id = next_id(exercise)
        """The id the inject written here takes."""
        self._waiting = waiting(exercise)
        self._offered = offered(exercise)
        """The branches the scenario offers now, listed first: brought forward, released."""
        self._branches = {b.id for b in self._offered}

    def compose(self) -> ComposeResult:
        """An inject to write on the left, the injects still to come on the right."""
        with Vertical(id="steering-dialog", classes="dialog"):
            yield Static(Content.assemble(("STEERING  ", "bold $text-accent"),
                                          (fmt_minute(self._minute), "bold")),
                         classes="dialog-title")
            with Horizontal(id="steering-columns"):
                with VerticalScroll(id="steer-write"):  # a small screen scrolls to a field
                    yield Input(placeholder="Title, as the room will see it", id="steer-title")
                    yield TextArea(id="steer-text", soft_wrap=True, tab_behavior="focus",
                                   placeholder="What happens, as you will read it out")
                    yield TextArea(id="steer-evidence", soft_wrap=True, tab_behavior="focus",
                                   placeholder="One fact a line (the team can cite each)")
                    # Last: keys typed straight after a Tab into a Select are lost in a real
                    # terminal, so Tab from the title reaches the text first.
                    yield Select(OVERRULES, value="none", allow_blank=False, id="steer-effect")
                with Vertical(id="steer-scheduled"):
                    yield OptionList(*self._options(), id="steer-waiting")
                    with Horizontal(classes="buttons"):
                        yield Button("Hold back", id="hold")
                        yield Button("Bring forward", id="forward")
            yield Static(id="steer-error")
            with Horizontal(classes="buttons"):
                yield Button("Release now  ctrl+s", id="submit", variant="primary")
                yield Button("Cancel  Esc", id="cancel")
        yield KeyFooter()

    def _options(self) -> list[Option]:
        branches = [Option(Content.assemble(("branch ready  ", "bold $text-accent"),
                                            literal(b.title)), id=b.id) for b in self._offered]
        return [*branches, *(Option(Content.assemble(
            ("held back     " if held else f"{fmt_minute(inject.minute)}  ", "bold"),
            literal(inject.title)), id=inject.id) for inject, held in self._waiting)]

    def on_mount(self) -> None:
        """Border titles; no blinking cursor in a headless run (screenshots stay the same)."""
        self.query_one("#steer-write").border_title = "Write an inject, released now"
        self.query_one("#steer-waiting").border_title = "Still to come"
        self.query_one("#steer-text").border_title = "What happens"
        self.query_one("#steer-evidence").border_title = "Evidence"
        for area in self.query(TextArea):
            area.cursor_blink = not self.app.is_headless

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        """Release the inject written, if it has a title."""
        title = self.query_one("#steer-title", Input).value.strip()
        if not title:
            self._error("Give the inject a title first.")
            self.query_one("#steer-title").focus()
            return
        text = self.query_one("#steer-text", TextArea).text.strip()
        lines = self.query_one("#steer-evidence", TextArea).text.splitlines()
        chosen = self.query_one("#steer-effect", Select).selection
        effect: RolloutEffect = next((e for _, e in OVERRULES if e == chosen), "none")
        dismiss_once(self, Steer("inject", self._minute, self._inject_id, title, text,
                                 tuple(line.strip() for line in lines if line.strip()), effect))

    @on(Button.Pressed, "#hold")
    @on(Button.Pressed, "#forward")
    def _move(self, event: Button.Pressed) -> None:
        """Hold back or bring forward the inject highlighted."""
        waiting_list = self.query_one("#steer-waiting", OptionList)
        index = waiting_list.highlighted
        if index is None:
            self._error("Highlight an inject still to come first.")
            return
        inject = waiting_list.get_option_at_index(index).id or ""
        kind: SteerKind = "hold" if event.button.id == "hold" else "forward"
        if inject in self._branches and kind == "hold":
            self._error("A branch is not scheduled: bring it forward to release it, or leave it.")
            return
        dismiss_once(self, Steer("branch" if inject in self._branches else kind,
                                 self._minute, inject))

    def _error(self, text: str) -> None:
        self.query_one("#steer-error", Static).update(
            Content.styled(f"✗ {text}", "bold $text-error"))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without steering."""
        dismiss_once(self)

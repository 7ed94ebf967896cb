"""An inject's announcement: title, narrative, evidence and the question for the learners."""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tabletop.base.record import record
from tabletop.base.words import fmt_minute
from tabletop.exercise.engine import FiredInject
from tabletop.scenario.model import Role
from tabletop.ui import bindings
from tabletop.ui.screens.once import dismiss_once
from tabletop.ui.text import literal
from tabletop.ui.theme import STYLES
from tabletop.ui.widgets.key_footer import KeyFooter

AfterAnnouncement = Literal["resume", "stay", "act"]
"""What the facilitator chose when closing: let the clock run, keep it paused, or act."""


@record
class AnnouncementResult:
    """How the announcement was closed."""

    then: AfterAnnouncement
    """What to do next."""


class AnnouncementScreen(ModalScreen[AnnouncementResult]):
    """A round arrives: read it out, discuss, then resume the clock or act."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "dialogs.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.ANNOUNCEMENT]
    AUTO_FOCUS = "#announcement-body"

    def __init__(self, fired: FiredInject, roles: tuple[Role, ...], paused: bool) -> None:
        super().__init__(classes="announcement")
        self.fired = fired
        self._roles = roles
        self._paused = paused

    def compose(self) -> ComposeResult:
        """Heading, narrative, evidence, the learners' prompt, each role's prompt."""
        inject = self.fired.inject
        with Vertical(id="announcement", classes="dialog"):
            yield Static(self._status(), id="announcement-status")
            yield Static(literal(inject.title), id="announcement-title")
            with VerticalScroll(id="announcement-body"):
                if inject.narrative:
                    yield Static(literal(inject.narrative), id="announcement-narrative")
                if self.fired.evidence:
                    yield Static("Evidence", classes="heading")
                    for evidence in self.fired.evidence:
                        with Horizontal(classes="evidence-item"):
                            yield Static(literal(evidence.tag),
                                         classes=f"tag tag-{evidence.tag}")
                            yield Static(literal(evidence.text), classes="evidence-text")
                if inject.prompt:
                    yield Static("Question for the team", classes="heading")
                    yield Static(literal(inject.prompt), id="announcement-prompt")
                prompts = [(r.title, r.prompts[inject.id]) for r in self._roles
                           if inject.id in r.prompts]
                if prompts:
                    yield Static("Role prompts", classes="heading")
                    with Grid(id="role-prompts"):
                        for title, prompt in prompts:
                            yield Static(literal(title, "bold"), classes="role-title")
                            yield Static(literal(prompt), classes="role-line")
        yield KeyFooter()

    def _status(self) -> Content:
        stage = f" · {self.fired.inject.stage}" if self.fired.inject.stage else ""
        state = (Content.styled(" ❚❚ PAUSED FOR DISCUSSION ", "bold reverse")
                 if self._paused else Content.styled("▶ clock running", "bold"))
        return Content.assemble(("NEW INJECT  ", "bold $text-accent"),
                                (fmt_minute(self.fired.minute), "bold"), Content(stage), "\n",
                                state)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """'Keep paused' only makes sense while the clock is paused."""
        if action == "close" and parameters == (False,):
            return self._paused
        return True

    def action_close(self, resume: bool) -> None:
        """Close; resume the clock or keep it paused."""
        dismiss_once(self, AnnouncementResult("resume" if resume else "stay"))

    def action_act(self) -> None:
        """Close and open the action dialog, clock still paused."""
        dismiss_once(self, AnnouncementResult("act"))

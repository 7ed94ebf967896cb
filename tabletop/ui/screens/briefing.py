"""The briefing: what the exercise is about and who sits where, before the clock starts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tabletop.base.words import fmt_minute, speed
from tabletop.scenario.model import Scenario
from tabletop.ui import bindings
from tabletop.ui.intents import StartRequested
from tabletop.ui.screens.scroll_place import ScrollPlace
from tabletop.ui.text import literal
from tabletop.ui.theme import STYLES
from tabletop.ui.widgets.bullets import Bullets
from tabletop.ui.widgets.key_footer import KeyFooter
from tabletop.ui.widgets.role_card import RoleCard


class BriefingScreen(ScrollPlace, Screen[None]):
    """Title, summary, learning goals and a card per role; Enter starts the exercise."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "briefing.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.BRIEFING]
    # Textual declares the breakpoints an instance variable, so no ClassVar here.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012
    AUTO_FOCUS = "#briefing"
    PLACE_COLUMN = "#briefing"

    def __init__(self, scenario: Scenario, seed: int, clock_speed: float,
                 design_gates: Callable[[], None] | None = None) -> None:
        super().__init__(id="briefing-screen")
        self.scenario = scenario
        self._seed = seed
        self._speed = clock_speed
        self._design_gates = design_gates
        """Opens the gate designer, for a team that starts with it (None: not offered)."""

    def compose(self) -> ComposeResult:
        """Everything in one scrolling column, role cards in a grid."""
        scenario = self.scenario
        first = min(scenario.injects, key=lambda i: i.minute).id if scenario.injects else ""
        with VerticalScroll(id="briefing"):
            yield Static(literal(scenario.title), id="briefing-title")
            yield Static(self._settings(), id="briefing-settings")
            yield Static(literal(scenario.summary), id="briefing-summary")
            yield Static("Learning goals", classes="heading", id="h-goals")
            yield Bullets(scenario.learning_goals, id="briefing-goals")
            if scenario.runbook:
                yield Static("Runbook", classes="heading", id="h-runbook")
                yield Bullets([line.text for line in scenario.runbook_lines], numbered=True,
                              id="briefing-runbook")
            yield Static("Roles", classes="heading", id="h-roles")
            with Grid(id="roles"):
                for role in scenario.roles:
                    yield RoleCard(role, first)
            yield from self.after_roles()
        yield Static(self.start_line(), id="briefing-start")
        yield KeyFooter()

    def after_roles(self) -> ComposeResult:
        """What follows the role cards in the column (the room's view adds its rules)."""
        yield from ()

    def start_line(self) -> Content:
        """How the exercise starts, below the briefing."""
        return Content.assemble("Press ", ("Enter", "bold reverse"),
                                " to start the clock. Round 1 arrives at once.")

    def _settings(self) -> Content:
        s = self.scenario
        return Content.styled(
            f"{s.duration_minutes:g} scenario minutes, {fmt_minute(s.start_minute)} to "
            f"{fmt_minute(s.end_minute)} · clock speed {speed(self._speed)} · seed {self._seed}",
            "$foreground-muted")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The gate designer only where the app offers it."""
        return self._design_gates is not None if action == "gates" else True

    def action_gates(self) -> None:
        """Open the gate designer before the clock starts."""
        if self._design_gates is not None:
            self._design_gates()

    def action_start(self) -> None:
        """Ask the app to start the exercise."""
        self.post_message(StartRequested())

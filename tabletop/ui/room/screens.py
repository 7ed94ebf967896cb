"""The room's view's screens: waiting for a session, the dashboard as an operator sees it, the
big clock, the blank screen, a round's announcement and the debrief. None has a key that
changes the run; none shows the facilitator's material."""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tabletop.base.words import speed
from tabletop.exercise.engine import Exercise
from tabletop.exercise.signals import Snapshot
from tabletop.journal.events import Presentation
from tabletop.journal.session import Session
from tabletop.scenario.model import Scenario
from tabletop.scoring.rubric import ScoreCard
from tabletop.ui import bindings
from tabletop.ui.room.enlarged import BigFigures, panel_figures
from tabletop.ui.room.widgets import BlockClock, RoomHeader, timer_digits
from tabletop.ui.screens.announcement import AnnouncementScreen
from tabletop.ui.screens.briefing import BriefingScreen
from tabletop.ui.screens.dashboard import DashboardScreen
from tabletop.ui.screens.debrief import DebriefScreen
from tabletop.ui.text import literal
from tabletop.ui.theme import STYLES
from tabletop.ui.widgets.bullets import Bullets
from tabletop.ui.widgets.header_strip import HeaderStrip

ROOM_CSS: list[str | PurePath] = [STYLES / "room.tcss"]


class WaitingScreen(Screen[None]):
    """Before there is a session to follow, or while it cannot be followed: says why."""

    CSS_PATH: ClassVar[list[str | PurePath]] = ROOM_CSS
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.ROOM_VIEW]

    def __init__(self) -> None:
        super().__init__()
        self._said = Content("")

    def compose(self) -> ComposeResult:
        """One centred message."""
        yield Static(self._said, id="waiting")

    def show(self, title: str, message: str) -> None:
        """What the room reads while it waits (kept until the screen is composed)."""
        self._said = Content.assemble(("ROOM'S VIEW", "bold reverse"), "\n\n",
                                      (title, "bold"), "\n\n", message)
        for static in self.query("#waiting").results(Static):
            static.update(self._said)


class RoomDashboard(DashboardScreen, inherit_bindings=False):
    """The dashboard as an operator would see it: no true class, no keys, the clock in heavy
    blocks, a strip for the discussion timer and an open vote, one panel alone on request."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "dashboard.tcss", *ROOM_CSS]
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.ROOM_VIEW]
    SHOWS_KEYS = False

    def __init__(self, exercise: Exercise, teams: tuple[str, ...] = ()) -> None:
        super().__init__(exercise, teams)
        self.add_class("room-view")
        self.view = "dashboard"

    def header_strip(self) -> HeaderStrip:
        """The header strip with the block clock."""
        scenario = self.exercise.scenario
        return RoomHeader(scenario.title, scenario.terms)

    def compose(self) -> ComposeResult:
        """The dashboard, and the room's strip above its (hidden) footer."""
        yield from super().compose()
        yield Static(id="room-strip")

    def show_strip(self, content: Content | None) -> None:
        """The discussion timer or the open vote's count; None hides the strip."""
        strip = self.query_one("#room-strip", Static)
        strip.display = content is not None
        if content is not None:
            strip.update(content)

    def show_view(self, view: str) -> None:
        """One panel alone (`view` is its id), or every panel ("dashboard" or any other)."""
        if view == self.view or not self.composed:
            return
        self.view = view
        panels = list(self.query(".panel"))
        solo = any(w.id == view for w in panels)
        self.set_class(solo, "-solo")
        self._fit_feed()
        self._show_figures(self.exercise.snapshot() if solo else None)
        for widget in panels:
            widget.display = not solo or widget.id == view
        for column in self.query(".column"):
            column.display = not solo or any(w.id == view for w in column.query(".panel"))
        if not solo:  # the dashboard's own layout decides again (its panels may take turns)
            for widget in [*panels, *self.query(".column")]:
                widget.styles.clear_rule("display")


    def _fit_feed(self) -> None:
        """The feed's own width, but the whole width for one panel alone (`room.tcss`)."""
        super()._fit_feed()
        if self.has_class("-solo"):
            self.query_one("#column-left").styles.width = None

    def _show_signals(self, snap: Snapshot) -> None:
        super()._show_signals(snap)
        self._show_figures(snap)

    def _show_figures(self, snap: Snapshot | None) -> None:
        """The enlarged panel's figures in the block font; none: hidden."""
        figures = panel_figures(self.view, self.exercise, snap) if snap is not None else ()
        self.set_class(bool(figures), "-figures")
        found = self.query(BigFigures)
        if figures and not found:  # the first panel with figures enlarged: over the panels
            self.mount(BigFigures(id="room-figures"), before=self.query_one("#body"))
            self.call_after_refresh(self._show_figures, snap)
        elif found:
            found.first().show(figures)


class ClockScreen(Screen[None]):
    """The big clock alone, with the run's state in words and the room's strip."""

    CSS_PATH: ClassVar[list[str | PurePath]] = ROOM_CSS
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.ROOM_VIEW]

    def compose(self) -> ComposeResult:
        """Clock, state, strip."""
        with Vertical(id="big-clock-box"):
            yield BlockClock(fit=True, id="big-clock")
            yield Static(id="big-state")
            yield Static(id="big-strip")

    def show(self, exercise: Exercise, strip: Content | None) -> None:
        """The clock and state as they stand."""
        self.query_one(BlockClock).show(exercise.minute)
        clock = exercise.clock
        if exercise.finished:
            state = Content.styled("■ ENDED", "bold")
        elif clock.running:
            state = Content.styled(f"▶ RUNNING · speed {speed(clock.speed)}", "bold")
        else:
            state = Content.styled(" ❚❚ PAUSED ", "bold reverse")
        self.query_one("#big-state", Static).update(state)
        box = self.query_one("#big-strip", Static)
        box.update(strip or "")


class BlankScreen(Screen[None]):
    """The room's screen blanked: black, but for the discussion timer when one runs."""

    CSS_PATH: ClassVar[list[str | PurePath]] = ROOM_CSS
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.ROOM_VIEW]

    def compose(self) -> ComposeResult:
        """An empty screen with room for the timer: its time in large blocks, its bar below."""
        yield BlockClock(fit=True, id="blank-timer")
        yield Static(id="blank-strip")

    def show_strip(self, content: Content | None, left: float = 0.0) -> None:
        """The discussion timer (`left` seconds), or nothing."""
        timer = self.query_one("#blank-timer", BlockClock)
        timer.display = content is not None and left > 0
        timer.show_text(timer_digits(left) if left > 0 else "")
        self.query_one("#blank-strip", Static).update(content or "")


GROUND_RULES = (
    "No fault: we judge decisions on what was known at the time, not people.",
    "Decide with the evidence you have; say what more you would need and why.",
    "The clock stops for each round and each vote; the facilitator keeps time.",
    "What is said in the room stays in the room; the lessons go in the report.",
)
"""Any tabletop exercise's ground rules, read to the room with the briefing."""


class RoomBriefing(BriefingScreen, inherit_bindings=False):
    """The briefing for the room before the clock starts: the situation, learning goals, the
    roles and the ground rules; no keys (the facilitator starts the exercise)."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "briefing.tcss", *ROOM_CSS]
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.ROOM_VIEW]

    def __init__(self, scenario: Scenario, seed: int, clock_speed: float) -> None:
        super().__init__(scenario, seed, clock_speed)
        self.add_class("room-view")

    def after_roles(self) -> ComposeResult:
        """The ground rules, after the roles."""
        yield Static("Ground rules", classes="heading", id="h-rules")
        yield Bullets(GROUND_RULES, id="briefing-rules")

    def start_line(self) -> Content:
        """The room waits for the facilitator."""
        return Content.styled("The exercise starts when the facilitator starts the clock.",
                              "bold")


class RoomAnnouncement(AnnouncementScreen, inherit_bindings=False):
    """A round as it arrives, for the room: no keys; it goes when the clock runs again."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.ROOM_VIEW]


class RoomDebrief(DebriefScreen, inherit_bindings=False):
    """The debrief for the room: score, harm, timeline and questions; no facilitator note,
    no replay line, nothing to type or save."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.ROOM_VIEW]

    def __init__(self, session: Session, card: ScoreCard) -> None:
        super().__init__(session, card, facilitator=False)
        self._following: tuple[int, str] = (-1, "")
        self._place: tuple[str, int] = ("", 0)

    def compose(self) -> ComposeResult:
        """The debrief, and above it the question the facilitator is on, in large type."""
        yield Static(id="room-question")
        yield from super().compose()

    def follow(self, shown: Presentation, answers: dict[int, str]) -> None:
        """Show the part of the debrief the facilitator scrolled to, and question
        `shown.question` (from 0; -1 hides it) with the team's answer as typed."""
        if not self.is_mounted:
            return
        place = (shown.section, shown.offset)
        if place != self._place:
            self._place = place
            self.call_after_refresh(self.show_place, *place)  # once laid out
        question = shown.question
        asked = self.exercise.scenario.debrief_questions
        answer = answers.get(question, "")
        if (question, answer) == self._following:
            return
        self._following = (question, answer)
        box = self.query_one("#room-question", Static)
        box.display = 0 <= question < len(asked)
        if box.display:
            box.update(Content.assemble(
                (f"QUESTION {question + 1} OF {len(asked)}", "bold reverse"), "\n\n",
                literal(asked[question], "bold"), "\n\n",
                literal(answer) if answer else ("the team is answering", "italic")))

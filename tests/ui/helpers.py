"""Driving the app on a fake clock: start it, move time, take actions through the dialogs.

Time never passes by sleeping. `advance_to` moves the `FakeTime` to the real second at which
the clock shows a scenario minute, then calls the app's tick, which is what its 1 Hz timer does.
A test that only needs to be at a later minute starts there: `paused_at` has the core play the
run to that minute (`journal.setup.play_to`) and opens it paused on the dashboard, instead of
piloting through every announcement on the way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from textual.app import App
from textual.geometry import Region
from textual.notifications import SeverityLevel
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import RadioSet, SelectionList, TextArea

from tabletop.base.kinds import Mode
from tabletop.exercise.clock import FakeTime
from tabletop.exercise.engine import CONFIDENCE_LEVELS, Confidence
from tabletop.exercise.replay import PlannedStatement, Step
from tabletop.journal.session import Session
from tabletop.journal.setup import new_run, play_to
from tabletop.scenario.bundled import DEFAULT_SCENARIO
from tabletop.scenario.model import Scenario
from tabletop.ui.app import TabletopApp
from tabletop.ui.factory import create_app, resume_app
from tabletop.ui.screens.action_dialog import ActionDialog, offered_actions
from tabletop.ui.screens.announcement import AnnouncementScreen
from tabletop.ui.screens.confirm import ConfirmScreen
from tabletop.ui.screens.debrief import DebriefScreen
from tabletop.ui.screens.statement_dialog import StatementDialog
from tabletop.ui.widgets.marks import MarkedRadioButton
from tests.helpers import bundled as bundled

SIZE = (120, 36)
"""The projector size the dashboard is designed for."""
SEED = 7
"""A fixed seed, so every run of a test sees the same tickets."""


@dataclass
class Harness:
    """An app with its fake time source."""

    app: TabletopApp
    time: FakeTime


def make(scenario: Scenario | None = None, *, speed: float = 1.0, pause_on_inject: bool = True,
         theme: str | None = None, ref: str = DEFAULT_SCENARIO, mode: Mode = "team") -> Harness:
    """The app as the CLI builds it, on a fake clock."""
    fake = FakeTime()
    app = create_app(scenario or bundled(), scenario_ref=ref, seed=SEED, speed=speed,
                     theme=theme, pause_on_inject=pause_on_inject, time_source=fake, mode=mode)
    return Harness(app, fake)


def played_to(minute: float, scenario: Scenario | None = None, *, steps: Iterable[Step] = (),
              statements: Iterable[PlannedStatement] = (), ref: str = DEFAULT_SCENARIO,
              mode: Mode = "team", teams: tuple[str, ...] = (), speed: float = 1.0,
              time: FakeTime | None = None) -> Session:
    """A new run played by the core to `minute`, steps taken on the way, clock paused there."""
    session = new_run(scenario or bundled(), ref=ref, mode=mode, teams=teams, seed=SEED,
                      speed=speed, time_source=time or FakeTime())
    return play_to(session, minute, steps, statements)


def paused_at(minute: float, scenario: Scenario | None = None, *,
              pause_on_inject: bool = True, **run: Any) -> Harness:
    """The app opened on the dashboard at `minute`, its clock paused, the run played there by
    the core (`played_to`, which takes the other arguments). Space lets the clock run."""
    fake = FakeTime()
    session = played_to(minute, scenario, time=fake, **run)
    return Harness(resume_app(session, pause_on_inject=pause_on_inject), fake)


async def start(pilot: Pilot[None], *, close_round_one: bool = True) -> None:
    """Leave the briefing; close the announcements due at the start and let the clock run."""
    await pilot.press("enter")
    await pilot.pause()
    if close_round_one:
        await close_announcements(pilot)


async def advance_to(pilot: Pilot[None], h: Harness, minute: float) -> None:
    """Move real time until the running clock shows `minute`, then tick."""
    clock = h.app.exercise.clock
    assert clock.running, "the clock must be running to advance it"
    h.time.advance((minute - clock.minute) * 60.0 / clock.speed)
    h.app.tick()
    await pilot.pause()


async def until_on(pilot: Pilot[None], screen: type[Screen[Any]]) -> None:
    """Let the app run until a `screen` is on top (a screen the app pushes after scoring or
    from a worker can take several frames on a busy machine); at most about two seconds."""
    for _ in range(100):
        if isinstance(pilot.app.screen, screen):
            await pilot.pause()
            return
        await pilot.pause(0.02)


async def end_now(pilot: Pilot[None]) -> None:
    """End the exercise with the end key, answering yes: the debrief opens."""
    await pilot.press("e", "y")
    await until_on(pilot, DebriefScreen)


async def close_announcements(pilot: Pilot[None], resume: bool = True) -> None:
    """Close every announcement on top of the dashboard, waiting first for one still to open
    (the app opens it after the refresh that follows a tick; a key typed before then would
    reach the announcement instead of the screen it was meant for)."""
    while True:
        for _ in range(100):
            if not _announcing(pilot.app):
                break
            await pilot.pause(0.01)
        if not isinstance(pilot.app.screen, AnnouncementScreen):
            return
        await pilot.press("enter" if resume else "escape")
        await pilot.pause()


def _announcing(app: object) -> bool:
    """An announcement is queued, or opening but not on top yet."""
    if not isinstance(app, TabletopApp):
        return False
    queue = app.announcements
    return queue.waiting or (queue.showing and not isinstance(app.screen, AnnouncementScreen))


async def act(pilot: Pilot[None], action: str, cited: Iterable[str] = (),
              checks: Iterable[str] = (), justification: str = "",
              confidence: Confidence = "medium") -> None:
    """Take an action through the action dialog, as players would, and submit it."""
    await open_action_dialog(pilot)
    await fill_action_dialog(pilot, action, cited, checks, justification, confidence)


S = TypeVar("S", bound=Screen[Any])
"""A kind of screen."""


async def opened(pilot: Pilot[None], key: str, screen: type[S]) -> S:
    """Press `key`: the screen of that kind it opens, on top."""
    await pilot.press(key)
    await pilot.pause()
    shown = pilot.app.screen
    assert isinstance(shown, screen)
    return shown


async def open_action_dialog(pilot: Pilot[None]) -> ActionDialog:
    """Press the act key: the action dialog that opens (the first team's, in workshop mode)."""
    return await opened(pilot, "a", ActionDialog)


async def fill_action_dialog(pilot: Pilot[None], action: str, cited: Iterable[str] = (),
                             checks: Iterable[str] = (), justification: str = "",
                             confidence: Confidence = "medium") -> None:
    """Fill in the action dialog that is open (a team's, in workshop mode) and submit it."""
    dialog = pilot.app.screen
    assert isinstance(dialog, ActionDialog)
    app = pilot.app
    assert isinstance(app, TabletopApp)
    ids = [a.id for a in offered_actions(app.exercise)]
    dialog.query_one("#action-choice", RadioSet).query(MarkedRadioButton)[ids.index(action)] \
        .value = True
    dialog.query_one("#confidence-choice", RadioSet).query(MarkedRadioButton)[
        CONFIDENCE_LEVELS.index(confidence)].value = True
    for evidence_id in cited:
        dialog.query_one("#cite", SelectionList).select(evidence_id)
    for check in checks:
        dialog.query_one("#checks", SelectionList).select(check)
    dialog.query_one("#justification", TextArea).text = justification
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    if isinstance(pilot.app.screen, ConfirmScreen):  # nothing cited, nothing said: act anyway
        await pilot.press("y")
        await pilot.pause()


async def write_statement(pilot: Pilot[None], *texts: str) -> None:
    """Write the requested statement, one text per field, and send it."""
    await pilot.press("s")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, StatementDialog)
    for area, text in zip(dialog.query(TextArea), texts, strict=True):
        area.text = text
    await pilot.press("ctrl+s")
    await pilot.pause()


def on_screen(widget: Widget) -> str:
    """The text a widget draws, line by line, as the terminal would show it."""
    crop = Region(0, 0, widget.outer_size.width, widget.outer_size.height)
    return "\n".join(strip.text for strip in widget.render_lines(crop))


def panel_text(widget: Widget) -> str:
    """What a bordered panel shows inside its border, wrapped lines joined by spaces."""
    inner = [line.strip().strip("│").strip() for line in on_screen(widget).splitlines()[1:-1]]
    return " ".join(" ".join(inner).split())


def screen_text(pilot: Pilot[None]) -> str:
    """Every line the current screen's widgets draw (good enough to search for words)."""
    return "\n".join(on_screen(w) for w in pilot.app.screen.query("*")
                     if isinstance(w, Widget) and w.display and w.outer_size.area)


@dataclass(frozen=True)
class Note:
    """One notification the app gave, as `App.notify` was called."""

    message: str
    title: str
    severity: str
    timeout: float | None


def record_notifications(app: App[Any]) -> list[Note]:
    """Every notification `app` gives from now on, in order (its own `notify` still runs):
    Textual keeps the notes it shows to itself."""
    notes: list[Note] = []
    notify = app.notify

    def recording(message: str, *, title: str = "", severity: SeverityLevel = "information",
                  timeout: float | None = None, markup: bool = True) -> None:
        notes.append(Note(message, title, severity, timeout))
        notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    app.notify = recording  # type: ignore[method-assign]
    return notes

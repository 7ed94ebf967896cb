"""A seeded random walk of keys over every screen: the app keeps running, raises nothing, and
the journal it writes restores to the run that was played. Issue 12, item 5.

Each walk starts on one screen (the briefing, the dashboard, an announcement, the action and
statement dialogs, a workshop's tally, the help, the debrief) and types keys as a fast typist
would: several keys reach the app before it has redrawn, as they do from a real keyboard,
so a key can arrive while a dialog is still opening or already closing. Now and then the
fake clock moves on and the app ticks, as its timer would. Only quitting is left out.

2,400 keys in all run in the suite (about 25 s of CPU, shared by the suite's workers);
TABLETOP_LONG_TESTS=1 types 20,000 (about three minutes on one core).
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import RadioButton, RadioSet, TextArea

from tabletop.exercise.clock import FakeTime
from tabletop.exercise.engine import Exercise
from tabletop.journal.restore import restore
from tabletop.journal.session import Session
from tabletop.journal.sqlite_journal import save_session
from tabletop.journal.store import DB_NAME, Store
from tabletop.ui.app import TabletopApp
from tabletop.ui.factory import create_app, resume_app
from tabletop.ui.screens.action_dialog import ActionDialog, offered_actions
from tabletop.ui.screens.announcement import AnnouncementScreen
from tabletop.ui.screens.briefing import BriefingScreen
from tabletop.ui.screens.confirm import ConfirmScreen
from tabletop.ui.screens.dashboard import DashboardScreen
from tabletop.ui.screens.debrief import DebriefScreen
from tabletop.ui.screens.help import HelpScreen
from tabletop.ui.screens.statement_dialog import StatementDialog
from tabletop.ui.screens.tally import TallyScreen
from tests.ui.helpers import SEED, bundled, played_to

LONG = os.environ.get("TABLETOP_LONG_TESTS") == "1"
KEYS_PER_SCREEN = 2_500 if LONG else 300
"""Keys typed from each of the eight screens: 2,400 in the suite, 20,000 in the long run. A key
costs Textual about 9 ms of CPU on average (most keys change nothing; a change of focus or of
screen restyles and lays out the screen, up to 40 ms), so the suite's 2,400 take about 25 s of
CPU with the screens' opening, each screen's walk on whichever worker is free."""
BURST = 16
"""Keys sent before the app is let settle: a fast typist's burst."""

CHARACTERS = {"enter": "\r", "escape": "\x1b", "space": " "}

KEYS: tuple[tuple[str, str | None], ...] = (
    *((k, k) for k in "aseynixq1["),
    ("question_mark", "?"), ("plus", "+"), ("minus", "-"), ("space", " "),
    ("enter", "\r"), ("escape", "\x1b"), ("tab", "\t"), ("shift+tab", None),
    ("backspace", "\x7f"), ("up", None), ("down", None), ("left", None), ("right", None),
    ("home", None), ("end", None), ("pageup", None), ("pagedown", None), ("f1", None),
    ("ctrl+s", None), ("ctrl+r", None), ("tick", None),
)
"""Every key the screens bind but quitting (ctrl+q, ctrl+c) and the palette (ctrl+p), keys
that type text, and `tick`: the clock's timer firing, 20 real seconds on."""

async def _type(pilot: Pilot[None], *keys: str) -> None:
    """Type keys one by one, letting the app handle each (faster than `pilot.press`, which
    also waits for the CPU to go idle)."""
    for key in keys:
        pilot.app.post_message(events.Key(key, CHARACTERS.get(key, key)))
        await _settle(pilot)


async def _until(pilot: Pilot[None], screen: type[Screen[Any]],
                 after: Screen[Any] | None = None) -> Screen[Any]:
    """The screen on top once it is a `screen` other than `after` (a worker may push it a
    moment later)."""
    for _ in range(100):
        if isinstance(pilot.app.screen, screen) and pilot.app.screen is not after:
            return pilot.app.screen
        await pilot.pause(0.01)
    raise AssertionError(f"{screen.__name__} never opened; on {pilot.app.screen}")


async def _votes_to_the_tally(pilot: Pilot[None], app: TabletopApp) -> None:
    """Each team votes through its dialog: the tally opens."""
    await _type(pilot, "a")
    dialog = None
    offered = [a.id for a in offered_actions(app.exercise)]
    for action in ("freeze", "continue", "freeze"):
        dialog = await _until(pilot, ActionDialog, after=dialog)
        await _settle(pilot)  # its radio buttons mount after it
        choices = dialog.query_one("#action-choice", RadioSet).query(RadioButton)
        choices[offered.index(action)].value = True
        dialog.query_one("#justification", TextArea).text = f"{action}, on what we have seen"
        await _settle(pilot)
        await _type(pilot, "ctrl+s")
    await _until(pilot, TallyScreen)


TEAMS = ("Red", "Blue", "Green")


@dataclass(frozen=True)
class Start:
    """Where a walk starts: the run played by the core to a minute, and the keys that open
    the screen, each with the screen it opens."""

    screen: type[Screen[Any]]
    minute: float | None
    """None: a new run on its briefing."""
    opening: tuple[tuple[str, type[Screen[Any]]], ...] = ()
    workshop: bool = False

    def __str__(self) -> str:
        return self.screen.__name__


STATEMENT_ASKED = 55.0
"""When the default scenario asks for its statement."""

STARTS = (
    Start(BriefingScreen, None),
    Start(DashboardScreen, 5.0),
    Start(AnnouncementScreen, 20.5, (("i", AnnouncementScreen),)),
    Start(ActionDialog, 20.5, (("a", ActionDialog),)),
    Start(StatementDialog, STATEMENT_ASKED + 1, (("s", StatementDialog),)),
    Start(TallyScreen, 20.5, workshop=True),
    Start(HelpScreen, 5.0, (("f1", HelpScreen),)),
    Start(DebriefScreen, 5.0, (("e", ConfirmScreen), ("y", DebriefScreen))),
)


def _app(start: Start, store: Store, time: FakeTime) -> TabletopApp:
    """The app at the start's minute, journalling to `store` (the briefing's: once it is up)."""
    mode: dict[str, Any] = {"mode": "workshop", "teams": TEAMS} if start.workshop else {}
    if start.minute is None:
        return create_app(bundled(), scenario_ref=bundled().id, seed=SEED, time_source=time,
                          open_store=lambda: store)
    session = played_to(start.minute, time=time, **mode)
    save_session(store, session)
    return resume_app(session)


async def _settle(pilot: Pilot[None]) -> None:
    """Let the app handle every key sent so far (without waiting for the CPU to go idle,
    which on a busy machine costs far more than the keys)."""
    await pilot.pause(0)


async def _walk(pilot: Pilot[None], app: TabletopApp, time: FakeTime, rng: random.Random,
                keys: int) -> list[str]:
    """Type `keys` random keys in bursts; the keys typed."""
    typed: list[str] = []
    for n in range(keys):
        key, character = rng.choice(KEYS)
        typed.append(key)
        if key == "tick":
            time.advance(20.0)
            app.tick()
        else:
            app.post_message(events.Key(key, character))
        if n % BURST == BURST - 1:
            await _settle(pilot)
    for _ in range(3):  # a key can bubble back up to the app, or open a screen, once handled
        await _settle(pilot)
        await pilot.pause()
    return typed


def _run_of(exercise: Exercise) -> tuple[object, ...]:
    """What a restored session must have again: decisions, statements and injects."""
    return (exercise.decisions, exercise.statements,
            [(f.inject.id, f.minute) for f in exercise.fired], exercise.finished)


@pytest.mark.parametrize("start", STARTS, ids=str)
async def test_random_keys_on_each_screen_raise_nothing_and_the_journal_restores_the_run(
        start: Start, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the debrief's ctrl+s writes the report here
    seed = STARTS.index(start)
    store = Store(tmp_path / DB_NAME)
    time = FakeTime()
    app = _app(start, store, time)
    async with app.run_test(size=(80, 24)) as pilot:
        if start.workshop:
            await _votes_to_the_tally(pilot, app)
        for key, opens in start.opening:
            await _type(pilot, key)
            await _until(pilot, opens)
        assert isinstance(app.screen, start.screen)
        typed = await _walk(pilot, app, time, random.Random(seed), KEYS_PER_SCREEN)
        assert app.is_running, f"seed {seed}: the app stopped after {typed[-20:]}"
        session: Session = app.session
        played = _run_of(app.exercise)
        debrief = session.debrief()
        votes = list(session.voting.votes)
        started = app.started
    session_id = session.session_id
    assert session_id is not None
    restored_session = restore(store, session_id, bundled(), time_source=FakeTime())
    restored = _run_of(restored_session.exercise)
    assert restored_session.started == started
    assert restored == played, f"seed {seed}"
    assert restored_session.voting.votes == votes
    assert restored_session.debrief() == debrief
    store.close()

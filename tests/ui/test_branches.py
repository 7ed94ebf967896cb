"""A scenario's branch at the moment it matters (issue 22, item 1): a solo drill releases it by
itself; the facilitator is asked once, over the dashboard, and can release it later from the
steering dialog; either way a block that held at round 1 still reaches round 3."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from tabletop.exercise.clock import FakeTime
from tabletop.exercise.engine import Decision
from tabletop.exercise.replay import PlannedVotes
from tabletop.journal.restore import restore
from tabletop.journal.sqlite_journal import save_session
from tabletop.journal.store import DB_NAME, Store
from tabletop.ui.app import TabletopApp
from tabletop.ui.screens.announcement import AnnouncementScreen
from tabletop.ui.screens.confirm import ConfirmScreen
from tabletop.ui.screens.steering_dialog import SteeringDialog

from .helpers import SIZE, bundled, close_announcements, opened, paused_at, screen_text
from .test_steering import BLOCKED

ROUNDS_2_AND_3 = {"early-signals", "confirmation"}
BRANCH = next(i for i in bundled().injects if i.branch)


def _fired(app: TabletopApp) -> set[str]:
    return {f.inject.id for f in app.exercise.fired}


def _workshop_blocked() -> list[PlannedVotes]:
    teams = ("Red", "Blue")
    return [PlannedVotes(-10, tuple(Decision(-10, s.choice.action, s.choice.cited,
                                             s.choice.justification, checks=s.choice.checks,
                                             team=team) for team in teams))
            for s in BLOCKED]


async def _to(app: TabletopApp, minute: float) -> None:
    app.session.jump_to(minute)
    app.tick()


async def test_a_solo_drill_that_blocks_at_round_one_reaches_round_three(
        tmp_path: Path) -> None:
    harness = paused_at(2.0, steps=BLOCKED, mode="solo")
    async with harness.app.run_test(size=SIZE) as pilot:
        assert "block-holds" in _fired(harness.app)
        await _to(harness.app, BRANCH.minute + 1)
        await pilot.pause()
        assert isinstance(pilot.app.screen, AnnouncementScreen)  # the branch, announced
        assert BRANCH.title in " ".join(screen_text(pilot).split())
        await close_announcements(pilot)
        await _to(harness.app, 55.0)
        assert _fired(harness.app) >= ROUNDS_2_AND_3
        store = Store(tmp_path / DB_NAME)
        resumed = restore(store, save_session(store, harness.app.session), bundled(), FakeTime())
        assert {f.inject.id for f in resumed.exercise.fired} == _fired(harness.app)


async def test_the_facilitator_is_asked_at_the_moment_and_releasing_reaches_round_three(
        ) -> None:
    harness = paused_at(2.0, steps=_workshop_blocked(), mode="workshop", teams=("Red", "Blue"))
    async with harness.app.run_test(size=SIZE) as pilot:
        await _to(harness.app, BRANCH.minute + 1)
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert BRANCH.title in " ".join(screen_text(pilot).split())
        assert BRANCH.id not in _fired(harness.app)
        await pilot.press("y")
        await pilot.pause()
        assert BRANCH.id in _fired(harness.app)
        await close_announcements(pilot)
        await _to(harness.app, 55.0)
        assert _fired(harness.app) >= ROUNDS_2_AND_3


async def test_a_branch_left_at_the_moment_is_released_later_from_the_steering_dialog() -> None:
    harness = paused_at(2.0, steps=_workshop_blocked(), mode="workshop", teams=("Red", "Blue"))
    async with harness.app.run_test(size=SIZE) as pilot:
        await _to(harness.app, BRANCH.minute + 1)
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await _to(harness.app, BRANCH.minute + 3)
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ConfirmScreen)  # asked once, not again
        assert BRANCH.id not in _fired(harness.app)
        dialog = await opened(pilot, "o", SteeringDialog)
        options = dialog.query_one("#steer-waiting", OptionList)
        assert options.get_option_index(BRANCH.id) == 0  # ready, listed first
        options.highlighted = 0
        await pilot.click("#forward")
        await pilot.pause()
        assert BRANCH.id in _fired(harness.app)


async def test_the_next_inject_key_stops_at_the_branch_not_past_it() -> None:
    harness = paused_at(2.0, steps=_workshop_blocked(), mode="workshop", teams=("Red", "Blue"))
    async with harness.app.run_test(size=SIZE) as pilot:
        assert harness.app.exercise.next_inject_minute() != BRANCH.minute  # not announced
        await pilot.press("n")
        await pilot.pause()
        assert harness.app.exercise.minute == BRANCH.minute
        assert isinstance(pilot.app.screen, ConfirmScreen)

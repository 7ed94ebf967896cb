"""The facilitator steers from the seat (issue 22, item 1): `o` or the palette's "Steering"
opens the dialog; an inject written there is announced at once, one still to come is held back
or brought forward, an overrule deploys over the team's block; each is journalled and comes
back when the session is resumed."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, TextArea

from tabletop.exercise.clock import FakeTime
from tabletop.exercise.engine import Choice, Decision
from tabletop.exercise.replay import PlannedStep, PlannedVotes
from tabletop.exercise.steering import Steer
from tabletop.journal.restore import restore
from tabletop.journal.sqlite_journal import save_session
from tabletop.journal.steering import journal_steer
from tabletop.journal.store import DB_NAME, Store
from tabletop.ui.app import TabletopApp
from tabletop.ui.commands import PALETTE
from tabletop.ui.room.app import RoomApp
from tabletop.ui.screens.announcement import AnnouncementScreen
from tabletop.ui.screens.steering_dialog import SteeringDialog

from .helpers import SIZE, bundled, close_announcements, opened, paused_at, screen_text
from .room.helpers import room_on

BLOCKED = (PlannedStep(-10, Choice("approve-with-checks", checks=("slice-eval",))),
           PlannedStep(-10, Choice("block", ("x-slice-recall",), "recall fails off English")))
"""Round 1 played well: the checks run and the block cites what they found, so it holds."""


async def _open(pilot: Pilot[None]) -> SteeringDialog:
    return await opened(pilot, "o", SteeringDialog)


async def _write(pilot: Pilot[None], title: str, text: str, evidence: str,
                 effect: str = "none") -> None:
    dialog = await _open(pilot)
    dialog.query_one("#steer-title", Input).value = title
    dialog.query_one("#steer-text", TextArea).text = text
    dialog.query_one("#steer-evidence", TextArea).text = evidence
    dialog.query_one("#steer-effect", Select).value = effect
    await pilot.press("ctrl+s")
    await pilot.pause()


async def _move(pilot: Pilot[None], inject: str, button: str) -> None:
    dialog = await _open(pilot)
    options = dialog.query_one("#steer-waiting", OptionList)
    options.highlighted = options.get_option_index(inject)
    await pilot.click(f"#{button}")
    await pilot.pause()


def _resumed_fired(app: TabletopApp, tmp_path: Path) -> list[str]:
    """The injects fired once the session is saved, and resumed from the store."""
    store = Store(tmp_path / DB_NAME)
    session_id = save_session(store, app.session)
    return [f.inject.id for f in restore(store, session_id, bundled(), FakeTime()).exercise.fired]


def _fired(app: TabletopApp) -> list[str]:
    return [f.inject.id for f in app.exercise.fired]


async def test_an_inject_written_now_is_announced_and_survives_resume(tmp_path: Path) -> None:
    harness = paused_at(5.0)
    async with harness.app.run_test(size=SIZE) as pilot:
        await _write(pilot, "A journalist calls", "A reporter asks about misrouted tickets.",
                     "the reporter has a screenshot\n\nthe story runs at noon")
        assert isinstance(pilot.app.screen, AnnouncementScreen)
        assert "A journalist calls" in screen_text(pilot)
        (fired,) = [f for f in harness.app.exercise.fired if f.inject.id == "adhoc-1"]
        assert [e.text for e in fired.evidence] == ["the reporter has a screenshot",
                                                    "the story runs at noon"]
        assert _resumed_fired(harness.app, tmp_path) == _fired(harness.app)


async def test_a_held_inject_waits_until_brought_forward_and_survives_resume(
        tmp_path: Path) -> None:
    harness = paused_at(5.0)
    async with harness.app.run_test(size=SIZE) as pilot:
        await _move(pilot, "early-signals", "hold")
        harness.app.session.jump_to(30.0)
        assert "early-signals" not in _fired(harness.app)
        await _move(pilot, "early-signals", "forward")
        assert harness.app.exercise.fired[-1].inject.id == "early-signals"
        assert harness.app.exercise.fired[-1].minute == 30.0
        kinds = [e.data["kind"] for e in harness.app.session.journal.events()
                 if e.kind == "steer"]
        assert kinds == ["hold", "forward"]
        assert _resumed_fired(harness.app, tmp_path) == _fired(harness.app)


async def test_a_scheduled_inject_brought_forward_comes_now(tmp_path: Path) -> None:
    harness = paused_at(5.0)
    async with harness.app.run_test(size=SIZE) as pilot:
        await _move(pilot, "early-signals", "forward")
        assert isinstance(pilot.app.screen, AnnouncementScreen)
        assert harness.app.exercise.fired[-1].minute == 5.0
        assert _resumed_fired(harness.app, tmp_path) == _fired(harness.app)


async def test_a_workshop_whose_facilitator_overrules_the_block_reaches_round_three(
        tmp_path: Path) -> None:
    teams = ("Red", "Blue")
    votes = [PlannedVotes(-10, tuple(Decision(-10, s.choice.action, s.choice.cited,
                                              s.choice.justification, checks=s.choice.checks,
                                              team=team) for team in teams))
             for s in BLOCKED]
    harness = paused_at(2.0, steps=votes, mode="workshop", teams=teams)
    async with harness.app.run_test(size=SIZE) as pilot:
        assert "block-holds" in _fired(harness.app)
        await _write(pilot, "The programme director overrules the block",
                     "Term starts Monday: deploy at 25 % and watch the queues.", "",
                     effect="deploy")
        await close_announcements(pilot)
        harness.app.session.jump_to(20.0)
        harness.app.session.jump_to(55.0)
        assert {"early-signals", "confirmation"} <= set(_fired(harness.app))
        assert [d.action for d in harness.app.exercise.decisions] == [
            "approve-with-checks", "block"]  # the team's own, as scored
        assert _resumed_fired(harness.app, tmp_path) == _fired(harness.app)


async def test_steering_is_in_the_palette_and_not_offered_in_a_solo_drill() -> None:
    assert "steering" in PALETTE
    harness = paused_at(5.0, mode="solo")
    async with harness.app.run_test(size=SIZE) as pilot:
        assert not harness.app.offers("steer")
        await pilot.press("o")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, SteeringDialog)


async def test_the_room_shows_an_inject_the_facilitator_wrote(tmp_path: Path) -> None:
    room = room_on(tmp_path, 25)
    async with room.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        journal_steer(room.session, Steer("inject", 0, "adhoc-1", "The regulator calls",
                                          "A regulator asks for the incident log.",
                                          ("the regulator wants the log by five",)))
        assert isinstance(pilot.app, RoomApp)
        pilot.app.follow()
        await pilot.pause()
        follower = pilot.app.follower
        assert follower.exercise is not None
        assert follower.exercise.fired[-1].inject.title == "The regulator calls"
        assert "The regulator calls" in screen_text(pilot)
    room.store.close()

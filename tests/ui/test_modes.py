"""Workshop and solo modes, debrief capture and export, and resuming a saved session."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tabletop.exercise.clock import FakeTime
from tabletop.exercise.engine import Decision
from tabletop.exercise.replay import PlannedVotes
from tabletop.journal.restore import restore
from tabletop.journal.session import NullJournal
from tabletop.journal.setup import new_run
from tabletop.journal.sqlite_journal import save_session
from tabletop.journal.store import Store, StoreError
from tabletop.ui.factory import create_app, resume_app
from tabletop.ui.screens.announcement import AnnouncementScreen
from tabletop.ui.screens.briefing import BriefingScreen
from tabletop.ui.screens.dashboard import DashboardScreen
from tabletop.ui.screens.debrief import DebriefScreen
from tabletop.ui.screens.feedback import FeedbackScreen
from tabletop.ui.screens.tally import TallyScreen
from tabletop.ui.widgets.votes import VoteStrip
from tests.ui.helpers import (
    SEED,
    SIZE,
    Harness,
    act,
    bundled,
    end_now,
    fill_action_dialog,
    on_screen,
    open_action_dialog,
    paused_at,
    played_to,
    start,
)

TEAMS = ("Red", "Blue", "Green")
ROUND_TWO = 20.5
"""Just after round 2 arrives: its decision is open."""
WORKSHOP: dict[str, Any] = {"mode": "workshop", "teams": TEAMS, "speed": 60}
ROUND_TWO_VOTES = PlannedVotes(ROUND_TWO, (
    Decision(ROUND_TWO, "freeze", ("r2-overrides", "r2-reviewer"), "overrides x5", team="Red"),
    Decision(ROUND_TWO, "continue", ("r2-latency",), "latency is green", team="Blue"),
    Decision(ROUND_TWO, "freeze", (), "hold while we look", team="Green")))
"""Two teams freeze, one continues on green latency."""


async def _round_two_votes(pilot: Pilot[None]) -> None:
    """Each team's vote through its own dialog, as `ROUND_TWO_VOTES`."""
    await open_action_dialog(pilot)
    for vote in ROUND_TWO_VOTES.votes:
        await fill_action_dialog(pilot, vote.action, vote.cited, justification=vote.justification)


async def test_workshop_votes_go_to_the_tally_and_the_room_follows_the_majority() -> None:
    h = paused_at(ROUND_TWO, **WORKSHOP)
    async with h.app.run_test(size=SIZE) as pilot:
        await _round_two_votes(pilot)
        assert isinstance(pilot.app.screen, TallyScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        session = h.app.session
        assert [(v.team, v.action) for v in session.voting.votes] == [
            ("Red", "freeze"), ("Blue", "continue"), ("Green", "freeze")]
        assert [d.action for d in h.app.exercise.decisions] == ["freeze"]
        assert "facilitator" not in h.app.exercise.decisions[0].justification  # the majority's
        strip = on_screen(pilot.app.screen.query_one(VoteStrip))
        assert "alignment 67 %" in strip
        assert "Freeze the rollout 2" in strip


async def test_cancelling_the_first_teams_dialog_records_nothing() -> None:
    h = paused_at(ROUND_TWO, **WORKSHOP)
    async with h.app.run_test(size=SIZE) as pilot:
        await open_action_dialog(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DashboardScreen)
        assert h.app.session.voting.votes == []
        assert h.app.exercise.decisions == []
        assert h.app.session.voting.ballot is None


def _dialog_title(pilot: Pilot[None]) -> str:
    return on_screen(pilot.app.screen.query_one(".dialog-title"))


def _journalled_votes(h: Harness) -> list[str]:
    return [e.data["team"] for e in h.app.session.journal.events() if e.kind == "vote"]


async def test_a_vote_submitted_is_journalled_and_kept_when_the_next_team_cancels(
) -> None:
    h = paused_at(ROUND_TWO, **WORKSHOP)
    async with h.app.run_test(size=SIZE) as pilot:
        await open_action_dialog(pilot)
        await fill_action_dialog(pilot, "freeze")
        assert "BLUE TEAM" in _dialog_title(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DashboardScreen)
        assert _journalled_votes(h) == ["Red"]
        assert h.app.exercise.decisions == []
        await open_action_dialog(pilot)
        assert "BLUE TEAM" in _dialog_title(pilot)


async def test_votes_taken_while_the_clock_would_pass_t0_at_speed_120_are_recorded() -> None:
    h = paused_at(-9.0, mode="workshop", teams=TEAMS, speed=120)
    async with h.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")  # the clock runs, two scenario minutes a second
        await open_action_dialog(pilot)
        for team, action in zip(TEAMS, ("approve", "approve-with-checks", "approve"),
                                strict=True):
            h.time.advance(10.0)  # each team takes ten seconds: twenty scenario minutes
            h.app.tick()
            assert f"{team.upper()} TEAM" in _dialog_title(pilot)
            await fill_action_dialog(pilot, action, ["r1-f1"])
        assert isinstance(pilot.app.screen, TallyScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [d.action for d in h.app.exercise.decisions] == ["approve"]
        assert h.app.exercise.decisions[0].minute == pytest.approx(-9.0, abs=0.02)
        points = {e.data["decision"] for e in h.app.session.journal.events() if e.kind == "vote"}
        assert points == {"pre-release"}
        assert h.app.exercise.clock.running  # it ran when the vote opened


async def test_the_debrief_scores_each_team_on_its_own_votes() -> None:
    h = paused_at(ROUND_TWO, steps=[ROUND_TWO_VOTES], **WORKSHOP)
    async with h.app.run_test(size=SIZE) as pilot:
        await end_now(pilot)
        board = on_screen(pilot.app.screen.query_one("#scoreboard"))
        lines = [line for line in board.splitlines() if any(t in line for t in TEAMS)]
        assert "Blue" in lines[-1]  # continuing on green latency ranks last


async def test_a_solo_drill_shows_the_rubrics_feedback_after_a_decision() -> None:
    h = paused_at(ROUND_TWO, mode="solo", speed=60)
    async with h.app.run_test(size=SIZE) as pilot:
        await act(pilot, "continue", ["r2-latency"])
        screen = pilot.app.screen
        assert isinstance(screen, FeedbackScreen)
        text = " ".join(on_screen(w) for w in screen.query(".feedback-why"))
        assert "trap" in text


async def test_a_solo_drills_feedback_opens_over_the_check_results_it_caused() -> None:
    """The checks' results arrive as announcements at the decision's minute; the feedback on
    the decision opens over them, never under, and they wait beneath it."""
    h = paused_at(-9.5, mode="solo", speed=60)
    async with h.app.run_test(size=SIZE) as pilot:
        await act(pilot, "approve-with-checks", checks=["slice-eval"])
        await pilot.pause()
        assert isinstance(pilot.app.screen, FeedbackScreen)
        assert isinstance(pilot.app.screen_stack[-2], AnnouncementScreen)


async def test_debrief_answers_are_saved_when_the_field_is_left() -> None:
    app = paused_at(-5).app
    async with app.run_test(size=SIZE) as pilot:
        await end_now(pilot)
        answer = pilot.app.screen.query_one("#answer-1", Input)
        answer.focus()
        await pilot.press(*"yes, F1")
        await pilot.press("tab")
        await pilot.pause()
        journal = app.session.journal
        assert isinstance(journal, NullJournal)
        saved = [e.data for e in journal.events() if e.kind == "answer"]
        assert saved[-1] == {"part": "question", "index": 1, "text": "yes, F1"}


async def test_the_export_key_writes_the_report_in_three_formats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    app = paused_at(-5).app
    async with app.run_test(size=SIZE) as pilot:
        await end_now(pilot)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()  # the report is written off the UI's thread
        await pilot.pause()
        assert app.card is not None
        written = sorted(p.suffix for p in tmp_path.glob("tabletop-*"))
        assert written == [".html", ".json", ".md"]
        data = json.loads(next(tmp_path.glob("tabletop-*.json")).read_text())
        assert data["score"]["total"] == app.card.total


async def test_a_resumed_session_opens_paused_at_its_minute_with_its_votes(
    tmp_path: Path,
) -> None:
    store = Store.open(str(tmp_path))
    session_id = save_session(store, played_to(ROUND_TWO + 1, steps=[ROUND_TWO_VOTES],
                                               **WORKSHOP))
    app = resume_app(restore(store, session_id, bundled(), time_source=FakeTime()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, DashboardScreen)
        assert not app.exercise.clock.running
        assert app.exercise.minute == pytest.approx(ROUND_TWO + 1, abs=0.02)
        assert [v.justification for v in app.session.voting.votes] == [
            "overrides x5", "latency is green", "hold while we look"]
        assert "alignment 67 %" in on_screen(pilot.app.screen.query_one(VoteStrip))
    store.close()


async def test_a_session_resumed_mid_vote_goes_on_from_the_next_team(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path))
    session = played_to(ROUND_TWO, **WORKSHOP)
    session_id = save_session(store, session)
    session.voting.open()
    session.voting.cast(ROUND_TWO_VOTES.votes[0])
    app = resume_app(restore(store, session_id, bundled(), time_source=FakeTime()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert [v.team for v in app.session.voting.votes] == ["Red"]
        await open_action_dialog(pilot)
        assert "BLUE TEAM" in _dialog_title(pilot)
    store.close()


async def test_a_session_resumed_after_it_ended_opens_on_its_debrief(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path))
    session = played_to(-5)
    session_id = save_session(store, session)
    app = resume_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await end_now(pilot)
        total = app.card.total if app.card else None
    again = resume_app(restore(store, session_id, bundled(), time_source=FakeTime()))
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(pilot.app.screen, DebriefScreen)
        assert again.card is not None
        assert again.card.total == total
    store.close()


async def test_a_session_resumed_before_it_was_started_opens_on_its_briefing(
        tmp_path: Path) -> None:
    store = Store.open(str(tmp_path))
    session_id = save_session(store, new_run(bundled(), ref="student-support-release",
                                             seed=SEED, time_source=FakeTime()))
    app = resume_app(restore(store, session_id, bundled(), time_source=FakeTime()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert app.exercise.fired == []
        await start(pilot, close_round_one=False)
        assert isinstance(app.screen, AnnouncementScreen)  # round 1, as a new run's
    kinds = [stored.event.kind for stored in store.events(session_id)]
    assert kinds[:2] == ["started", "inject"]
    store.close()


async def test_the_store_opened_once_the_app_is_up_keeps_every_event(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path))
    opened: list[Store] = []

    def open_store() -> Store:
        opened.append(store)
        return store

    app = create_app(bundled(), scenario_ref="student-support-release", seed=SEED,
                     time_source=FakeTime(), briefing=False, open_store=open_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.store is store
        session_id = store.latest_session_id()
        assert session_id is not None
        kinds = [s.event.kind for s in store.events(session_id)]
    assert kinds[:2] == ["started", "inject"]
    assert opened == [store]
    store.close()


async def test_a_store_that_cannot_open_ends_the_app_with_status_2() -> None:
    def open_store() -> Store:
        raise StoreError("the database is version 9, newer than this program")

    app = create_app(bundled(), scenario_ref="student-support-release", seed=SEED,
                     time_source=FakeTime(), briefing=False, open_store=open_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert app.return_code == 2
    assert app.store is None

"""Workshop and solo modes, debrief capture and export, and resuming a saved session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tabletop.exercise.clock import FakeTime
from tabletop.journal.restore import restore
from tabletop.journal.session import NullJournal
from tabletop.journal.store import Store, StoreError
from tabletop.ui.app import create_app, resume_app
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
    advance_to,
    bundled,
    fill_action_dialog,
    on_screen,
    start,
)

TEAMS = ("Red", "Blue", "Green")


def _workshop(store: Store | None = None) -> Harness:
    fake = FakeTime()
    app = create_app(bundled(), scenario_ref="student-support-release", seed=SEED, speed=60,
                     time_source=fake, mode="workshop", teams=TEAMS,
                     open_store=(lambda: store) if store else None)
    return Harness(app, fake)


async def _round_two_votes(pilot: Pilot[None], h: Harness) -> None:
    await advance_to(pilot, h, 20.5)
    await pilot.press("escape")  # close the round 2 announcement, clock paused
    await pilot.pause()
    await pilot.press("a")
    await pilot.pause()
    await fill_action_dialog(pilot, "freeze", ["r2-overrides", "r2-reviewer"],
                             justification="overrides x5")
    await fill_action_dialog(pilot, "continue", ["r2-latency"], justification="latency is green")
    await fill_action_dialog(pilot, "freeze", justification="hold while we look")


async def test_workshop_votes_go_to_the_tally_and_the_room_follows_the_majority() -> None:
    h = _workshop()
    async with h.app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await _round_two_votes(pilot, h)
        assert isinstance(pilot.app.screen, TallyScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        session = h.app.session
        assert [(v.team, v.action) for v in session.votes] == [
            ("Red", "freeze"), ("Blue", "continue"), ("Green", "freeze")]
        assert [d.action for d in h.app.exercise.decisions] == ["freeze"]
        assert "facilitator" not in h.app.exercise.decisions[0].justification  # the majority's
        strip = on_screen(pilot.app.screen.query_one(VoteStrip))
        assert "alignment 67 %" in strip
        assert "Freeze at 25 % 2" in strip


async def test_cancelling_a_teams_dialog_records_nothing() -> None:
    h = _workshop()
    async with h.app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await advance_to(pilot, h, 20.5)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await fill_action_dialog(pilot, "freeze")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DashboardScreen)
        assert h.app.session.votes == [] and h.app.exercise.decisions == []


async def test_the_debrief_scores_each_team_on_its_own_votes() -> None:
    h = _workshop()
    async with h.app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await _round_two_votes(pilot, h)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("e", "y")
        await pilot.pause()
        board = on_screen(pilot.app.screen.query_one("#scoreboard"))
        lines = [line for line in board.splitlines() if any(t in line for t in TEAMS)]
        assert "Blue" in lines[-1]  # continuing on green latency ranks last


async def test_a_solo_drill_shows_the_rubrics_feedback_after_a_decision() -> None:
    fake = FakeTime()
    app = create_app(bundled(), scenario_ref="student-support-release", seed=SEED, speed=60,
                     time_source=fake, mode="solo")
    h = Harness(app, fake)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await advance_to(pilot, h, 20.5)
        await pilot.press("escape")
        await pilot.pause()
        await act(pilot, "continue", ["r2-latency"])
        screen = pilot.app.screen
        assert isinstance(screen, FeedbackScreen)
        text = " ".join(on_screen(w) for w in screen.query(".feedback-why"))
        assert "trap" in text


async def test_debrief_answers_are_saved_when_the_field_is_left() -> None:
    fake = FakeTime()
    app = create_app(bundled(), scenario_ref="student-support-release", seed=SEED,
                     time_source=fake)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("e", "y")
        await pilot.pause()
        answer = pilot.app.screen.query_one("#answer-1", Input)
        answer.focus()
        await pilot.press(*"yes, F1 on stored data")
        await pilot.press("tab")
        await pilot.pause()
        journal = app.session.journal
        assert isinstance(journal, NullJournal)
        saved = [e.data for e in journal.events() if e.kind == "answer"]
        assert saved[-1] == {"part": "question", "index": 1, "text": "yes, F1 on stored data"}


async def test_the_export_key_writes_the_report_in_three_formats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    fake = FakeTime()
    app = create_app(bundled(), scenario_ref="student-support-release", seed=SEED,
                     time_source=fake)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("e", "y")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
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
    h = _workshop(store)
    async with h.app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await _round_two_votes(pilot, h)
        await pilot.press("ctrl+s")
        await pilot.pause()
        minute = h.app.exercise.minute
    session_id = store.latest_session_id()
    assert session_id is not None
    restored = restore(store, session_id, bundled(), time_source=FakeTime())
    app = resume_app(restored)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, DashboardScreen)
        assert not app.exercise.clock.running
        assert app.exercise.minute == pytest.approx(minute, abs=0.02)
        assert [v.justification for v in app.session.votes] == [
            "overrides x5", "latency is green", "hold while we look"]
        assert "alignment 67 %" in on_screen(pilot.app.screen.query_one(VoteStrip))
    store.close()


async def test_a_session_resumed_after_it_ended_opens_on_its_debrief(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path))
    fake = FakeTime()
    app = create_app(bundled(), scenario_ref="student-support-release", seed=SEED,
                     time_source=fake, open_store=lambda: store)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("e", "y")
        await pilot.pause()
        total = app.card.total if app.card else None
    session_id = store.latest_session_id()
    assert session_id is not None
    again = resume_app(restore(store, session_id, bundled(), time_source=FakeTime()))
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(pilot.app.screen, DebriefScreen)
        assert again.card is not None and again.card.total == total
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

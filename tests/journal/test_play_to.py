"""A session prepared at a scenario minute: played there through the session by the replay
engine, journalled as players would have played it, its clock paused."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabletop.exercise.clock import FakeTime
from tabletop.exercise.engine import Decision
from tabletop.exercise.replay import PlannedStatement, PlannedVotes, StepError
from tabletop.journal.restore import restore
from tabletop.journal.setup import new_run, play_to
from tabletop.journal.sqlite_journal import save_session
from tabletop.journal.store import DB_NAME, Store
from tests.helpers import mini, session_at, step


def test_a_session_played_to_a_minute_stands_paused_there() -> None:
    session = session_at(22.0, scenario=mini())
    assert session.exercise.minute == 22.0
    assert not session.exercise.clock.running


def test_its_injects_up_to_that_minute_have_fired_and_are_journalled() -> None:
    session = session_at(22.0, scenario=mini())
    fired = [f.inject.id for f in session.exercise.fired]
    assert fired == ["briefing", "signals", "escalation"]
    journalled = [e.data["id"] for e in session.journal.events() if e.kind == "inject"]
    assert journalled == fired


def test_its_steps_are_taken_at_their_minutes_and_journalled() -> None:
    session = session_at(22.0, step(12, "freeze", ("overrides",)), scenario=mini())
    (decision,) = session.exercise.decisions
    assert (decision.minute, decision.action, decision.cited) == (12.0, "freeze",
                                                                  ("overrides",))
    actions = [e for e in session.journal.events() if e.kind == "action"]
    assert [(e.minute, e.data["action"]) for e in actions] == [(12.0, "freeze")]


def test_statements_are_sent_at_their_minutes() -> None:
    sent = (PlannedStatement(31, "notice", "misrouted; students affected"),)
    session = session_at(35.0, scenario=mini(), statements=sent)
    assert [(s.request, s.minute) for s in session.exercise.statements] == [("notice", 31.0)]


def test_votes_are_recorded_and_the_room_takes_its_decision() -> None:
    votes = PlannedVotes(12, (Decision(0, "freeze", team="Red"),
                              Decision(0, "rollback", team="Blue")), pick="rollback")
    session = session_at(15.0, votes, scenario=mini(), mode="workshop", teams=("Red", "Blue"))
    assert [(v.team, v.action, v.minute) for v in session.voting.votes] == [
        ("Red", "freeze", 12.0), ("Blue", "rollback", 12.0)]
    assert [d.action for d in session.exercise.decisions] == ["rollback"]


def test_a_session_played_to_a_minute_restores_to_the_same_run(tmp_path: Path) -> None:
    store = Store(tmp_path / DB_NAME)
    session = new_run(mini(), ref="mini.yaml", time_source=FakeTime())
    save_session(store, session)
    play_to(session, 35.0, [step(0, "freeze"), step(12, "rollback", ("reviewer",))],
            [PlannedStatement(31, "notice", "misrouted")])
    assert session.session_id is not None
    restored = restore(store, session.session_id, mini(), FakeTime())
    ours, theirs = restored.exercise, session.exercise
    assert (ours.minute, ours.fired, ours.decisions, ours.statements, ours.items) == (
        theirs.minute, theirs.fired, theirs.decisions, theirs.statements, theirs.items)


def test_a_step_after_the_minute_is_refused() -> None:
    with pytest.raises(ValueError, match="after minute 10"):
        session_at(10.0, step(12, "freeze"), scenario=mini())


def test_a_step_the_exercise_refuses_says_why() -> None:
    with pytest.raises(StepError, match="not available"):
        session_at(10.0, step(5, "approve"), scenario=mini())

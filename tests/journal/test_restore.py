"""A restored session is the session: same minute, rollout, evidence, decisions, votes, and
played on it reaches the same debrief as a run that was never interrupted."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tabletop.base.words import fmt_minute
from tabletop.exercise.clock import FakeTime, GameClock
from tabletop.exercise.engine import Choice, Exercise
from tabletop.exercise.variation import played_variation, vary
from tabletop.journal import events
from tabletop.journal.events import Event
from tabletop.journal.restore import RestoreError, restore
from tabletop.journal.session import Session
from tabletop.journal.setup import new_run
from tabletop.journal.sqlite_journal import new_session, save_session
from tabletop.journal.store import DB_NAME, Store
from tabletop.scoring.rubric import score
from tests.helpers import bundled, mini
from tests.journal.helpers import (
    STATEMENT,
    TEAMS,
    Driver,
    session_id,
    start_workshop,
    uninterrupted,
    uninterrupted_cards,
)


def assert_same_run(a: Session, b: Session) -> None:
    """Two sessions agree on everything a player or the score card can see."""
    ea, eb = a.exercise, b.exercise
    assert ea.minute == eb.minute
    assert ea.fired == eb.fired
    assert ea.decisions == eb.decisions
    assert ea.statements == eb.statements
    assert ea.items == eb.items
    assert ea.plan() == eb.plan()
    assert a.voting.votes == b.voting.votes
    assert (a.mode, a.teams, a.scenario_ref) == (b.mode, b.teams, b.scenario_ref)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / DB_NAME)


def test_a_restored_session_stands_where_the_journal_stopped(store: Store) -> None:
    driver = start_workshop(store, FakeTime())
    driver.run_until(30.0)
    restored = restore(store, session_id(driver.session), bundled(), FakeTime())
    assert restored.exercise.minute == 30.0
    assert not restored.exercise.clock.running
    assert restored.exercise.clock.speed == driver.session.exercise.clock.speed
    assert_same_run(restored, driver.session)
    assert restored.exercise.snapshot() == driver.session.exercise.snapshot()
    assert restored.exercise.revealed_ids() == driver.session.exercise.revealed_ids()
    assert restored.exercise.available_actions() == driver.session.exercise.available_actions()


def test_every_choice_and_justification_is_back(store: Store) -> None:
    driver = start_workshop(store, FakeTime())
    driver.run_until(30.0)
    restored = restore(store, session_id(driver.session), bundled(), FakeTime())
    assert [(v.team, v.action, v.cited, v.justification, v.confidence, v.checks)
            for v in restored.voting.votes] == [
        (v.team, v.action, v.cited, v.justification, v.confidence, v.checks)
        for v in driver.session.voting.votes]
    assert [d.action for d in restored.exercise.decisions] == ["approve-with-checks", "rollback"]


def test_restored_and_played_on_scores_exactly_like_an_uninterrupted_run(store: Store) -> None:
    driver = start_workshop(store, FakeTime())
    driver.run_until(30.0)
    sid = session_id(driver.session)
    del driver  # the laptop lid closes

    time = FakeTime(5000.0)
    restored = restore(store, sid, bundled(), time)
    restored.resume()
    Driver(restored, time).finish()

    assert_same_run(restored, uninterrupted())
    cards = uninterrupted_cards()
    assert score(restored.exercise) == cards[""]
    for team in TEAMS:
        assert score(restored.exercise, restored.voting.team_votes(team)) == cards[team]
    info = store.session(sid)
    assert (info.state, info.total, info.grade) == ("ended", cards[""].total, cards[""].grade)


def test_restoring_twice_on_the_way_changes_nothing(store: Store) -> None:
    time = FakeTime()
    driver = start_workshop(store, time)
    sid = session_id(driver.session)
    for stop in (-7.0, 12.5, 40.0, 70.0):
        driver.run_until(stop)
        time = FakeTime(time.now + 100)
        session = restore(store, sid, bundled(), time)
        session.resume()
        driver = Driver(session, time)
    driver.finish()
    assert_same_run(driver.session, uninterrupted())
    assert score(driver.session.exercise) == uninterrupted_cards()[""]


def test_a_checkpoint_holds_the_clock_where_it_was(store: Store) -> None:
    driver = start_workshop(store, FakeTime())
    driver.run_until(44.0)  # the driver checkpoints each whole minute
    restored = restore(store, session_id(driver.session), bundled(), FakeTime())
    assert restored.exercise.minute == 44.0


def test_speed_changes_are_restored(store: Store) -> None:
    driver = start_workshop(store, FakeTime())
    driver.session.set_speed(6.0)
    driver.run_until(3.0)
    restored = restore(store, session_id(driver.session), bundled(), FakeTime())
    assert restored.exercise.clock.speed == 6.0


def test_an_ended_session_restores_ended_with_the_same_card(store: Store) -> None:
    driver = start_workshop(store, FakeTime())
    driver.run_until(60.0)
    card = driver.session.end()
    restored = restore(store, session_id(driver.session), bundled(), FakeTime())
    assert restored.exercise.ended_at == driver.session.exercise.ended_at == 60.0
    assert restored.exercise.finished
    assert score(restored.exercise) == card


def test_a_statement_is_restored_with_its_fields(store: Store) -> None:
    driver = start_workshop(store, FakeTime())
    driver.run_until(58.0)
    restored = restore(store, session_id(driver.session), bundled(), FakeTime())
    (record,) = restored.exercise.statements
    assert (record.request, record.minute, record.fields) == (
        "incident-statement", 57.0, STATEMENT)
    assert restored.exercise.open_statements() == []


def test_new_events_go_on_to_the_same_journal(store: Store) -> None:
    driver = start_workshop(store, FakeTime())
    driver.run_until(10.0)
    sid = session_id(driver.session)
    before = len(store.events(sid))
    restored = restore(store, sid, bundled(), FakeTime())
    restored.resume()
    events = store.events(sid)
    assert len(events) == before + 1
    assert events[-1].event == Event("resume", 10.0)


def test_a_session_never_started_restores_at_its_start_with_nothing_fired(
        store: Store) -> None:
    scenario = bundled()
    sid = save_session(store, new_run(scenario, ref=scenario.id, time_source=FakeTime()))
    restored = restore(store, sid, scenario, FakeTime())
    assert not restored.started
    assert restored.exercise.fired == []
    assert restored.exercise.minute == scenario.start_minute
    # Started now, its first injects fire and are journalled as a new run's would be.
    restored.start()
    fired = restored.tick()
    assert fired
    assert restored.started
    kinds = [stored.event.kind for stored in store.events(sid)]
    assert kinds == ["started", *["inject"] * len(fired)]
    again = restore(store, sid, scenario, FakeTime())
    assert again.started
    assert again.exercise.fired == restored.exercise.fired


def test_a_solo_drill_restores_the_stream_it_varied(store: Store) -> None:
    scenario = bundled()
    varied = vary(scenario, 4242)
    assert varied.stream != scenario.stream
    time = FakeTime()
    exercise = Exercise(varied, 4242, GameClock(scenario.start_minute, 6.0, time))
    session = new_session(store, exercise, "student-support-release", "solo")
    session.start()
    time.advance(300.0)  # 30 scenario minutes at speed 6
    session.tick()
    session.act(Choice("freeze", ("r2-overrides", "r2-reviewer"), "misroutes and overrides"))
    session.pause()
    sid = session_id(session)
    assert store.session(sid).variation == played_variation(varied)

    restored = restore(store, sid, scenario, FakeTime())  # the file as loaded, not varied
    assert restored.exercise.scenario == varied
    assert_same_run(restored, session)


def test_a_session_of_another_scenario_is_refused(store: Store) -> None:
    driver = start_workshop(store, FakeTime())
    other = dataclasses.replace(bundled(), id="another")
    with pytest.raises(RestoreError, match="another"):
        restore(store, session_id(driver.session), other)


def test_a_scenario_changed_since_the_session_is_reported(store: Store) -> None:
    driver = start_workshop(store, FakeTime())
    driver.run_until(22.0)
    scenario = bundled()
    changed = dataclasses.replace(scenario, injects=tuple(
        dataclasses.replace(i, minute=50.0) if i.id == "early-signals" else i
        for i in scenario.injects))
    with pytest.raises(RestoreError, match="early-signals"):
        restore(store, session_id(driver.session), changed)


def _mini_session(store: Store, time: FakeTime) -> Session:
    """A team run of the mini scenario in the store, started and ticked at its first minute."""
    session = new_run(mini(), ref="mini.yaml", speed=60.0, time_source=time)
    save_session(store, session)
    session.start()
    session.tick()
    return session


def _fired(session: Session) -> list[str]:
    return [f.inject.id for f in session.exercise.fired]


def test_a_decision_taken_with_the_clock_at_an_inject_minute_restores_after_that_inject(
        store: Store) -> None:
    session = _mini_session(store, FakeTime())
    session.pause()
    session.jump_to(20.0)  # the escalation fires: nothing was frozen by 20
    session.act(Choice("freeze"))  # at 20.00, after it
    assert "escalation" in _fired(session)
    restored = restore(store, session_id(session), mini(), FakeTime())
    assert_same_run(restored, session)


def test_a_decision_is_stamped_and_restored_at_the_minute_the_clock_showed(
        store: Store) -> None:
    time = FakeTime()
    session = _mini_session(store, time)
    time.advance(29.995)  # T+19.995 at speed 60: the clock shows T+20:00
    session.act(Choice("freeze"))
    time.advance(1.0)
    session.tick()
    session.pause()
    assert fmt_minute(session.exercise.decisions[0].minute) == "T+20:00"
    assert session.exercise.decisions[0].minute == pytest.approx(19.995)
    assert "escalation" not in _fired(session)  # frozen before it was due
    restored = restore(store, session_id(session), mini(), FakeTime())
    assert_same_run(restored, session)


def test_an_old_journal_stamped_at_the_next_hundredth_restores_as_played(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(events, "STAMP", {})  # written as before issue 22
    time = FakeTime()
    session = _mini_session(store, time)
    session.exercise.hundredths = True
    time.advance(29.995)  # T+19.995 at speed 60
    session.act(Choice("freeze"))  # takes effect at 20.00: the escalation due then sees it
    time.advance(1.0)
    session.tick()
    session.pause()
    assert [d.minute for d in session.exercise.decisions] == [20.0]
    assert "escalation" not in _fired(session)
    restored = restore(store, session_id(session), mini(), FakeTime())
    assert_same_run(restored, session)
    assert not restored.exercise.hundredths  # what is taken next is stamped at the clock


def test_a_journalled_decision_that_no_longer_validates_names_the_session_minute_and_reason(
        store: Store) -> None:
    driver = start_workshop(store, FakeTime())
    driver.run_until(22.0)
    scenario = bundled()
    changed = dataclasses.replace(scenario, actions=tuple(
        dataclasses.replace(a, available_until=15.0) if a.id == "rollback" else a
        for a in scenario.actions))
    sid = session_id(driver.session)
    with pytest.raises(RestoreError, match=rf"session {sid}: the action journalled at minute 21 "
                                           r".*'rollback' is not available"):
        restore(store, sid, changed)

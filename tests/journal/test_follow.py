"""The room's view follows a session another process writes, read-only: the same run, the
clock where the facilitator's stands, the presentation, votes hidden until the vote closes,
and the clock stopped when the writer is gone."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tabletop.exercise.clock import FakeTime, GameClock
from tabletop.exercise.engine import Choice, Decision, Exercise
from tabletop.journal.events import Presentation, present_event
from tabletop.journal.follow import Follower, open_read_only
from tabletop.journal.rows import SessionInfo
from tabletop.journal.session import Session
from tabletop.journal.sqlite_journal import new_session
from tabletop.journal.store import DB_NAME, Store
from tabletop.scenario.bundled import DEFAULT_SCENARIO
from tabletop.scenario.model import Scenario
from tests.helpers import bundled
from tests.journal.helpers import HALT_VOTES, PRE_RELEASE_VOTES, TEAMS

EPOCH = 1_800_000_000.0
"""Wall time of the fake clock's start."""


class Clocks:
    """One fake time for the facilitator's game clock, the store's `at` and the follower."""

    def __init__(self) -> None:
        self.fake = FakeTime()
        self.start = self.fake()

    def wall(self) -> float:
        return EPOCH + self.fake() - self.start

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.wall(), UTC)


def load(_: SessionInfo) -> Scenario:
    return bundled()


def facilitator(path: Path, clocks: Clocks, speed: float = 60.0,
                teams: tuple[str, ...] = ()) -> tuple[Store, Session]:
    """A store written the way `tabletop run` writes it, the session started."""
    store = Store(path, now=clocks.now)
    scenario = bundled()
    exercise = Exercise(scenario, None, GameClock(scenario.start_minute, speed, clocks.fake))
    session = new_session(store, exercise, DEFAULT_SCENARIO, "workshop" if teams else "team",
                          teams)
    assert session.session_id is not None
    store.claim(session.session_id)
    session.start()
    session.tick()
    return store, session


def test_it_waits_for_the_store_and_never_writes(tmp_path: Path) -> None:
    clocks = Clocks()
    path = tmp_path / DB_NAME
    follower = Follower(path, load, wall=clocks.wall)
    assert not follower.poll()
    assert "waiting" in follower.problem
    assert not path.exists()
    store, _ = facilitator(path, clocks)
    assert follower.poll()
    assert follower.exercise is not None
    assert follower.info is not None
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        open_read_only(path).execute("DELETE FROM events")
    store.close()


def test_the_clock_runs_with_the_facilitators_and_stops_with_a_pause(tmp_path: Path) -> None:
    clocks = Clocks()
    store, session = facilitator(tmp_path / DB_NAME, clocks)
    follower = Follower(tmp_path / DB_NAME, load, wall=clocks.wall)
    follower.poll()
    clocks.fake.advance(30.0)  # half a scenario minute at 60x, nothing journalled
    ex = follower.exercise
    assert ex is not None
    assert not follower.poll()  # nothing new: cheap, and the clock runs on by itself
    assert ex.minute == pytest.approx(session.exercise.minute)
    clocks.fake.advance(30.0)
    session.pause()
    assert follower.poll()
    assert not ex.clock.running
    assert ex.minute == pytest.approx(session.exercise.minute)
    store.close()


def test_an_action_replays_the_same_run(tmp_path: Path) -> None:
    clocks = Clocks()
    store, session = facilitator(tmp_path / DB_NAME, clocks)
    follower = Follower(tmp_path / DB_NAME, load, wall=clocks.wall)
    follower.poll()
    before = follower.exercise
    assert before is not None
    session.act(Choice("approve"))
    clocks.fake.advance(6 * 60.0)
    session.tick()
    follower.poll()
    ex = follower.exercise
    assert ex is not None
    assert ex is not before  # the action made the follower replay the journal again
    assert ex.decisions == session.exercise.decisions
    assert ex.fired == session.exercise.fired
    assert ex.items == session.exercise.items
    store.close()


def test_the_clock_stops_when_the_writer_is_gone_and_a_new_session_is_followed(
        tmp_path: Path) -> None:
    clocks = Clocks()
    path = tmp_path / DB_NAME
    store, session = facilitator(path, clocks)
    session.checkpoint()
    follower = Follower(path, load, wall=clocks.wall)
    follower.poll()
    assert follower.exercise is not None
    assert follower.exercise.clock.running
    store.close()  # the facilitator quits: no pause is journalled, the lock is let go
    clocks.fake.advance(5.0)
    assert follower.poll()
    assert not follower.exercise.clock.running
    first = follower.info
    store2, _ = facilitator(path, clocks)
    follower.poll()
    assert follower.info is not None
    assert first is not None
    assert follower.info.id > first.id
    store2.close()


def test_presentation_and_votes_hidden_until_the_vote_closes(tmp_path: Path) -> None:
    clocks = Clocks()
    store, session = facilitator(tmp_path / DB_NAME, clocks, teams=TEAMS)
    follower = Follower(tmp_path / DB_NAME, load, wall=clocks.wall)
    session.journal.append(present_event(session.exercise.minute,
                                         Presentation(blank=True, view="clock")))
    follower.poll()
    assert follower.presentation == Presentation(blank=True, view="clock")
    session.voting.open()
    for vote in PRE_RELEASE_VOTES[:2]:
        session.voting.cast(vote)
    follower.poll()
    assert follower.votes() == ([], 2)
    session.voting.cast(PRE_RELEASE_VOTES[2])
    session.voting.close()
    follower.poll()
    shown, open_count = follower.votes()
    assert open_count == 0
    assert [v.team for v in shown] == list(TEAMS)
    assert isinstance(HALT_VOTES[0], Decision)
    store.close()

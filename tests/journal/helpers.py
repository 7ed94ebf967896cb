"""A scripted workshop on the default scenario, driven the way the screen drives a session.

The same script runs in the test process and in a child process that is killed with SIGKILL,
so "restored and played on" can be compared with "played straight through".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tabletop.base.kinds import Mode
from tabletop.exercise.clock import FakeTime, GameClock
from tabletop.exercise.engine import Decision, Exercise
from tabletop.journal.events import checkpoint_event
from tabletop.journal.session import Session
from tabletop.journal.setup import new_run
from tabletop.journal.sqlite_journal import SqliteJournal, new_session, save_session
from tabletop.journal.store import Store
from tabletop.scenario.bundled import DEFAULT_SCENARIO
from tabletop.scenario.model import Scenario
from tabletop.scoring.rubric import ScoreCard, score
from tests.helpers import bundled

REPO = Path(__file__).resolve().parents[2]
"""The checkout, for child processes to import tabletop and tests from."""
TEAMS = ("Red", "Blue", "Green")
SPEED = 60.0
"""One scenario minute per second of (fake) wall time."""
TICK = 0.5
"""Scenario minutes between two ticks of the screen's timer."""


def _v(team: str, action: str, cited: tuple[str, ...], why: str, confidence: str = "medium",
       checks: tuple[str, ...] = ()) -> Decision:
    return Decision(0.0, action, cited, why, confidence, checks, team)  # type: ignore[arg-type]


PRE_RELEASE_VOTES = (
    _v("Red", "approve-with-checks", ("r1-f1",), "F1 on stored data says nothing about live "
       "multilingual traffic", "high", ("slice-eval",)),
    _v("Blue", "approve", ("r1-f1", "r1-staging"), "Staging is clean | ship it", "medium"),
    _v("Green", "approve-with-checks", ("r1-regression",), "Want a canary review", "low",
       ("canary-review",)),
)
HALT_VOTES = (
    _v("Red", "rollback", ("x-slice-recall", "r2-overrides"), "Recall collapsed outside "
       "English <b>and</b> overrides rose", "high"),
    _v("Blue", "continue", ("r2-latency",), "Latency is green", "medium"),
    _v("Green", "freeze", ("r2-overrides", "r2-reviewer"), "Hold at 25 % & investigate", "medium"),
)
STATEMENT = {"statement": "Urgent tickets from multilingual students were misrouted to the "
                          "general queue; we rolled back; next update at 17:00."}


def _pre_release(session: Session) -> None:
    session.record_votes(PRE_RELEASE_VOTES)


def _halt(session: Session) -> None:
    session.record_votes(HALT_VOTES, pick="rollback")


def _statement(session: Session) -> None:
    session.submit_statement("incident-statement", STATEMENT)


STEPS: tuple[tuple[float, Callable[[Session], None]], ...] = (
    (-5.0, _pre_release), (21.0, _halt), (57.0, _statement))
"""What the facilitator does, at which scenario minute."""
KILL_AFTER = 30.0
"""The child is killed after both decision points, before the statement."""


@dataclass
class Driver:
    """Plays a session as the screen would: a timer tick every `TICK` minutes, a checkpoint
    every whole scenario minute, the scripted steps at their minutes."""

    session: Session
    time: FakeTime

    def run_until(self, until: float) -> None:
        """Play on to scenario minute `until` (the clock must be running)."""
        exercise = self.session.exercise
        while exercise.minute < until and not exercise.finished:
            now = exercise.minute
            due = [m for m, _ in STEPS if now < m]
            target = min([now + TICK, until, *due])
            self.time.advance((target - now) * 60.0 / exercise.clock.speed)
            self.session.tick()
            for minute, step in STEPS:
                if minute == exercise.minute:
                    step(self.session)
            if exercise.minute == int(exercise.minute):
                self.session.journal.append(checkpoint_event(exercise.minute))

    def finish(self) -> None:
        """Play to the end and end the exercise."""
        self.run_until(self.session.exercise.scenario.end_minute)
        self.session.end()


def start_workshop(store: Store | None, time: FakeTime,
                   scenario: Scenario | None = None) -> Driver:
    """A started workshop session, journalled to `store` (in memory when None)."""
    scenario = scenario or bundled()
    exercise = Exercise(scenario, None, GameClock(scenario.start_minute, SPEED, time))
    if store is None:
        session = Session(exercise, None, DEFAULT_SCENARIO, "workshop", TEAMS)
    else:
        session = new_session(store, exercise, DEFAULT_SCENARIO, "workshop", TEAMS)
    session.start()
    session.tick()
    return Driver(session, time)


def session_id(session: Session) -> int:
    """The store id of a session journalled to the store."""
    assert isinstance(session.journal, SqliteJournal)
    assert session.session_id is not None
    return session.session_id


@cache
def uninterrupted() -> Session:
    """The whole workshop played straight through, in memory (played once; do not change it)."""
    driver = start_workshop(None, FakeTime())
    driver.finish()
    return driver.session


@cache
def uninterrupted_cards() -> dict[str, ScoreCard]:
    """The straight run's score card (key "") and each team's own."""
    session = uninterrupted()
    cards = {"": score(session.exercise)}
    cards.update({team: score(session.exercise, session.voting.team_votes(team)) for team in TEAMS})
    return cards


def started_run(store: Store, scenario: Scenario | None = None, mode: Mode = "solo") -> Session:
    """A new run of `scenario` (the default one) saved in `store`, started and paused at its
    first round, its clock at 60x on a fake time."""
    scenario = scenario or bundled()
    session = new_run(scenario, ref=scenario.id, mode=mode, speed=60.0, time_source=FakeTime())
    save_session(store, session)
    session.start()
    session.tick()
    session.pause()
    return session

"""The session: every intent applied to the exercise and journalled in the same call."""

from __future__ import annotations

import pytest

from tabletop.exercise.clock import FakeTime
from tabletop.exercise.engine import ActionError, Decision
from tabletop.journal.events import Event
from tabletop.journal.session import Session
from tabletop.journal.setup import new_run
from tests.helpers import mini

FREEZE_TWICE = (Decision(0, "freeze", team="Red"), Decision(0, "rollback", team="Blue"),
                Decision(0, "freeze", team="Green"))


def _at_signals() -> Session:
    """A workshop on the mini scenario, paused at minute 12, the halt decision open."""
    session = new_run(mini(), mode="workshop", teams=("Red", "Blue", "Green"),
                      time_source=FakeTime())
    session.start()
    session.pause()
    session.jump_to(12.0)
    return session


def test_a_pick_equal_to_the_majority_is_the_majoritys_decision() -> None:
    decision = _at_signals().record_votes(FREEZE_TWICE, pick="freeze")
    assert decision.justification == "Room decision: 2 of 3 teams"


def test_a_pick_against_the_majority_is_the_facilitators() -> None:
    decision = _at_signals().record_votes(FREEZE_TWICE, pick="rollback")
    assert (decision.action, decision.justification) == (
        "rollback", "Room decision: 1 of 3 teams (facilitator's pick)")


def test_without_a_pick_the_majority_decides() -> None:
    assert _at_signals().record_votes(FREEZE_TWICE).action == "freeze"


def test_a_tie_without_a_pick_is_refused() -> None:
    with pytest.raises(ActionError, match="tied"):
        _at_signals().record_votes(FREEZE_TWICE[:2])


def test_a_jump_is_journalled_with_the_minute_reached_then_the_injects_it_fired() -> None:
    events = _at_signals().journal.events()
    assert events[-3:] == [Event("jump", 12.0, {"to": 12.0}),
                           Event("inject", -10.0, {"id": "briefing"}),
                           Event("inject", 10.0, {"id": "signals"})]


def test_the_clock_timer_journals_one_checkpoint_per_scenario_minute_it_runs_through() -> None:
    time = FakeTime()
    session = new_run(mini(), time_source=time, speed=60.0)
    session.start()
    for _ in range(6):  # ticks half a scenario minute apart
        time.advance(0.5)
        session.advance()
    session.pause()
    time.advance(5.0)
    session.advance()
    checkpoints = [e.minute for e in session.journal.events() if e.kind == "checkpoint"]
    assert [int(m) for m in checkpoints] == [-9, -8, -7]

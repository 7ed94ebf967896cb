"""The replay engine takes each step through the validated path, at the minute it took effect,
with injects due then seeing it as they did live."""

from __future__ import annotations

import pytest

from tabletop.exercise.clock import FakeTime, GameClock
from tabletop.exercise.engine import Choice, Decision, Exercise, effect_minute
from tabletop.exercise.replay import (
    PlannedStatement,
    PlannedStep,
    PlannedVotes,
    StepError,
    earliest_clock,
    take_step,
)
from tests.helpers import mini, run, step


def fresh() -> Exercise:
    """The mini scenario at its start, its clock paused."""
    scenario = mini()
    return Exercise(scenario, None, GameClock(scenario.start_minute, 60.0, FakeTime()))


def fired(exercise: Exercise) -> list[str]:
    return [f.inject.id for f in exercise.fired]


def test_a_planned_step_comes_after_the_injects_due_at_its_minute() -> None:
    exercise = fresh()
    take_step(exercise, step(20, "freeze"))
    assert "escalation" in fired(exercise)  # the clock stood at 20 before the team acted


def test_a_step_stamped_at_the_clock_is_taken_with_the_clock_on_its_minute() -> None:
    exercise = fresh()
    take_step(exercise, PlannedStep(20.004, Choice("freeze"), not_before=12.0))
    assert exercise.decisions[0].minute == 20.004
    assert "escalation" in fired(exercise)  # due at 20: the clock passed it before the step


def old_journal() -> Exercise:
    """An exercise restoring an old journal's steps: stamped at the next hundredth."""
    exercise = fresh()
    exercise.hundredths = True
    return exercise


def test_a_journalled_step_is_seen_by_the_injects_due_at_its_minute() -> None:
    exercise = old_journal()
    take_step(exercise, PlannedStep(20.0, Choice("freeze"), not_before=12.0))
    assert exercise.decisions[0].minute == 20.0
    assert "escalation" not in fired(exercise)  # taken live just before 20, effective at 20


def test_a_journalled_step_after_the_clock_stood_at_its_minute_comes_after_those_injects(
) -> None:
    exercise = old_journal()
    take_step(exercise, PlannedStep(20.0, Choice("freeze"), not_before=20.0))
    assert "escalation" in fired(exercise)


def test_a_journalled_step_only_available_at_its_minute_is_taken_there() -> None:
    exercise = old_journal()
    take_step(exercise, PlannedStep(0.0, Choice("freeze"), not_before=-5.0))  # available from 0
    assert [(d.minute, d.action) for d in exercise.decisions] == [(0.0, "freeze")]


def test_a_step_carries_every_field_into_the_decision() -> None:
    exercise = fresh()
    choice = Choice("approve", ("f1",), "F1 rose", "high", ("slice-eval",), "Red")
    take_step(exercise, PlannedStep(-10, choice))
    assert exercise.decisions == [Decision(-10.0, "approve", ("f1",), "F1 rose", "high",
                                           ("slice-eval",), "Red")]


def test_a_refused_step_names_the_step_and_the_reason() -> None:
    planned = step(5, "approve")  # available until 0
    with pytest.raises(StepError, match="not available") as caught:
        take_step(fresh(), planned)
    assert caught.value.step == planned


def test_a_refused_citation_is_refused_on_replay_as_it_would_be_live() -> None:
    with pytest.raises(StepError, match="not revealed"):
        take_step(fresh(), PlannedStep(5.0, Choice("freeze", ("missed",)), not_before=4.0))


def test_a_journalled_step_that_would_take_effect_at_another_minute_is_refused() -> None:
    with pytest.raises(StepError, match="now takes effect at minute 20"):
        take_step(old_journal(), PlannedStep(20.005, Choice("freeze"), not_before=19.0))


def test_a_journalled_statement_is_sent_with_its_fields_at_its_minute() -> None:
    exercise = fresh()
    take_step(exercise, step(30, "freeze"))
    take_step(exercise, PlannedStatement(31.5, "notice", fields={"statement": "misrouted"},
                                         not_before=30.0))
    (sent,) = exercise.statements
    assert (sent.minute, sent.fields) == (31.5, {"statement": "misrouted"})


def test_votes_are_taken_only_through_a_session() -> None:
    votes = PlannedVotes(-10, (Decision(0, "approve", team="Red"),))
    with pytest.raises(StepError, match="session"):
        take_step(fresh(), votes)


def test_the_earliest_clock_minute_gives_the_same_effect_minute() -> None:
    for minute in (-10.0, -5.16, 0.0, 0.01, 19.99, 20.0, 21.34, 89.99):
        earliest = earliest_clock(minute)
        assert effect_minute(earliest, hundredths=True) == minute
        assert minute - 0.01 < earliest < minute


def test_play_takes_steps_at_their_minutes_through_the_same_validation() -> None:
    with pytest.raises(StepError, match="not available"):
        run(mini(), step(5, "approve"))

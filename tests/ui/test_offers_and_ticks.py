"""Which keys apply now and when the next tick comes: plain functions, checked without an app."""

from __future__ import annotations

import pytest

from tabletop.exercise.clock import FakeTime
from tabletop.ui.game_timer import MIN_DELAY, TICK_SECONDS, seconds_to_next_tick
from tabletop.ui.offers import SPEED_STEPS, applies, next_speed

from .helpers import played_to


def test_faster_and_slower_step_through_the_speeds_and_stop_at_either_end() -> None:
    assert next_speed(5, faster=True) == 10
    assert next_speed(5, faster=False) == 2
    assert next_speed(SPEED_STEPS[-1], faster=True) == SPEED_STEPS[-1]
    assert next_speed(SPEED_STEPS[0], faster=False) == SPEED_STEPS[0]


def test_a_key_of_the_running_exercise_is_hidden_before_it_starts_and_greyed_at_the_top_speed(
) -> None:
    exercise = played_to(-5).exercise
    assert applies("act", exercise, in_play=False, announced=False) is False
    assert applies("resume", exercise, in_play=True, announced=False) is True
    assert applies("pause", exercise, in_play=True, announced=False) is False
    exercise.clock.set_speed(SPEED_STEPS[-1])
    assert applies("faster", exercise, in_play=True, announced=False) is None


def test_the_next_tick_is_a_second_away_unless_an_inject_is_due_sooner() -> None:
    time = FakeTime()
    exercise = played_to(-5, time=time).exercise
    assert seconds_to_next_tick(exercise) == TICK_SECONDS  # paused
    exercise.clock.resume()
    assert seconds_to_next_tick(exercise) == TICK_SECONDS
    upcoming = exercise.next_inject_minute()
    assert upcoming is not None
    time.advance((upcoming - exercise.minute) * 60 - 0.5)  # half a real second before it
    assert seconds_to_next_tick(exercise) == pytest.approx(0.5)
    time.advance(0.49)  # never sooner than MIN_DELAY
    assert seconds_to_next_tick(exercise) == MIN_DELAY

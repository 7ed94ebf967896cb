"""The game clock: scenario minutes computed from anchors, never accumulated, so never drifting."""

from __future__ import annotations

import math

import pytest

from tabletop.exercise.clock import FakeTime, GameClock

ORIGIN = 1000.0
"""Where FakeTime starts, in wall seconds."""
EIGHT_HOURS = 8 * 60 * 60
"""Eight simulated hours, in simulated seconds."""


def running_clock(speed: float = 1.0, start_minute: float = 0.0) -> tuple[GameClock, FakeTime]:
    fake = FakeTime(ORIGIN)
    return GameClock(start_minute, speed=speed, time_source=fake, running=True), fake


def test_a_new_clock_is_paused_at_its_start_minute() -> None:
    fake = FakeTime()
    clock = GameClock(-10.0, time_source=fake)
    fake.advance(600)
    assert clock.running is False
    assert clock.minute == -10.0


def test_a_running_clock_advances_one_minute_per_real_minute_at_speed_1() -> None:
    clock, fake = running_clock()
    fake.advance(90)
    assert clock.minute == 1.5


def test_speed_60_makes_one_scenario_minute_a_real_second() -> None:
    clock, fake = running_clock(speed=60)
    fake.advance(5)
    assert clock.minute == 5.0


def test_paused_clock_holds_its_minute() -> None:
    clock, fake = running_clock()
    fake.advance(120)
    clock.pause()
    fake.advance(3600)
    assert clock.minute == 2.0
    assert clock.running is False


def test_resume_continues_from_the_paused_minute() -> None:
    clock, fake = running_clock()
    fake.advance(120)
    clock.pause()
    fake.advance(3600)
    clock.resume()
    assert clock.minute == 2.0
    fake.advance(60)
    assert clock.minute == 3.0


def test_pausing_twice_keeps_the_first_pause_minute() -> None:
    clock, fake = running_clock()
    fake.advance(60)
    clock.pause()
    fake.advance(60)
    clock.pause()
    fake.advance(60)
    clock.resume()
    assert clock.minute == 1.0


def test_resuming_a_running_clock_changes_nothing() -> None:
    clock, fake = running_clock()
    fake.advance(60)
    clock.resume()
    fake.advance(60)
    assert clock.minute == 2.0


def test_a_speed_change_does_not_jump_the_minute() -> None:
    clock, fake = running_clock()
    fake.advance(300)
    clock.set_speed(60)
    assert clock.minute == 5.0


def test_a_speed_change_applies_from_the_moment_it_is_made() -> None:
    clock, fake = running_clock()
    fake.advance(300)
    clock.set_speed(60)
    fake.advance(10)
    assert clock.minute == 15.0
    assert clock.speed == 60


def test_a_speed_change_while_paused_applies_after_resume() -> None:
    clock, fake = running_clock()
    clock.pause()
    clock.set_speed(6)
    fake.advance(100)
    assert clock.minute == 0.0
    clock.resume()
    fake.advance(10)
    assert clock.minute == 1.0


def test_jump_to_moves_the_clock_to_that_minute() -> None:
    clock, fake = running_clock()
    fake.advance(30)
    clock.jump_to(55.0)
    assert clock.minute == 55.0
    fake.advance(60)
    assert clock.minute == 56.0


def test_jump_to_while_paused_stays_paused_at_the_new_minute() -> None:
    fake = FakeTime()
    clock = GameClock(0.0, time_source=fake)
    clock.jump_to(20.0)
    fake.advance(600)
    assert clock.minute == 20.0


def test_jump_to_can_move_backwards() -> None:
    clock, _ = running_clock(start_minute=30)
    clock.jump_to(-5.0)
    assert clock.minute == -5.0


def test_real_seconds_until_a_minute_follows_the_speed() -> None:
    clock, _ = running_clock(speed=60)
    assert clock.real_seconds_until(20.0) == 20.0
    assert clock.real_seconds_until(-1.0) == 0.0


@pytest.mark.parametrize("speed", [0.0, -1.0, math.nan, math.inf])
def test_a_speed_that_is_not_a_positive_finite_number_is_refused(speed: float) -> None:
    with pytest.raises(ValueError, match="speed must be a finite number more than 0"):
        GameClock(speed=speed, time_source=FakeTime())
    clock, _ = running_clock()
    with pytest.raises(ValueError, match="speed must be a finite number more than 0"):
        clock.set_speed(speed)


def test_a_refused_speed_change_leaves_the_clock_as_it_was() -> None:
    clock, fake = running_clock(speed=2)
    fake.advance(60)
    with pytest.raises(ValueError, match="speed must be a finite number"):
        clock.set_speed(math.nan)
    fake.advance(60)
    assert clock.minute == 4.0


@pytest.mark.parametrize("minute", [math.nan, math.inf])
def test_jumping_to_a_minute_that_is_not_finite_is_refused(minute: float) -> None:
    clock, _ = running_clock()
    with pytest.raises(ValueError, match="cannot jump to minute"):
        clock.jump_to(minute)


@pytest.mark.parametrize("speed", [1.0, 60.0])
def test_reading_every_simulated_second_for_eight_hours_never_drifts(speed: float) -> None:
    clock, fake = running_clock(speed=speed)
    wall_per_simulated_second = 1.0 / speed
    for second in range(EIGHT_HOURS + 1):
        # The fake time source is set, not advanced, so only the clock could accumulate error.
        fake.now = ORIGIN + second * wall_per_simulated_second
        assert abs(clock.minute - second / 60.0) <= 1e-9
    assert clock.minute == 480.0


def test_ticking_the_source_by_whole_seconds_for_eight_hours_lands_exactly() -> None:
    clock, fake = running_clock(speed=1)
    for _ in range(EIGHT_HOURS):
        fake.advance(1.0)
        _ = clock.minute
    assert clock.minute == 480.0


def test_a_paused_and_resumed_sequence_sums_correctly() -> None:
    clock, fake = running_clock(speed=1)
    fake.advance(600)          # 10 minutes at speed 1
    clock.pause()
    fake.advance(7200)         # two paused hours count for nothing
    clock.resume()
    clock.set_speed(60)
    fake.advance(30)           # 30 minutes at speed 60
    clock.pause()
    clock.set_speed(2)
    fake.advance(999)
    clock.resume()
    fake.advance(300)          # 10 minutes at speed 2
    assert clock.minute == 50.0


def test_many_pause_resume_cycles_over_eight_hours_add_up_exactly() -> None:
    clock, fake = running_clock(speed=60)
    for _ in range(480):
        fake.advance(1.0)      # one scenario minute running
        clock.pause()
        fake.advance(17.3)     # an odd pause that must not count
        clock.resume()
    assert abs(clock.minute - 480.0) <= 1e-9

"""The game clock: scenario minutes computed from wall time, pauses and speed.

Scenario time is never accumulated tick by tick. Each pause, resume, speed change or jump
re-anchors the clock at (wall time, scenario minute); between anchors the minute is a single
multiplication, so a clock read a million times drifts no more than one read once.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

TimeSource = Callable[[], float]
"""Returns seconds from an arbitrary origin, like `time.monotonic`."""


class GameClock:
    """Scenario minutes at `speed` scenario minutes per real minute.

    Args:
        start_minute: scenario minute at which the clock stands when created.
        speed: scenario minutes per real minute; 60 makes one scenario minute a second.
        time_source: leave as default unless testing; tests pass a `FakeTime`.
        running: start running (True) or paused (False, the default).
    """

    def __init__(
        self, start_minute: float = 0.0, speed: float = 1.0,
        time_source: TimeSource = time.monotonic, running: bool = False,
    ) -> None:
        _check_speed(speed)
        self._now = time_source
        self._anchor_wall = time_source()
        self._anchor_minute = start_minute
        self._speed = speed
        self._running = running

    @property
    def minute(self) -> float:
        """The scenario minute now."""
        if not self._running:
            return self._anchor_minute
        elapsed = self._now() - self._anchor_wall
        return self._anchor_minute + elapsed * self._speed / 60.0

    @property
    def speed(self) -> float:
        """Scenario minutes per real minute."""
        return self._speed

    @property
    def running(self) -> bool:
        """True while time passes."""
        return self._running

    def _reanchor(self, minute: float | None = None) -> None:
        self._anchor_minute = self.minute if minute is None else minute
        self._anchor_wall = self._now()

    def pause(self) -> None:
        """Stop time at the current minute."""
        self._reanchor()
        self._running = False

    def resume(self) -> None:
        """Let time pass again from the minute it was paused at."""
        self._reanchor()
        self._running = True

    def set_speed(self, speed: float) -> None:
        """Change speed from now on; the minute shown does not jump."""
        _check_speed(speed)
        self._reanchor()
        self._speed = speed

    def jump_to(self, minute: float) -> None:
        """Move the clock to a scenario minute (the facilitator fires the next inject now)."""
        if not math.isfinite(minute):
            raise ValueError(f"cannot jump to minute {minute!r}")
        self._reanchor(minute)

    def real_seconds_until(self, minute: float) -> float:
        """Wall seconds until the clock reaches `minute` at the current speed."""
        return max(0.0, (minute - self.minute) * 60.0 / self._speed)


def _check_speed(speed: float) -> None:
    # NaN compares false with everything, so `speed <= 0` alone would let it through and
    # turn every later minute into NaN.
    if not (math.isfinite(speed) and speed > 0):
        raise ValueError(f"speed must be a finite number more than 0, not {speed!r}")


class FakeTime:
    """A time source for tests: time moves only when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        self.now += seconds

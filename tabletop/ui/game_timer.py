"""The timer that ticks the app while the scenario clock runs.

The core never runs a timer: the UI calls `tick` about once a second. One-shot timers re-armed
after each tick, so a slow refresh never overlaps the next one, and aimed at the next inject's
minute when that comes sooner, so an inject shows at its minute even at high speeds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from textual.app import App
from textual.timer import Timer

from tabletop.exercise.engine import Exercise


@runtime_checkable
class FollowsClock(Protocol):
    """A screen that shows the scenario minute itself (a dialog's deadline): the app's tick
    hands it the minute."""

    def show_time(self, minute: float) -> None:
        """Show what depends on the scenario minute now."""


TICK_SECONDS = 1.0
"""Real seconds between refreshes while the clock runs."""
MIN_DELAY = 0.02
"""Shortest wait before a tick aimed at an inject's minute."""


def seconds_to_next_tick(exercise: Exercise) -> float:
    """One second, or less to land on the next inject or the end of the scenario."""
    clock = exercise.clock
    if not clock.running:
        return TICK_SECONDS
    targets = [exercise.scenario.end_minute]
    upcoming = exercise.next_inject_minute()
    if upcoming is not None:
        targets.append(upcoming)
    until = min(clock.real_seconds_until(m) for m in targets)
    return max(MIN_DELAY, min(TICK_SECONDS, until))


class GameTimer:
    """Calls `tick` while the exercise's clock runs, from `resume` until `stop`.

    Args:
        app: the app whose timers these are.
        exercise: the exercise whose clock decides when to tick.
        tick: advances the exercise and redraws (the app's `tick`).
    """

    def __init__(self, app: App[None], exercise: Exercise, tick: Callable[[], None]) -> None:
        self._app = app
        self._exercise = exercise
        self._tick = tick
        self._stopped = False
        # Created paused: the clock starts when the briefing ends, not when the app mounts.
        self._timer: Timer = app.set_timer(TICK_SECONDS, self._on_timer, name="game-clock",
                                           pause=True)

    def resume(self) -> None:
        """Start ticking."""
        self._timer.resume()

    def stop(self) -> None:
        """Stop for good (the exercise is over)."""
        self._stopped = True
        self._timer.stop()

    def _on_timer(self) -> None:
        """One tick, then re-arm."""
        if not self._app.is_running:  # shutting down: the screens may already be gone
            return
        if self._exercise.clock.running:
            self._tick()
        if not self._stopped:
            self._timer = self._app.set_timer(seconds_to_next_tick(self._exercise),
                                              self._on_timer, name="game-clock")

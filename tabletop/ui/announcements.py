"""The announcements of injects that ask for discussion: one at a time, in the order they fired.

An inject marked `pause` is read out to the room: it pauses the clock when it arrives (unless
the facilitator turned that off) and waits its turn behind any announcement still open. Closing
the last one may let the clock run again; what else happens then is the app's business.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tabletop.exercise.engine import FiredInject
from tabletop.journal.session import Session

if TYPE_CHECKING:  # the screen is imported when the first announcement opens
    from textual.app import App

    from tabletop.ui.screens.announcement import AnnouncementResult


class Announcements:
    """The queue of announcements still to show, and the one on screen.

    Args:
        app: the app to show them in.
        session: the session whose clock an arrival pauses and a close resumes.
        pause_on_inject: pause the clock when an inject that asks for it arrives.
        closed: called after each announcement closes (and the clock was resumed if asked).
    """

    def __init__(self, app: App[None], session: Session, *, pause_on_inject: bool,
                 closed: Callable[[AnnouncementResult | None], None]) -> None:
        self._app = app
        self._session = session
        self._pause_on_inject = pause_on_inject
        self._closed = closed
        self._waiting: deque[FiredInject] = deque()
        self._seen = 0
        """How many of the exercise's fired injects were handed to the queue."""
        self.showing = False
        """True while an announcement is on screen."""
        self.last: FiredInject | None = None
        """The latest inject announced, which the last-inject key shows again."""

    @property
    def waiting(self) -> bool:
        """True when announcements are queued behind the one on screen (or none)."""
        return bool(self._waiting)

    def catch_up(self, fired: Sequence[FiredInject]) -> None:
        """Take the injects fired since the last call: each that asks for discussion pauses the
        clock (if the facilitator wants that) and waits its turn to be announced."""
        for new in fired[self._seen:]:
            if not new.inject.pause:
                continue
            if self._pause_on_inject:
                self._session.pause()
            self._waiting.append(new)
        self._seen = len(fired)

    def announced_before(self, fired: Sequence[FiredInject]) -> None:
        """A restored session: these were announced when it was played; the last of them is
        the one the last-inject key shows again."""
        self._seen = len(fired)
        self.last = fired[-1] if fired else None

    def show_next(self) -> None:
        """Open the next queued announcement, unless one is already on screen."""
        if self.showing or not self._waiting:
            return
        # The first announcement comes after the first paint: its screen is imported then.
        from tabletop.ui.screens.announcement import AnnouncementScreen

        fired = self._waiting.popleft()
        self.showing = True
        self.last = fired
        exercise = self._session.exercise
        self._app.push_screen(
            AnnouncementScreen(fired, exercise.scenario.roles, not exercise.clock.running),
            self._on_close)

    def show_last_again(self) -> None:
        """Show the latest announcement again (not while one is on screen)."""
        if self.last is not None and not self.showing:
            self._waiting.appendleft(self.last)
            self.show_next()

    def clear(self) -> None:
        """Drop the announcements still waiting (the exercise is over)."""
        self._waiting.clear()

    def _on_close(self, result: AnnouncementResult | None) -> None:
        self.showing = False
        if result is not None and result.then == "resume" and not self._waiting:
            self._session.resume()
        self._closed(result)

"""The facilitator's presentation keys: each changes what the room's view shows and journals
the whole of it as a `present` event, which the room's view follows (`journal.follow`)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from tabletop.journal.events import Presentation
from tabletop.journal.session import Session

DISCUSSION_MINUTES: tuple[float, ...] = (2.0, 5.0, 10.0)
"""The discussion timer's lengths, one per press of its key, then off."""
PANEL_NAMES = {"feed": "the live feed", "fault-log": "the log", "overrides": "the overrides",
               "runbook": "the runbook", "evidence": "the evidence", "health": "service health",
               "confidence": "confidence by segment", "outcomes": "the outcomes",
               "canary-judge": "the canary judge"}
"""How the facilitator's notification names each panel shown full screen."""


class Presenter:
    """What the room's view shows, as the facilitator sets it from the facilitator's seat.

    Args:
        session: the session; `present` events go to its journal.
        wall: the wall clock, seconds since the epoch; leave as default unless testing.
    """

    def __init__(self, session: Session, wall: Callable[[], float] = time.time) -> None:
        self.session = session
        self._wall = wall
        self.shown = session.presentation()
        """What the room's view shows now (a resumed session: as the journal left it)."""
        self.announcing = False
        """The room's view shows a round's announcement over the dashboard: it fired with
        the clock standing, which has not run since, nor has a presentation key been pressed
        (as `RoomApp` decides it)."""
        self._fired = len(session.exercise.fired)  # resumed: the room has seen these

    def follow_run(self, fired: int, running: bool) -> None:
        """The run as the seat's dashboard shows it: `fired` injects, the clock `running`."""
        if fired != self._fired:
            # A solo drill has no room to tell: its line would only take one from the panels.
            self.announcing = not running and self.session.mode != "solo"
            self._fired = fired
        elif running:
            self.announcing = False

    def _show(self, shown: Presentation) -> None:
        self.shown = shown
        self.announcing = False  # the room's view acknowledges a round on any change
        self.session.present(shown)

    def blank(self) -> str:
        """Blank the room's screen, or bring it back; what the facilitator is told."""
        self._show(replace(self.shown, blank=not self.shown.blank))
        return "The room's screen is blank." if self.shown.blank else \
            "The room's screen is back."

    def discussion(self) -> str:
        """Start the next discussion timer length, or stop the timer after the longest."""
        length = self.shown.timer_seconds / 60 if self.timer_left() > 0 else 0.0
        later = [m for m in DISCUSSION_MINUTES if m > length]
        if not later:
            self._show(replace(self.shown, timer_end="", timer_seconds=0.0))
            return "Discussion timer off."
        minutes = later[0]
        end = datetime.fromtimestamp(self._wall() + minutes * 60, UTC)
        self._show(replace(self.shown, timer_end=end.isoformat(timespec="milliseconds"),
                           timer_seconds=minutes * 60))
        return f"Discussion timer: {minutes:g} minutes on the room's screen."

    def timer_left(self) -> float:
        """Seconds left on the discussion timer (0 when there is none or it ran out)."""
        return seconds_left(self.shown, self._wall())

    def big_clock(self) -> str:
        """The big clock alone on the room's view, or the dashboard again."""
        view = "dashboard" if self.shown.view == "clock" else "clock"
        self._show(replace(self.shown, view=view))
        return "The room sees the big clock." if view == "clock" else \
            "The room sees the dashboard."

    def drafting(self, on: bool) -> None:
        """The statement dialog opened (the room reads that the team is writing) or closed."""
        if self.shown.drafting != on:
            self._show(replace(self.shown, drafting=on))

    def question(self, index: int) -> None:
        """The facilitator moved to debrief question `index`: the room's view shows it."""
        if self.shown.question != index:
            self._show(replace(self.shown, question=index))

    def scroll(self, section: str, offset: int) -> None:
        """The facilitator scrolled the debrief to `offset` lines past heading `section`: the
        room's view shows the same part."""
        if (self.shown.section, self.shown.offset) != (section, offset):
            self._show(replace(self.shown, section=section, offset=offset))

    def describe(self) -> str:
        """What the room's view shows now in a few words; empty while it mirrors the
        facilitator's dashboard."""
        shown, parts = self.shown, []
        if shown.blank:
            parts.append("a blank screen")
        elif self.announcing:
            parts.append("the round's announcement")
        elif shown.view != "dashboard":
            parts.append("the big clock" if shown.view == "clock" else
                         f"{PANEL_NAMES.get(shown.view, shown.view)} full screen")
        if self.timer_left() > 0:
            parts.append(f"the {shown.timer_seconds / 60:g}-minute discussion timer")
        return " + ".join(parts)

    def panel(self, panels: Sequence[str]) -> str:
        """The next of `panels` full screen on the room's view; after the last, the dashboard."""
        current = self.shown.view
        following = list(panels)[list(panels).index(current) + 1:] if current in panels \
            else list(panels)
        view = following[0] if following else "dashboard"
        self._show(replace(self.shown, view=view))
        return f"The room sees {PANEL_NAMES.get(view, view)} full screen." \
            if view != "dashboard" else "The room sees the dashboard."


def seconds_left(shown: Presentation, now: float) -> float:
    """Seconds left on a presentation's discussion timer at wall time `now`."""
    if not shown.timer_end:
        return 0.0
    try:
        end = datetime.fromisoformat(shown.timer_end).timestamp()
    except ValueError:
        return 0.0
    return max(0.0, end - now)

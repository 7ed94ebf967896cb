"""The room's view (`tabletop present`): the live session as the room should see it, followed
read-only from the store (`journal.follow`), on a second window dragged to the projector.

Every `POLL_SECONDS` the app asks the follower what is new (cheap when nothing is), lets the
replayed exercise run on to the follower's clock, and shows one stage, the first that applies:
waiting (no session yet), the briefing (a session not started yet), blank, the debrief (the
run ended), a round's announcement (an inject fired and the clock stands for it), the big
clock, or the dashboard (one panel alone if the facilitator asked). No key changes the run.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import PurePath
from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.screen import Screen

from tabletop.base.words import fmt_minute
from tabletop.exercise.engine import Exercise
from tabletop.exercise.records import PICK
from tabletop.journal.follow import POLL_SECONDS, Follower
from tabletop.journal.session import Session
from tabletop.ui import bindings
from tabletop.ui.room.controls import seconds_left
from tabletop.ui.room.screens import (
    BlankScreen,
    ClockScreen,
    RoomAnnouncement,
    RoomBriefing,
    RoomDashboard,
    RoomDebrief,
    WaitingScreen,
)
from tabletop.ui.room.widgets import timer_text
from tabletop.ui.text import TextApp, literal
from tabletop.ui.theme import PROJECTOR, STYLES

SENT_SHOWN = 10.0
"""Scenario minutes the room's strip shows a statement once sent."""
UNSEEN_RUNNING = 1.5
"""Seconds an inject that fired with the clock running stays unannounced: the facilitator's
pause for it, if it asks for one, arrives well within this."""


class RoomApp(TextApp):
    """The room's view of the session `follower` follows.

    Args:
        follower: the session followed, read-only.
        theme: a Textual theme name; the projector theme by default.
        wall: the wall clock; leave as default unless testing.
    """

    TITLE = "tabletop · room"
    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "app.tcss", STYLES / "room.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.APP]

    def __init__(self, follower: Follower, *, theme: str | None = "projector",
                 wall: Callable[[], float] = time.time) -> None:
        super().__init__()
        self.follower = follower
        self._wall = wall
        self.register_theme(PROJECTOR)
        if theme in self.available_themes:
            self.theme = theme
        self.dashboard: RoomDashboard | None = None
        self.stage = "waiting"
        """What the room sees now: waiting, briefing, blank, debrief, announcement, clock,
        dashboard."""
        self._session_id: int | None = None
        self._exercise: Exercise | None = None
        self._acknowledged = 0
        self._unseen_since: float | None = None
        self._announced_at = 0
        self._announcing = 0
        """How many injects had fired when the announcement on screen was put up."""
        self._second = -1
        self._waiting = ("", "")
        self._place = ("", 0)

    def get_default_screen(self) -> Screen[None]:
        """Waiting, until there is a session to follow."""
        return WaitingScreen()

    def on_mount(self) -> None:
        """Follow at once, then every `POLL_SECONDS`."""
        self.call_after_refresh(self.follow)
        self.set_interval(POLL_SECONDS, self.follow, name="follow")

    def on_unmount(self) -> None:
        """Let go of the store."""
        self.follower.close()

    def action_request_quit(self) -> None:
        """Close the room's view; the run goes on in the facilitator's window."""
        self.exit()

    def action_help(self) -> None:
        """Say what this window is: the keys are the facilitator's."""
        self.notify("This is the room's view. The facilitator's window runs the exercise; "
                    "ctrl+q closes this one.", title="Room's view", markup=False)

    # --- following --------------------------------------------------------------------------

    def follow(self) -> None:
        """Read what is new and show it; cheap when nothing changed."""
        changed = self.follower.poll()
        ex = self.follower.exercise
        if ex is not None and ex is not self._exercise:
            self._take_exercise(ex)
            changed = True
        if ex is None:
            self._wait()
            return
        second = int(ex.minute * 60)
        if not changed and second == self._second and not self._timer_running():
            return  # nothing new, and the clock shows the same second: nothing to draw
        self._second = second
        if ex.clock.running and ex.ended_at is None:
            ex.update()
        self._notice_injects(ex)
        self._show(ex)

    def _redraw(self) -> None:
        """Follow and draw again, even if nothing is new."""
        self._second = -1
        self.follow()

    def _timer_running(self) -> bool:
        """A discussion timer still counting (or that ran out within the last second)."""
        shown = self.follower.presentation
        return bool(shown.timer_end) and seconds_left(shown, self._wall() - 1.0) > 0

    def _take_exercise(self, ex: Exercise) -> None:
        """A new session, or the same one replayed: a dashboard on it."""
        info = self.follower.info
        assert info is not None
        if info.id != self._session_id or self.dashboard is None:
            self._session_id = info.id
            self._to_waiting()
            self.dashboard = RoomDashboard(ex, info.teams)
            self.push_screen(self.dashboard)
            self.call_after_refresh(self._redraw)  # its strip, once it is composed
            # Opened mid-round with the clock standing: that round is announced.
            self._acknowledged = len(ex.fired) - (1 if ex.fired and not ex.clock.running else 0)
            self._announced_at = self.follower.presented
        else:
            self.dashboard.exercise = ex
        self._exercise = ex
        self.stage = "dashboard"

    def _to_waiting(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.dashboard = None
        self.stage = "waiting"
        self._waiting = ("", "")

    def _wait(self) -> None:
        """The briefing of a session not started yet; else the waiting screen, saying what the
        room waits for (redrawn when that changes)."""
        info = self.follower.info
        scenario = self.follower.scenario() if not self.follower.problem else None
        if info is not None and scenario is not None:
            if self.stage != "briefing" or self._session_id != info.id:
                self._to_waiting()
                self._session_id = info.id
                self.stage = "briefing"
                self._place = ("", 0)
                self.push_screen(RoomBriefing(scenario, info.seed, info.speed))
            self._follow_briefing()
            return
        if self.stage != "waiting":
            self._to_waiting()
        self._exercise = None
        title = info.scenario_id if info is not None else "tabletop"
        message = self.follower.problem or "The exercise starts once the facilitator's " \
            "briefing is done."
        screen = self.screen
        if isinstance(screen, WaitingScreen) and (title, message) != self._waiting:
            self._waiting = (title, message)
            screen.show(title, message)

    def _follow_briefing(self) -> None:
        """Scroll the briefing to the part the facilitator's briefing shows."""
        shown = self.follower.presentation
        place = (shown.section, shown.offset)
        screen = self.screen
        if place != self._place and isinstance(screen, RoomBriefing) and screen.is_mounted:
            self._place = place
            screen.call_after_refresh(screen.show_place, *place)  # once laid out

    def _notice_injects(self, ex: Exercise) -> None:
        """Announce a round that fired while the clock stands for it; a round that fired with
        the clock running (no pause asked) is only on the dashboard."""
        fired = len(ex.fired)
        if self.follower.presented != self._announced_at:
            self._announced_at = self.follower.presented  # the facilitator chose a view
            self._acknowledged = fired
        if fired <= self._acknowledged:
            self._unseen_since = None
            return
        if not ex.clock.running:
            return
        if self.stage == "announcement":
            self._acknowledged = fired  # the clock runs again: the round was discussed
            return
        now = self._wall()
        if self._unseen_since is None:
            self._unseen_since = now
        elif now - self._unseen_since > UNSEEN_RUNNING:
            self._acknowledged = fired

    # --- showing ----------------------------------------------------------------------------

    def _stage_for(self, ex: Exercise) -> str:
        shown = self.follower.presentation
        if shown.blank:
            return "blank"
        if ex.ended_at is not None:
            return "debrief"
        # With the facilitator's window gone, the dashboard: its strip says so (`_strip`).
        if len(ex.fired) > self._acknowledged and not ex.clock.running \
                and self.follower.writer is not None:
            return "announcement"
        return "clock" if shown.view == "clock" else "dashboard"

    def _strip(self, ex: Exercise) -> Content | None:
        """The facilitator's window gone, else the discussion timer, else the open vote's
        count, else nothing."""
        if self.follower.writer is None and ex.ended_at is None:
            # Killed or closed: the room keeps the last state and says why nothing moves.
            return Content.assemble(("FACILITATOR STOPPED", "bold reverse"), (
                f"  the facilitator's window has closed; this is the exercise as it stood at "
                f"{fmt_minute(ex.minute)}, until it is resumed", "bold"))
        shown = self.follower.presentation
        if shown.timer_end:
            return timer_text(seconds_left(shown, self._wall()), shown.timer_seconds)
        _, voted = self.follower.votes()
        info = self.follower.info
        if voted and info is not None:
            return Content.assemble(("VOTE OPEN  ", "bold reverse"),
                                    (f"  {voted} of {len(info.teams)} teams have voted; "
                                     "the tally shows once the facilitator closes the vote",
                                     "bold"))
        return _statement_line(ex, shown.drafting)

    def _show(self, ex: Exercise) -> None:
        stage = self._stage_for(ex)
        # A newer round fired with the clock still standing (the facilitator jumped on while
        # paused): the room announces that one, not the round before.
        if stage != self.stage or (stage == "announcement" and self._announcing != len(ex.fired)):
            self._set_stage(stage, ex)
        strip = self._strip(ex)
        screen = self.screen
        dashboard = self.dashboard
        if dashboard is not None:
            visible, voting = self.follower.votes()  # kept until it is composed, drawn then
            dashboard.show_votes(visible, voting)
        if dashboard is not None and dashboard.composed:
            dashboard.show_view(self.follower.presentation.view)
            dashboard.show_strip(strip)
            if dashboard.is_active:
                dashboard.show(signals=False)
            else:  # what shows through the backdrop keeps the facilitator's minute
                dashboard.show_clock()
        if isinstance(screen, ClockScreen) and screen.is_mounted:
            screen.show(ex, strip)
        elif isinstance(screen, RoomDebrief) and screen.is_mounted:
            from tabletop.journal.debrief import debrief_from_events  # the debrief's alone

            answers = debrief_from_events(self.follower.events).answers
            screen.follow(self.follower.presentation, answers)
        elif isinstance(screen, BlankScreen) and screen.is_mounted:
            shown = self.follower.presentation
            screen.show_strip(strip if shown.timer_end else None,
                              seconds_left(shown, self._wall()))

    def _set_stage(self, stage: str, ex: Exercise) -> None:
        """Take down the screen over the dashboard and put up the one for `stage`."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.stage = stage
        self._second = -1  # the new screen is drawn as soon as it is on
        self.call_after_refresh(self.follow)
        if stage == "blank":
            self.push_screen(BlankScreen())
        elif stage == "clock":
            self.push_screen(ClockScreen())
        elif stage == "announcement":
            self._announcing = len(ex.fired)
            self.push_screen(RoomAnnouncement(ex.fired[-1], ex.scenario.roles, paused=True))
        elif stage == "debrief":
            self.push_screen(self._debrief(ex))

    def _debrief(self, ex: Exercise) -> RoomDebrief:
        # Scoring is off the room's way to first paint: only the debrief needs it.
        from tabletop.scoring.rubric import score

        info = self.follower.info
        assert info is not None
        session = Session(ex, None, info.scenario_ref, info.mode, info.teams)
        session.voting.restore(self.follower.votes()[0], None)
        return RoomDebrief(session, score(ex))


def _statement_line(ex: Exercise, drafting: bool) -> Content | None:
    """The statement being written, or the one sent in the last `SENT_SHOWN` minutes."""
    if drafting:
        return Content.assemble(("STATEMENT", "bold reverse"),
                                ("  the team is writing the statement", "bold"))
    sent = ex.statements[-1] if ex.statements else None
    if sent is None or ex.minute - sent.minute > SENT_SHOWN:
        return None
    text = " / ".join(t for k, t in sent.fields.items() if not k.startswith(PICK) and t)
    return Content.assemble(("STATEMENT SENT", "bold reverse"),
                            (f"  {fmt_minute(sent.minute)}  ", "bold"), literal(text))

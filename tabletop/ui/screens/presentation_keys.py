"""The facilitator's seat's presentation keys on the dashboard (`b` blank, `d` discussion
timer, `c` big clock, `p` one panel full screen): each changes what the room's view shows
through `ui/room/controls.Presenter`, says so here and keeps the ROOM SEES cue in sight."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tabletop.ui.widgets.header_strip import HeaderStrip
from tabletop.ui.widgets.prompt_bar import PromptBar

if TYPE_CHECKING:  # the mixin's methods are the dashboard screen's
    from textual.screen import Screen

    from tabletop.exercise.engine import Exercise
    from tabletop.ui.room.controls import Presenter

    _Screen = Screen[None]
else:
    _Screen = object


class PresentationKeys(_Screen):
    """The presentation keys (a mixin of `DashboardScreen`); none acts on the room's own."""

    presenter: Presenter | None
    """The facilitator's seat's hold on the room's view; None on the room's own."""
    exercise: Exercise
    composed: bool
    _cue_after_paint = False
    """The cue was asked for once: the next asking draws it (after the first frame)."""

    def _present(self, change: Callable[[Presenter], str]) -> None:
        """Change what the room's view shows, and say so here."""
        if self.presenter is not None:
            self.notify(change(self.presenter), title="Room's view", timeout=3, markup=False)
            self._cue()

    def _cue(self) -> None:
        """Keep what the room sees in sight on the seat: while it is this dashboard, quietly
        on the header's bottom rule (no line taken from the panels; not in a solo drill),
        else on a line of its own (`RoomCue`), mounted the first time: the seat's first frame
        builds none."""
        presenter = self.presenter
        if presenter is None or not self.composed or not self.is_attached:
            return  # not on the seat, or the screen is gone (the app ending)
        if not self._cue_after_paint:  # the first frame goes out first
            self._cue_after_paint = True
            self.call_after_refresh(self._cue)
            return
        exercise = self.exercise
        presenter.follow_run(len(exercise.fired), exercise.clock.running)
        differs = presenter.describe()
        live = not differs and presenter.session.mode != "solo"
        self.query_one(HeaderStrip).show_room("this dashboard, live" if live else "")
        found = self.query("#room-cue")
        if found or differs:
            from tabletop.ui.room.widgets import RoomCue  # the seat's only, once it differs

            cue = found.first(RoomCue) if found else RoomCue(id="room-cue")
            cue.follow(presenter)
            if not found:
                self.mount(cue, after=self.query_one(PromptBar))

    def action_blank(self) -> None:
        """Blank the room's screen, or bring it back."""
        self._present(lambda room: room.blank())

    def action_discussion(self) -> None:
        """The next discussion timer on the room's screen, or none."""
        self._present(lambda room: room.discussion())

    def action_big_clock(self) -> None:
        """The big clock alone on the room's screen, or the dashboard."""
        self._present(lambda room: room.big_clock())

    def action_panel(self) -> None:
        """The next panel full screen on the room's screen."""
        panels = [str(w.id) for w in self.query(".panel") if w.id]
        self._present(lambda room: room.panel(panels))

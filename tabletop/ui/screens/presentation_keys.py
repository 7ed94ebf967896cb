"""The facilitator's seat's presentation keys on the dashboard (`b` blank, `d` discussion
timer, `c` big clock, `p` one panel full screen): each changes what the room's view shows
through `ui/room/controls.Presenter`, says so here and keeps the ROOM SEES cue in sight."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tabletop.ui.widgets.prompt_bar import PromptBar

if TYPE_CHECKING:  # the mixin's methods are the dashboard screen's
    from textual.screen import Screen

    from tabletop.ui.room.controls import Presenter

    _Screen = Screen[None]
else:
    _Screen = object


class PresentationKeys(_Screen):
    """The presentation keys (a mixin of `DashboardScreen`); none acts on the room's own."""

    presenter: Presenter | None
    """The facilitator's seat's hold on the room's view; None on the room's own."""
    composed: bool

    def _present(self, change: Callable[[Presenter], str]) -> None:
        """Change what the room's view shows, and say so here."""
        if self.presenter is not None:
            self.notify(change(self.presenter), title="Room's view", timeout=3, markup=False)
            self._cue()

    def _cue(self) -> None:
        """Keep what the room sees in sight on the seat (`RoomCue`), mounted the first time
        the room's view is not this dashboard: the seat's first frame builds none."""
        found = self.query("#room-cue") if self.presenter and self.composed else None
        if self.presenter and found is not None and (found or self.presenter.describe()):
            from tabletop.ui.room.widgets import RoomCue  # the seat's only, once it differs

            cue = found.first(RoomCue) if found else RoomCue(id="room-cue")
            cue.follow(self.presenter)
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

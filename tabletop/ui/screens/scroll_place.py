"""Where the facilitator is in a scrolling screen (the briefing, the debrief), so the room's
view can show the same part: the heading at the top of the view and the lines scrolled past
it, the same on any size."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.containers import VerticalScroll

if TYPE_CHECKING:  # the mixin's methods are the debrief screen's
    from textual.screen import Screen

    _Screen = Screen[None]
else:
    _Screen = object

PLACE_AFTER = 0.1
"""Seconds a scroll of the facilitator's screen settles before the room is told where it is
(one journal write for a run of scroll steps; the room polls every 0.2 s)."""

END = "end"
"""The place of a column scrolled to its end (no heading has this id)."""


class ScrollPlace(_Screen):
    """The place in a screen's scrolling column (`PLACE_COLUMN`; a mixin of `BriefingScreen`
    and `DebriefScreen`): told on the facilitator's seat, shown on the room's view. Headings
    with an id (class `heading`) mark the parts."""

    PLACE_COLUMN: ClassVar[str] = ""
    """The selector of the screen's scrolling column."""
    on_scroll: Callable[[str, int], object] | None = None
    """Told where the facilitator scrolled to (`place`; the room follows)."""
    _telling = False

    def on_mount(self) -> None:
        """Tell the room where the facilitator scrolls to (keys, wheel or focus alike)."""
        self.watch(self.query_one(self.PLACE_COLUMN, VerticalScroll), "scroll_y", self._scrolled,
                   init=False)

    def _scrolled(self) -> None:
        if self.on_scroll is not None and not self._telling:
            self._telling = True  # one journal write when a run of steps settles
            self.set_timer(PLACE_AFTER, self._tell_place)

    def _tell_place(self) -> None:
        self._telling = False
        if self.on_scroll is not None:
            self.on_scroll(*self.place())

    def place(self) -> tuple[str, int]:
        """The heading (id) the top of the view is in and the lines scrolled past its top;
        `END` at the end (the room's own end then: its column may be longer)."""
        column = self.query_one(self.PLACE_COLUMN, VerticalScroll)
        top = round(column.scroll_y)
        if 0 < column.max_scroll_y <= top:
            return END, 0
        section, offset = "", top
        for heading in column.query(".heading"):
            y = heading.virtual_region.y
            if heading.id and y <= top:
                section, offset = heading.id, top - y
        return section, offset

    def show_place(self, section: str, offset: int) -> None:
        """Scroll to `offset` lines past heading `section` (`END`, or a heading this view
        lacks, such as the facilitator note: the end)."""
        column = self.query_one(self.PLACE_COLUMN, VerticalScroll)
        found = next((h for h in column.query(".heading") if h.id == section), None)
        if section and found is None:
            column.scroll_end(animate=False, immediate=True)
            return
        top = found.virtual_region.y if found is not None else 0
        column.scroll_to(y=top + offset, animate=False, immediate=True)

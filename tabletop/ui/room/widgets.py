"""The room's own widgets: the clock in heavy blocks, the discussion timer, the header strip
with the block clock."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from tabletop.base.words import fmt_minute
from tabletop.ui.room.block_font import fitting_scale, render_blocks
from tabletop.ui.room.controls import Presenter
from tabletop.ui.text import bar
from tabletop.ui.widgets.header_strip import ClockFigures, HeaderStrip


class BlockClock(Widget):
    """The scenario clock (T-/T+ mm:ss) in the block font, as large as the widget allows
    (`fit`), or three lines high in a header strip."""

    def __init__(self, *, fit: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self._fit = fit
        self.text = ""

    def show(self, minute: float) -> None:
        """Redraw if the clock's text changed."""
        self.show_text(fmt_minute(minute))

    def show_text(self, text: str) -> None:
        """Any text of the block font's (digits, signs, a colon), redrawn if it changed."""
        if text != self.text:
            self.text = text
            self.refresh()  # every glyph of a clock is as wide: no new layout

    def get_content_width(self, container: object, viewport: object) -> int:
        """As wide as the clock drawn at scale 1 (in a header strip)."""
        lines = render_blocks(self.text or "T+00:00")
        return len(lines[0]) if lines else 0

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        """Three lines at scale 1."""
        return 3

    def render(self) -> Content:
        """The clock in blocks, centred when fitted to a large area."""
        text = self.text or "T+00:00"
        size = self.content_size
        scale = fitting_scale(text, size.width, size.height) if self._fit else 1
        lines = render_blocks(text, scale)
        if self._fit:
            pad = max(0, (size.height - len(lines)) // 2)
            lines = [""] * pad + [line.center(size.width) for line in lines]
        return Content("\n".join(lines))


def timer_digits(left: float) -> str:
    """The discussion timer's minutes and seconds left (m:ss), counting whole seconds up."""
    whole = int(left + 0.999)
    return f"{whole // 60}:{whole % 60:02d}"


def timer_text(left: float, total: float, width: int = 30) -> Content:
    """The discussion timer: 'Discussion', the minutes and seconds left and a bar that empties;
    'time is up' once it has run out (said in words, never by colour alone)."""
    share = 0.0 if total <= 0 else max(0.0, min(1.0, left / total))
    if left <= 0:
        return Content.assemble(("DISCUSSION  ", "bold"), (" ■ TIME IS UP ", "bold reverse"))
    return Content.assemble(("DISCUSSION  ", "bold"), (f"{timer_digits(left)} left", "bold"),
                            "  ", (bar(share, width), "bold $text-primary"))


class RoomHeader(HeaderStrip):
    """The dashboard's header strip with the clock in heavy blocks: read from the back."""

    def compose(self) -> ComposeResult:
        """The block clock, then the strip's own parts, its thin clock hidden."""
        yield BlockClock(id="block-clock")
        for widget in super().compose():
            if widget.id in ("clock", "clock-t"):
                widget.display = False
            yield widget

    def show(self, figures: ClockFigures) -> None:
        """Redraw the clock and the run's state."""
        super().show(figures)
        self.query_one(BlockClock).show(figures.minute)


class RoomCue(Static):
    """On the facilitator's seat: what the room's view shows while it is not this dashboard
    (blank, the big clock, one panel, a timer), kept in sight; hidden while it mirrors it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._said: str | None = None
        """What it last said (None: nothing yet)."""

    def follow(self, presenter: Presenter) -> None:
        """Say what `presenter` has the room's view show now."""
        said = presenter.describe()
        if said == self._said:
            return  # every tick asks: redraw only a change
        self._said = said
        self.display = bool(said)
        self.update(Content.assemble(("ROOM SEES", "bold $text-warning"), ("  " + said, "bold"))
                    if said else "")

"""An append-only table for live feeds: fixed columns, newest row at the bottom, capped.

Textual's DataTable re-measures and re-lays out the screen as rows arrive; a feed that gains a
row every second then costs more than the rest of the dashboard together. This table has a
fixed virtual height (its cap), so appending a row repaints the visible lines and nothing else.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from typing import ClassVar, Literal

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from tabletop.base.record import record

Cell = tuple[str, str]
"""A cell's text and its Rich style ("" for none); the text is shown literally."""


@record
class Column:
    """One column of a `LineTable`."""

    label: str
    """Header text."""
    width: int
    """Width in cells; longer text is cut with an ellipsis."""
    justify: Literal["left", "right", "center"] = "left"
    """Alignment within the width."""


def fit(text: str, width: int) -> str:
    """`text` cut to `width` cells with an ellipsis."""
    return text if len(text) <= width else text[:width - 1] + "…"


class LineTable(ScrollView, can_focus=True):
    """Rows of cells under a header line; scroll up to read older rows, down to follow.

    Args:
        columns: the columns, left to right.
        cap: rows kept; the oldest go first.
        preamble: lines of text above the header that stay put (see `show_preamble`).
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "line-table--header", "line-table--even", "line-table--odd"}
    DEFAULT_CSS = """
    LineTable {
        height: 1fr;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        & > .line-table--header { text-style: bold; background: $panel; }
        & > .line-table--even { background: $surface; }
        & > .line-table--odd { background: $surface-lighten-1; }
    }
    """

    def __init__(self, columns: Sequence[Column], cap: int, *, preamble: int = 0,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns = tuple(columns)
        self.cap = cap
        self.rows: deque[tuple[Cell, ...]] = deque(maxlen=cap)
        self.preamble = preamble
        self._preamble = Content("")
        self._preamble_strips: list[Strip] | None = None
        self._following = True
        width = sum(c.width + 2 for c in self.columns)
        self.virtual_size = Size(width, preamble + 1 + cap)

    def show_preamble(self, content: Content) -> bool:
        """Show `content` above the header if it changed; True when it was redrawn."""
        if content.markup == self._preamble.markup:
            return False
        self._preamble = content
        self._preamble_strips = None
        self.refresh()
        return True

    def notify_style_update(self) -> None:
        """A new theme: render the preamble again in its colours."""
        super().notify_style_update()
        self._preamble_strips = None

    @property
    def row_count(self) -> int:
        """Rows held."""
        return len(self.rows)

    def append(self, rows: Iterable[tuple[Cell, ...]]) -> None:
        """Add rows at the bottom; the view follows them unless the reader scrolled up."""
        before = len(self.rows)
        new = list(rows)
        if not new:
            return
        self.rows.extend(new)
        shifted = len(new) - (len(self.rows) - before)  # rows that fell off the top
        if self._following:
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
        else:  # keep the rows the reader is looking at in place
            self.scroll_to(y=max(0, self.scroll_y - shifted), animate=False, immediate=True)
        self.refresh()

    def on_resize(self) -> None:
        """Stay at the bottom while following."""
        self._preamble_strips = None
        if self._following:
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Follow new rows again once the reader is back at the bottom."""
        super().watch_scroll_y(old_value, new_value)
        self._following = new_value >= self.max_scroll_y - 0.5

    def render_line(self, y: int) -> Strip:
        """The preamble, the header, then the rows, newest at the bottom."""
        width = self.size.width
        if y < self.preamble:
            return self._preamble_line(y, width)
        if y == self.preamble:
            style = self.get_component_rich_style("line-table--header")
            return self._strip([(c.label, "") for c in self.columns], style, width)
        index = round(self.scroll_y) + y - 1 - self.preamble - (self.cap - len(self.rows))
        if index < 0 or index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        zebra = "line-table--odd" if index % 2 else "line-table--even"
        return self._strip(self.rows[index], self.get_component_rich_style(zebra), width)

    def _preamble_line(self, y: int, width: int) -> Strip:
        if self._preamble_strips is None:
            self._preamble_strips = Visual.to_strips(self, self._preamble, width, self.preamble,
                                                     self.visual_style)
        if y < len(self._preamble_strips):
            return self._preamble_strips[y].extend_cell_length(width, self.rich_style)
        return Strip.blank(width, self.rich_style)

    def _strip(self, cells: Iterable[Cell], base: Style, width: int) -> Strip:
        segments = []
        for column, (text, style) in zip(self.columns, cells, strict=False):
            text = fit(text, column.width)
            if column.justify == "right":
                text = text.rjust(column.width)
            elif column.justify == "center":
                text = text.center(column.width)
            else:
                text = text.ljust(column.width)
            cell_style = base + Style.parse(style) if style else base
            segments.append(Segment(f" {text} ", cell_style))
        return Strip(segments).adjust_cell_length(width, base)

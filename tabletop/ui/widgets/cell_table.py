"""Rows of text in fixed columns, drawn by one widget.

A Grid of Statics costs Textual a styled widget per cell: every mount, focus change and screen
switch restyles each of them (the help's 125 cells took 31 ms each time its list was focused).
A table whose cells are only text (the help's keys, a score card, the harm figures) is laid out
here instead, line by line, as one Visual: the same columns, the same word wrapping as a Static
of that width, one widget.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import Static

from tabletop.base.record import record

Row = Sequence[Content]
"""One row's cells, left to right; a row with fewer cells leaves the last columns empty."""


@record
class Column:
    """One column of a `CellTable`."""

    width: int = 0
    """Width in cells; 0 takes the room the fixed columns leave (shared by all such columns)."""
    justify: Literal["left", "right"] = "left"
    """Alignment of each wrapped line within the width."""


@record
class Layout:
    """The columns and spacing of a `CellTable`."""

    columns: tuple[Column, ...]
    """Left to right."""
    gutter: int = 1
    """Blank cells between two columns."""
    row_gap: int = 0
    """Blank lines between two rows (not before or after a spanning line)."""


class CellRows(Visual):
    """The Visual: rows of cells (and lines that span every column, such as a heading), laid
    out for the width the widget is given.

    Args:
        layout: the columns, or a function of the width choosing them (a table with fewer
            columns, or narrower ones, when it is narrow).
        rows: each a row of cells, or one `Content` spanning the whole width.
    """

    def __init__(self, layout: Layout | Callable[[int], Layout],
                 rows: Sequence[Row | Content]) -> None:
        self.layout = layout
        self.rows = tuple(rows)
        self._lines: tuple[int, Layout, list[Content]] | None = None

    def layout_at(self, width: int) -> Layout:
        """The layout used at `width`."""
        return self.layout if isinstance(self.layout, Layout) else self.layout(width)

    def lines(self, width: int) -> list[Content]:
        """Every line drawn at `width`, each at most `width` cells (cached for the last width)."""
        layout = self.layout_at(width)
        if self._lines is None or self._lines[:2] != (width, layout):
            self._lines = (width, layout, self._lay_out(width, layout))
        return self._lines[2]

    def _lay_out(self, width: int, layout: Layout) -> list[Content]:
        widths = _widths(layout, width)
        lines: list[Content] = []
        previous_was_row = False
        for item in self.rows:
            if isinstance(item, Content):
                lines += item.wrap(max(1, width)) if item else [item]
                previous_was_row = False
                continue
            if previous_was_row:
                lines += [Content("")] * layout.row_gap
            lines += _row_lines(item, layout, widths)
            previous_was_row = True
        return lines

    def render_strips(self, width: int, height: int | None, style: Style,
                      options: RenderOptions) -> list[Strip]:
        """The lines as strips; no line is wider than `width`, so none wraps again."""
        return Content("\n").join(self.lines(width)).render_strips(width, height, style,
                                                                   options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """The fixed columns and the longest text of the flexible ones, on one line each."""
        layout = self.layout_at(container_width)
        fixed = sum(c.width for c in layout.columns) + layout.gutter * (len(layout.columns) - 1)
        flexible = max((cell.cell_length for row in self.rows if not isinstance(row, Content)
                        for cell, column in zip(row, layout.columns, strict=False)
                        if not column.width), default=0)
        spanning = max((row.cell_length for row in self.rows if isinstance(row, Content)),
                       default=0)
        return max(fixed + flexible, spanning)

    def get_height(self, rules: RulesMap, width: int) -> int:
        """The number of lines drawn at `width`."""
        return len(self.lines(width))


def _widths(layout: Layout, width: int) -> list[int]:
    """Each column's width at a total `width`; flexible columns share what is left."""
    columns = layout.columns
    fixed = sum(c.width for c in columns) + layout.gutter * (len(columns) - 1)
    flexible = sum(1 for c in columns if not c.width)
    left = max(flexible, width - fixed)
    share, extra = divmod(left, flexible) if flexible else (0, 0)
    widths = []
    for column in columns:
        if column.width:
            widths.append(column.width)
        else:
            widths.append(share + (1 if extra > 0 else 0))
            extra -= 1
    return widths


def _row_lines(row: Row, layout: Layout, widths: Sequence[int]) -> list[Content]:
    """A row's lines: each cell wrapped to its column, aligned, and the cells side by side."""
    cells = [cell.wrap(width) if cell else [] for cell, width in zip(row, widths, strict=False)]
    height = max((len(lines) for lines in cells), default=0) or 1
    gutter = Content(" " * layout.gutter)
    lines = []
    for y in range(height):
        parts = []
        for n, (column, width) in enumerate(zip(layout.columns, widths, strict=True)):
            text = cells[n][y] if n < len(cells) and y < len(cells[n]) else Content("")
            parts.append(_aligned(text, width, column.justify))
        lines.append(gutter.join(parts).rstrip())
    return lines


def _aligned(text: Content, width: int, justify: Literal["left", "right"]) -> Content:
    """`text` (one wrapped line) padded to `width` on the side away from its alignment."""
    text = text.rstrip()
    room = max(0, width - text.cell_length)
    return text.pad_left(room) if justify == "right" else text.pad_right(room)


class CellTable(Static):
    """A `Static` drawing `CellRows`: a table of text cells as one widget.

    Args:
        layout: the columns, or a function of the width choosing them (see `CellRows`).
        rows: each a row of cells, or one `Content` spanning the whole width.
    """

    def __init__(self, layout: Layout | Callable[[int], Layout], rows: Sequence[Row | Content],
                 *, id: str | None = None, classes: str | None = None) -> None:
        self.cells = CellRows(layout, rows)
        """What the table draws."""
        super().__init__(self.cells, id=id, classes=classes)

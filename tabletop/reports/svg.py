"""SVG drawing primitives shared by the timeline board and the harm chart.

Text is measured with DejaVu Sans widths, the widest of the fonts the drawings name, so a line
fits whichever of them a viewer has. Numbers are written the same way every time, so a drawing
can be compared byte for byte with a fresh one.
"""

from __future__ import annotations

import html
import json
import math
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache
from importlib import resources
from itertools import accumulate, repeat

from tabletop.base.text import printable

FONT = "'Segoe UI', 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif"
"""Font stack: system fonts only, nothing fetched."""

INK = "#1a202c"
"""Headings and strong text."""
BODY = "#2d3748"
"""Running text."""
MUTED = "#5a6473"
"""Captions, labels and keys."""
RULE = "#d5dbe3"
"""Hairlines and card borders."""
DARK = "#1f2937"
"""The players' own cards and marks."""

WIDTHS = "font-widths.json"
"""DejaVu Sans advance widths of printable ASCII, a data file of this package."""


@cache
def _widths() -> tuple[dict[str, int], dict[str, int]]:
    """Advance widths of ASCII 32..126 per 1000 em by character: DejaVu Sans, then DejaVu Sans
    Bold. A dict, so a text is measured by `map(table.get, ...)` at C speed."""
    data = json.loads(resources.files(__package__).joinpath(WIDTHS).read_text(encoding="utf-8"))
    return ({chr(32 + n): w for n, w in enumerate(data["regular"])},
            {chr(32 + n): w for n, w in enumerate(data["bold"])})


OTHER_WIDTH = (680, 720)
"""Advance width per 1000 em of any character past ASCII (regular, bold): a wide Latin glyph,
so a line of them still fits; a combining mark counts as one too, which errs the same way."""


def _advances(text: str, bold: bool) -> Iterator[int]:
    """Each character's advance width, in thousandths of an em (whole numbers: sums are
    exact, so a width summed in pieces is the width measured at once)."""
    return map(_widths()[bold].get, text, repeat(OTHER_WIDTH[bold]))


def _units(text: str, bold: bool) -> int:
    """Advance width of `text` in thousandths of an em."""
    return sum(_advances(text, bold))


def _room(width: float, size: float) -> int:
    """The most thousandths of an em that fit in `width` pixels at font size `size`: a text
    fits when `units * size / 1000 <= width`, the very test `text_width` makes, so comparing
    whole units with this gives the same answer without measuring again."""
    room = math.floor(width * 1000 / size)
    while (room + 1) * size / 1000 <= width:
        room += 1
    while room >= 0 and room * size / 1000 > width:
        room -= 1
    return room


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of `text` in pixels at font size `size`, estimated from DejaVu Sans metrics."""
    return _units(text, bold) * size / 1000


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Split text into lines no wider than `width` pixels (a too-long word is cut), in time
    linear in the text's length: each word is measured once, and a word cut at once."""
    lines: list[str] = []
    room = _room(width, size)
    space = _units(" ", bold)
    for paragraph in text.splitlines() or [""]:
        line, line_units = "", 0
        for word in paragraph.split():
            units = _units(word, bold)
            if line and line_units + space + units <= room:
                line, line_units = f"{line} {word}", line_units + space + units
                continue
            if line:
                lines.append(line)
            if units <= room:
                line, line_units = word, units
                continue
            *whole, line = _cut(word, room, bold)
            lines += whole
            line_units = _units(line, bold)
        lines.append(line)
    return lines


def _cut(word: str, room: int, bold: bool) -> list[str]:
    """A word wider than `room` units in pieces, each the longest start of the rest that fits
    (one character at least, so a room narrower than a character still ends), found by
    bisecting the word's running widths."""
    ends = list(accumulate(_advances(word, bold), initial=0))
    pieces: list[str] = []
    start = 0
    while ends[-1] - ends[start] > room and start + 1 < len(word):
        stop = max(bisect_right(ends, ends[start] + room) - 1, start + 1)
        pieces.append(word[start:stop])
        start = stop
    pieces.append(word[start:])
    return pieces


def fitted(text: str, width: float, size: float, bold: bool = False, tail: str = "") -> str:
    """The longest start of `text` that, followed by `tail`, is no wider than `width` pixels
    (empty when none is), found in one pass however long the text."""
    room = _room(width, size) - _units(tail, bold)
    ends = list(accumulate(_advances(text, bold), initial=0))
    return text[:max(bisect_right(ends, room) - 1, 0)]


def esc(text: str) -> str:
    """Text as XML character data or an attribute value; a control character, which XML does
    not allow and a terminal would obey, shown as its escape (`base.text`)."""
    return html.escape(printable(text), quote=True)


def num(value: float) -> str:
    """A coordinate, rounded to a tenth and written the same way every time."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


class Canvas:
    """SVG elements collected in drawing order."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def add(self, element: str) -> None:
        """Append raw SVG markup (callers escape text with `esc`)."""
        self.parts.append(element)

    def rect(self, x: float, y: float, w: float, h: float, fill: str, *, rx: float = 0,
             stroke: str = "", dash: str = "", stroke_width: float = 1) -> None:
        """A rectangle."""
        extra = f' rx="{num(rx)}"' if rx else ""
        if stroke:
            extra += f' stroke="{stroke}" stroke-width="{num(stroke_width)}"'
        if dash:
            extra += f' stroke-dasharray="{dash}"'
        self.add(f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" '
                 f'fill="{fill}"{extra}/>')

    def text(self, x: float, y: float, content: str, size: float, fill: str = BODY, *,
             bold: bool = False, italic: bool = False, anchor: str = "start",
             spacing: float = 0) -> None:
        """One line of text with its baseline at y."""
        attrs = f'x="{num(x)}" y="{num(y)}" font-size="{num(size)}" fill="{fill}"'
        if bold:
            attrs += ' font-weight="bold"'
        if italic:
            attrs += ' font-style="italic"'
        if anchor != "start":
            attrs += f' text-anchor="{anchor}"'
        if spacing:
            attrs += f' letter-spacing="{num(spacing)}"'
        self.add(f"<text {attrs}>{esc(content)}</text>")

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str, *,
             width: float = 1, dash: str = "") -> None:
        """A straight line."""
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        self.add(f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
                 f'stroke="{stroke}" stroke-width="{num(width)}"{extra}/>')

    def pill(self, x: float, y: float, label: str, fill: str, colour: str = "#ffffff",
             size: float = 11) -> float:
        """A rounded label with its top-left at (x, y); returns its width."""
        w = text_width(label, size, bold=True) + 14
        self.rect(x, y, w, size + 9, fill, rx=(size + 9) / 2)
        self.text(x + 7, y + size + 2.5, label, size, colour, bold=True)
        return w

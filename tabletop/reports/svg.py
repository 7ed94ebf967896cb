"""SVG drawing primitives shared by the timeline board and the harm chart.

Text is measured with DejaVu Sans widths, the widest of the fonts the drawings name, so a line
fits whichever of them a viewer has. Numbers are written the same way every time, so a drawing
can be compared byte for byte with a fresh one.
"""

from __future__ import annotations

import html
import json
from functools import cache
from importlib import resources

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
def _widths() -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Advance widths of ASCII 32..126 per 1000 em: DejaVu Sans, then DejaVu Sans Bold."""
    data = json.loads(resources.files(__package__).joinpath(WIDTHS).read_text(encoding="utf-8"))
    return tuple(data["regular"]), tuple(data["bold"])


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of `text` in pixels at font size `size`, estimated from DejaVu Sans metrics."""
    table = _widths()[1 if bold else 0]
    units = 0
    for char in text:
        code = ord(char)
        units += table[code - 32] if 32 <= code < 127 else (720 if bold else 680)
    return units * size / 1000


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Split text into lines no wider than `width` pixels (a too-long word is cut)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size, bold) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while text_width(word, size, bold) > width:
                cut = len(word)
                while cut > 1 and text_width(word[:cut], size, bold) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


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

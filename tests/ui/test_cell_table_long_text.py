"""A table of text cells lays out a very long word, a run of combining marks or one long line
in time linear in its length (issue 18's long words; the cells wrap with Textual's
`Content.wrap`, so this guards against a layout of ours, or a Textual upgrade, going quadratic).

Time is compared, not budgeted: the same layout of a text eight times longer may take at most
24 times as long (a linear layout takes about 8, a quadratic one 64).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from textual.content import Content
from textual.style import Style
from textual.visual import RenderOptions

from tabletop.ui.widgets.cell_table import CellRows, Column, Layout

SHORT, LONG = 5_000, 40_000
GROWTH = 24
"""How much longer the long layout may take than the short one (lengths 8 times apart)."""

TEXTS = {
    "a word of letters": lambda n: ("incomprehensibilities" * n)[:n],
    "combining marks": lambda n: "e" + "\u0301" * (n - 1),
    "one line of short words": lambda n: ("ab " * n)[:n],
    "wide characters": lambda n: "\u5b57" * n,
}


def laid_out(text: str) -> float:
    """Seconds (the least of five) to lay out and draw a table holding `text` twice: in a
    column and across the whole width."""
    best = float("inf")
    for _ in range(5):
        rows = CellRows(Layout((Column(12), Column())), [[Content("key"), Content(text)],
                                                         Content(text)])
        start = time.perf_counter()
        rows.lines(80)
        rows.get_optimal_width({}, 80)
        rows.render_strips(80, None, Style(), RenderOptions(lambda _: Style(), {}))
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("make", list(TEXTS.values()), ids=list(TEXTS))
def test_a_long_text_is_laid_out_in_linear_time(make: Callable[[int], str]) -> None:
    short, long = laid_out(make(SHORT)), laid_out(make(LONG))
    assert long < GROWTH * short, f"{SHORT:,}: {short:.4f} s, {LONG:,}: {long:.4f} s"


def test_every_line_of_a_long_word_fits_the_width() -> None:
    word = TEXTS["a word of letters"](LONG)
    lines = CellRows(Layout((Column(12), Column())), [[Content("key"), Content(word)]]).lines(80)
    assert all(line.cell_length <= 80 for line in lines)
    assert "".join(line.plain[13:] for line in lines) == word

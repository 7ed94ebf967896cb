"""A list of scenario sentences with hanging indents, bulleted or numbered, as one widget."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from tabletop.ui.text import literal
from tabletop.ui.widgets.cell_table import CellTable, Column, Layout

COLUMNS = Layout((Column(3, "right"), Column()))
"""The bullet or number, right-aligned, then the item: wrapped lines hang under its text."""


class Bullets(CellTable):
    """Each item on its own row; wrapped lines stay indented under the item's text.

    One `CellTable`, not two Statics an item: the briefing opens in most UI tests and in every
    run, and each widget costs Textual a restyle on every mount and screen switch.

    Args:
        items: the sentences, shown literally.
        numbered: number the items instead of bulleting them.
    """

    def __init__(self, items: Sequence[str], *, numbered: bool = False,
                 id: str | None = None) -> None:
        marks = [f"{n}." if numbered else "\u2022" for n in range(1, len(items) + 1)]
        super().__init__(COLUMNS, [(Content(mark), literal(item))
                                   for mark, item in zip(marks, items, strict=True)], id=id)

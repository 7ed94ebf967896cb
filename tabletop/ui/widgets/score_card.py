"""A score card as a table: each criterion's title, points and why, as the rubric judged them.

The debrief shows the room's card and, in a workshop, each team's own card with the same widget,
so a team sees its points and the reasons for them exactly as the room's are shown. The card is
one widget (`CellTable`), not a widget per cell: the debrief is opened in most UI tests, and
each widget costs styling on every mount and screen switch.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from tabletop.base.words import out_of
from tabletop.scoring.rubric import CriterionScore
from tabletop.ui.text import literal
from tabletop.ui.widgets.cell_table import CellTable, Column, Layout

WIDE = Layout((Column(28), Column(9, "right"), Column()), gutter=1, row_gap=1)
"""Criterion, points, why: a blank line between criteria."""
NARROW = Layout((Column(20), Column(9, "right"), Column()), gutter=1, row_gap=1)
"""A narrower title column, for a narrow debrief."""
NARROW_BELOW = 94
"""The card's width under which the title column narrows: the debrief's `-narrow` breakpoint
(100 columns) less its padding (4) and scrollbar (2). Chosen by the card's own width, so the
card lays out the same whatever the order in which Textual resizes and restyles."""


def points(line: CriterionScore) -> str:
    """A criterion's points as the card shows them: 15 / 20."""
    return out_of(line.points, line.max)


class ScoreCardTable(CellTable):
    """Criterion, points out of the maximum, and why: one row per criterion.

    Args:
        criteria: the score card's lines, in rubric order.
    """

    def __init__(self, criteria: Sequence[CriterionScore], *, id: str | None = None,
                 classes: str | None = None) -> None:
        self.criteria = tuple(criteria)
        """The lines shown, in rubric order."""
        rows = [(literal(line.title, "bold"), Content.styled(points(line), "bold"),
                 literal(line.why)) for line in self.criteria]
        super().__init__(_layout, rows, id=id, classes=classes)


def _layout(width: int) -> Layout:
    """The card's columns at `width`."""
    return NARROW if width < NARROW_BELOW else WIDE

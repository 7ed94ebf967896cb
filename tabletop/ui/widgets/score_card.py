"""A score card as a grid: each criterion's title, points and why, as the rubric judged them.

The debrief shows the room's card and, in a workshop, each team's own card with the same widget,
so a team sees its points and the reasons for them exactly as the room's are shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Grid
from textual.content import Content
from textual.widgets import Static

from tabletop.scoring.rubric import CriterionScore
from tabletop.ui.text import literal


class ScoreCardGrid(Grid):
    """Criterion, points out of the maximum, and why: one row per criterion.

    Args:
        criteria: the score card's lines, in rubric order.
    """

    DEFAULT_CSS = """
    ScoreCardGrid {
        grid-size: 3;
        grid-rows: auto;
        grid-columns: 28 9 1fr;
        grid-gutter: 1 1;
        height: auto;
    }
    ScoreCardGrid > Static { height: auto; }
    ScoreCardGrid > .points { text-align: right; }
    """

    def __init__(self, criteria: Sequence[CriterionScore], *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._criteria = tuple(criteria)

    def compose(self) -> ComposeResult:
        """Three cells a criterion: its title, its points, its why (all shown literally)."""
        for line in self._criteria:
            yield Static(literal(line.title, "bold"), classes="criterion")
            yield Static(Content.styled(f"{line.points:g} / {line.max:g}", "bold"),
                         classes="points")
            yield Static(literal(line.why), classes="why")

"""The live feed: the latest items the models labelled, newest at the bottom, with class counts.

Its title, its caption's word for the counts and two column headings are the scenario's
(`Scenario.terms`). It shows what an operator's dashboard would: the class the model gave,
its confidence, whether a person corrected it; never an item's true class (the answer to the
exercise), which only the facilitator's seat can show, behind a key (`show_truth`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence

from textual.content import Content

from tabletop.exercise.signals import WINDOW_MINUTES
from tabletop.exercise.simulation import Item
from tabletop.scenario.stream import Stream
from tabletop.scenario.terms import Terms
from tabletop.ui.text import humanise
from tabletop.ui.widgets.line_table import Cell, Column, LineTable

MAX_ROWS = 200
"""Rows kept in the feed; older ones are dropped as new ones arrive."""
BATCH = 50
"""Most rows added in one refresh: a jump or a fast clock shows the latest, not every item."""
SEGMENT_WIDTH = 10
"""Widest segment column; longer names are cut with an ellipsis so the table fits 64 columns."""
CLASS_WIDTH = 10
"""Widest class column, the high-priority mark included."""


class TicketFeed(LineTable):
    """Class counts above the latest items (id, segment, the class the model gave,
    confidence, corrected by a person; the true class too when `truth`).

    Rows are appended as items arrive and the oldest dropped; the table is rebuilt only when
    the true class is shown or hidden.

    Args:
        stream: the scenario's stream (its noun, segments and classes).
        terms: the scenario's words for the feed.
        truth: show each item's true class (the facilitator's seat, behind a key).
    """

    def __init__(self, stream: Stream, terms: Terms, *, truth: bool = False) -> None:
        self._stream = stream
        self._terms = terms
        self._seen = 0
        self.truth = truth
        self._items: deque[Item] = deque(maxlen=MAX_ROWS)
        # Two lines of class counts and a blank line above the table.
        super().__init__(_columns(stream, terms, truth), MAX_ROWS, preamble=3, id="feed",
                         classes="panel")

    def show_truth(self, truth: bool) -> None:
        """Show or hide the true class column, the rows held drawn again."""
        if truth == self.truth:
            return
        self.truth = truth
        self.columns = _columns(self._stream, self._terms, truth)
        self.rows.clear()
        self.append(self._cells(item) for item in self._items)
        self._caption()
        self.refresh()

    @property
    def needed_width(self) -> int:
        """Cells the feed needs: its columns or its class counts, the border and scrollbar."""
        table = sum(column.width + 2 for column in self.columns)
        counts = sum(len(name) + 3 for name in self._stream.classes) + 1
        return max(table, counts) + 3

    def on_mount(self) -> None:
        """The feed's title and caption, in the scenario's words."""
        self.border_title = Content(self._terms.feed_title)
        self._caption()

    def _caption(self) -> None:
        mark = "Truth: ▲ high priority · " if self.truth else ""
        self.border_subtitle = Content(f"{mark}{self._terms.feed_counts}: "
                                       f"last {WINDOW_MINUTES:g} min · latest {MAX_ROWS}")

    def show(self, items: Sequence[Item], queues: Mapping[str, int]) -> None:
        """Append the items not shown yet and refresh the class counts if they changed."""
        self.show_preamble(_queues(queues))
        new = items[self._seen:][-BATCH:]
        self._seen = len(items)
        self._items.extend(new)
        self.append(self._cells(item) for item in new)

    def _cells(self, item: Item) -> tuple[Cell, ...]:
        if not self._stream.routes:  # its class is no secret; what the answer produced is
            return ((item.id, ""), (item.segment, ""), (item.true_class, ""),
                    (_produced(self._stream, item), "bold"))
        routed = (item.routed, "bold" if item.routed == self._stream.critical_class else "")
        truth: tuple[Cell, ...] = ()
        if self.truth:
            mark = "▲" if item.high_priority else ""
            truth = ((mark + item.true_class,
                      "bold" if item.true_class == self._stream.critical_class else ""),)
        return (
            (item.id, ""),
            (item.segment, ""),
            *truth,
            routed,
            (f"{item.confidence:.2f}", ""),
            ("✎ yes", "bold") if item.overridden else ("·", ""),
        )


OUTCOME_WIDTH = 16
"""Widest column of what an answer produced (the declared outcomes' units)."""


def _produced(stream: Stream, item: Item) -> str:
    """The units of the declared outcomes an item's answer produced, or a dot."""
    units = [o.unit for o in stream.outcomes if o.id in item.produced]
    return "+".join(units) if units else "·"


def _columns(stream: Stream, terms: Terms, truth: bool) -> tuple[Column, ...]:
    """Item, segment, (the true class,) the class the model gave, confidence, corrected; for
    a stream that does not route: item, segment, class, what the answer produced."""
    longest = max(map(len, stream.classes))
    segment = Column("Segment", max(7, min(SEGMENT_WIDTH, max(map(len, stream.segments)))))
    if not stream.routes:
        units = max((len(o.unit) for o in stream.outcomes), default=0)
        return (Column(humanise(stream.noun), 9), segment,
                Column(terms.assigned_column, max(len(terms.assigned_column),
                                                  min(CLASS_WIDTH, longest))),
                Column("Outcome", max(7, min(OUTCOME_WIDTH, units))))
    return (
        Column(humanise(stream.noun), 9),
        segment,
        *((Column("Truth", max(5, min(CLASS_WIDTH, longest + 1))),) if truth else ()),
        Column(terms.assigned_column, max(len(terms.assigned_column),
                                          min(CLASS_WIDTH - 1, longest))),
        Column("Conf", 4, "right"),
        Column(terms.corrected_column, max(8, len(terms.corrected_column)), "center"),
    )


def _queues(queues: Mapping[str, int]) -> Content:
    """Class names over their counts, each column as wide as the wider of the two."""
    names: list[Content] = []
    counts: list[Content] = []
    for name, count in queues.items():
        width = max(len(name), len(str(count))) + 3
        names.append(Content(f"{name:>{width}}"))
        counts.append(Content.styled(f"{count:>{width}}", "bold"))
    return Content.assemble(Content("").join(names), "\n", Content("").join(counts))

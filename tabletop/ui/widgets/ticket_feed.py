"""The ticket routing feed: the latest routed items, newest at the bottom, with queue counts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.content import Content

from tabletop.exercise.signals import WINDOW_MINUTES
from tabletop.exercise.simulation import Item
from tabletop.scenario.model import Stream
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
    """Queue counts above the latest items (id, segment, true class, routed queue, confidence,
    overridden).

    Rows are appended as items arrive and the oldest dropped; the table is never rebuilt.
    """

    def __init__(self, stream: Stream) -> None:
        self._noun = stream.noun
        self._critical = stream.critical_class
        self._seen = 0
        longest = max(map(len, stream.classes))
        columns = (
            Column(humanise(stream.noun), 9),
            Column("Segment", max(7, min(SEGMENT_WIDTH, max(map(len, stream.segments))))),
            Column("Class", max(5, min(CLASS_WIDTH, longest + 1))),
            Column("Routed to", max(9, min(CLASS_WIDTH - 1, longest))),
            Column("Conf", 4, "right"),
            Column("Override", 8, "center"),
        )
        # Two lines of queue counts and a blank line above the table.
        super().__init__(columns, MAX_ROWS, preamble=3, id="feed", classes="panel")

    def on_mount(self) -> None:
        """Titles."""
        self.border_title = Content(f"{humanise(self._noun)} routing")
        self.border_subtitle = (f"▲ high priority · queues: last {WINDOW_MINUTES:g} min · "
                                f"latest {MAX_ROWS}")

    def show(self, items: Sequence[Item], queues: Mapping[str, int]) -> None:
        """Append the items not shown yet and refresh the queue counts if they changed."""
        self.show_preamble(_queues(queues))
        new = items[self._seen:]
        self._seen = len(items)
        self.append(self._cells(item) for item in new[-BATCH:])

    def _cells(self, item: Item) -> tuple[Cell, ...]:
        mark = "▲" if item.high_priority else ""
        return (
            (item.id, ""),
            (item.segment, ""),
            (mark + item.true_class, "bold" if item.true_class == self._critical else ""),
            (item.routed, ""),
            (f"{item.confidence:.2f}", ""),
            ("✎ yes", "bold") if item.overridden else ("·", ""),
        )


def _queues(queues: Mapping[str, int]) -> Content:
    """Queue names over their counts, each column as wide as the wider of the two."""
    names: list[Content] = []
    counts: list[Content] = []
    for name, count in queues.items():
        width = max(len(name), len(str(count))) + 3
        names.append(Content(f"{name:>{width}}"))
        counts.append(Content.styled(f"{count:>{width}}", "bold"))
    return Content.assemble(Content("").join(names), "\n", Content("").join(counts))

"""Model confidence by segment beside the accuracy people observed, where it is known.

What that accuracy is, in the scenario's words, is its caption (`Terms.accuracy_means`).
"""

from __future__ import annotations

from textual.content import Content

from tabletop.exercise.signals import MIN_ITEMS_FOR_ACCURACY, WINDOW_MINUTES, SegmentSignal
from tabletop.scenario.terms import Terms
from tabletop.ui.widgets.readout import Readout


class ConfidencePanel(Readout):
    """One aligned row per segment: items, mean confidence, observed accuracy (or n/a).

    High confidence beside low observed accuracy is the pattern this panel makes visible; the
    panel states the numbers and leaves the judgement to the players.

    Args:
        home_segment: the segment shown in bold.
        terms: the scenario's words (what accuracy is).
    """

    def __init__(self, home_segment: str, terms: Terms) -> None:
        super().__init__(id="confidence", classes="panel")
        self._home = home_segment
        self._terms = terms
        self._segments: tuple[SegmentSignal, ...] = ()

    def on_mount(self) -> None:
        """Title and caption."""
        self.border_title = "Confidence by segment"
        self.border_subtitle = f"last {WINDOW_MINUTES:g} min"

    def show_segments(self, segments: tuple[SegmentSignal, ...]) -> None:
        """Redraw if any figure changed."""
        self._segments = segments
        width = self.content_size.width or 80  # before the first layout: the widest table
        self.show(_table(segments, self._home, self._terms.accuracy_means, width))

    def on_resize(self) -> None:
        """Fit the columns to the new width."""
        if self._segments:
            self.show_segments(self._segments)


ACCURACY_HEADERS = ("accuracy", "acc.")
"""The accuracy column's header, and abbreviated where the panel is narrow."""


def _table(segments: tuple[SegmentSignal, ...], home: str, accuracy_means: str,
           room: int) -> Content:
    """A row per segment; the accuracy column's header is abbreviated where the full one does
    not fit, and the column dropped where neither does: a column never wraps to a line of its
    own."""
    width = max([len(s.segment) for s in segments] + [7]) + 2
    fitting = [h for h in ACCURACY_HEADERS if width + 13 + len(h) + 2 <= room]
    heading = fitting[0] if fitting else ""
    column = len(heading) + 2 if heading else 0
    header = Content.styled(f"{'Segment':<{width}}{'items':>6}{'conf':>7}{heading:>{column}}",
                            "bold $foreground-muted")
    rows = [header]
    for s in segments:
        name = Content(f"{s.segment:<{width}}")
        if s.segment == home:
            name = name.stylize("bold")
        confidence = f"{s.mean_confidence:.2f}" if s.items else "n/a"
        accuracy = "n/a" if s.observed_accuracy is None else f"{s.observed_accuracy:.2f}"
        rows.append(Content.assemble(name, f"{s.items:>6}", (f"{confidence:>7}", "bold"),
                                     (f"{accuracy:>{column}}" if column else "", "bold")))
    named = {"accuracy": "accuracy:", "acc.": "acc.: accuracy,"}.get(
        heading, "accuracy (too narrow to show):")
    rows.append(Content.styled(
        f"{named} {accuracy_means}; n/a under {MIN_ITEMS_FOR_ACCURACY} items",
        "$foreground-muted"))
    return Content("\n").join(rows)

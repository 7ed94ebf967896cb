"""One panel enlarged on the room's view (`p`): its figures in the block font, each with its
label and what it is measured against underneath, over the panel itself. A panel of text (the
feed, the evidence, the log, the runbook) has no figures and is shown alone, full screen."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widget import Widget

from tabletop.base.record import record
from tabletop.base.words import percent
from tabletop.exercise.engine import Exercise
from tabletop.exercise.signals import WINDOW_MINUTES, Snapshot
from tabletop.ui.room.block_font import fitting_scale, render_blocks
from tabletop.ui.text import literal
from tabletop.ui.widgets.overrides import change_words

TEXT_LINES = 2
"""Lines under each figure's digits: its label, then what it is measured against."""


@record
class Figure:
    """One figure of a panel, as the room reads it from the back."""

    label: str
    """What it counts (from the scenario's words where the panel's are)."""
    value: str
    """The figure itself, in the block font's characters (digits, '.', '%')."""
    note: str
    """Its unit and what it is measured against, in words."""
    alert: bool = False
    """The panel marks it (an alert, a harm rising): said in words in `note` too."""


def panel_figures(panel: str, exercise: Exercise, snap: Snapshot) -> tuple[Figure, ...]:
    """The figures panel `panel` (its id) shows at `snap`; none for a panel of text."""
    stream, terms = exercise.scenario.stream, exercise.scenario.terms
    window = f"last {WINDOW_MINUTES:g} min"
    if panel == "health":
        return (Figure("Latency p95", f"{snap.latency_p95_ms:.0f}",
                       "ms" + _status(snap.latency_alert), snap.latency_alert),
                Figure("Error rate", percent(snap.error_rate, places=1).replace(" ", ""),
                       _status(snap.error_alert).strip(), snap.error_alert))
    if panel == "overrides":
        change = snap.critical_change_percent
        return (Figure(f"{terms.corrections_title}, {window}", str(snap.overrides),
                       f"pre-release {snap.overrides_baseline}"
                       f"{change_words(snap.overrides, snap.overrides_baseline)}"),
                Figure(f"{stream.critical_class} → {stream.fallback_class}, {window}",
                       str(snap.critical_to_fallback),
                       f"pre-release {snap.critical_to_fallback_baseline}"
                       + ("" if change is None else f"  {change:+.0f} %")))
    if panel == "confidence":
        return tuple(Figure(f"{s.segment}: confidence", f"{s.mean_confidence:.2f}"
                            if s.items else "", f"{s.items} items · accuracy "
                            + ("n/a" if s.observed_accuracy is None
                               else f"{s.observed_accuracy:.2f}"))
                     for s in snap.segments)
    if panel == "outcomes":
        declared = {o.id: o for o in stream.outcomes}
        return tuple(Figure(declared[s.id].label, str(s.count),
                            f"{percent(s.rate, places=1)} · {s.baseline} before · "
                            f"{s.total} since" + (" · ▲ UP" if rising else ""), rising)
                     for s in snap.outcomes if s.id in declared
                     for rising in [declared[s.id].harm and s.count > s.baseline])
    return ()


def _status(alert: bool) -> str:
    return "  ✗ ALERT" if alert else "  ✓ OK"


class BigFigures(Widget):
    """A panel's figures side by side (in rows when they do not fit), their digits as large
    as the widget allows, one scale for all."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.figures: tuple[Figure, ...] = ()

    def show(self, figures: Sequence[Figure]) -> None:
        """Redraw if a figure changed."""
        if tuple(figures) != self.figures:
            self.figures = tuple(figures)
            self.refresh()

    def render(self) -> Content:
        """Rows of figures, each centred in its column: digits, label, note."""
        figures, size = self.figures, self.content_size
        if not figures or size.width < 8:
            return Content("")
        across = _across(figures, size.width)
        rows = [figures[i:i + across] for i in range(0, len(figures), across)]
        column = size.width // across
        tall = max(1, size.height // len(rows) - TEXT_LINES - 1)
        scale = min(fitting_scale(f.value or "0", column - 2, tall, step=2) for f in figures)
        lines: list[Content] = []
        for row in rows:
            lines += _row(row, column, scale)
        pad = max(0, (size.height - len(lines)) // 2)
        return Content("\n").join([Content("")] * pad + lines)


def _across(figures: Sequence[Figure], width: int) -> int:
    """How many figures a row holds: all of them if each fits its column at scale 2."""
    for across in range(min(len(figures), 4), 1, -1):
        if all(len(render_blocks(f.value, 2)[0] if f.value else "") <= width // across - 2
               for f in figures):
            return across
    return 1


def _row(row: Sequence[Figure], column: int, scale: int) -> list[Content]:
    """One row of figures: the digits' lines, a gap, the labels, the notes."""
    blocks = [render_blocks(f.value, scale) or [""] for f in row]
    height = max(len(b) for b in blocks)
    lines = [Content.assemble(*((b[i] if i < len(b) else "").center(column) for b in blocks)
                              ).stylize("bold $text-primary") for i in range(height)]
    labels = Content.assemble(*(literal(_cut(f.label, column).center(column), "bold")
                                for f in row))
    notes = Content.assemble(*(literal(_cut(f.note, column).center(column),
                                       "bold reverse $text-error" if f.alert else "bold")
                               for f in row))
    return [*lines, Content(""), labels, notes]


def _cut(text: str, width: int) -> str:
    """`text` cut to `width - 2` characters, an ellipsis saying so."""
    return text if len(text) <= width - 2 else text[:max(0, width - 3)] + "…"

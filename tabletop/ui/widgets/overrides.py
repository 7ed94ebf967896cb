"""Items people corrected (overrode) per interval against the pre-release baseline, with a trend.

The panel's title is the scenario's (`Terms.corrections_title`).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.color import Color
from textual.content import Content
from textual.widget import Widget

from tabletop.base.record import record
from tabletop.base.words import fmt_minute
from tabletop.exercise.signals import BUCKET_MINUTES, WINDOW_MINUTES, Snapshot
from tabletop.scenario.terms import Terms

BARS = "▁▂▃▄▅▆▇█"
"""Eighths of a cell, lowest first."""
TREND_ROWS = 2
"""Height of the trend chart in lines."""


@record
class OverrideFigures:
    """The overrides panel's figures."""

    overrides: int
    """Items people corrected in the window."""
    baseline: int
    """The same in the window before deployment."""
    trend: tuple[int, ...]
    """Overrides per bucket since the start of history."""
    critical: int
    """Critical items sent to the fallback queue in the window."""
    critical_baseline: int
    """The same before deployment."""
    critical_change: float | None
    """Change of the critical figure against its baseline, in percent."""

    @classmethod
    def of(cls, snap: Snapshot) -> OverrideFigures:
        """The figures of a dashboard snapshot."""
        return cls(snap.overrides, snap.overrides_baseline, snap.overrides_trend,
                   snap.critical_to_fallback, snap.critical_to_fallback_baseline,
                   snap.critical_change_percent)


class OverridesPanel(Widget):
    """Corrections in the last window beside the pre-release window, and a trend per bucket.

    One widget draws figures, chart and captions: the chart is text, sized to the panel's
    width when it is drawn, and the panel redraws only when a figure changed.

    Args:
        critical_class, fallback_class: the stream's classes named on the critical line.
        history_start: scenario minute the trend starts at.
        terms: the scenario's words (the panel's title).
    """

    def __init__(self, critical_class: str, fallback_class: str, history_start: float,
                 terms: Terms) -> None:
        super().__init__(id="overrides", classes="panel")
        self._terms = terms
        self._history_start = history_start
        self._critical = critical_class
        self._fallback = fallback_class
        self._figures: OverrideFigures | None = None
        self._drawn: tuple[object, Content] | None = None
        """What was drawn last and for what (figures, width, theme): a panel of `height: auto`
        is rendered once to measure and again to draw."""

    def on_mount(self) -> None:
        """Title the panel."""
        self.border_title = Content(self._terms.corrections_title)

    def show(self, figures: OverrideFigures) -> None:
        """Redraw if a figure changed."""
        if figures != self._figures:
            self._figures = figures
            self.refresh(layout=True)

    def render(self) -> Content:
        """Figures, the trend as wide as the panel, the caption, the critical line."""
        f = self._figures
        if f is None:
            return Content("")
        theme = self.app.current_theme
        key = (f, self.content_size.width, theme.name)
        if self._drawn is not None and self._drawn[0] == key:
            return self._drawn[1]
        base = per_bucket(f.baseline)
        top = chart_top(f.trend, base)
        rows = trend_rows(f.trend, self.content_size.width, TREND_ROWS, top)
        low, high = Color.parse(theme.primary), Color.parse(theme.error or theme.primary)
        # Primary up to the pre-release rate, turning to error as a bucket rises above it to
        # the chart's top: a run as before is drawn as before, never in alarm.
        colours = {share: low.blend(high, _above(share * top, base, top)).hex
                   for row in rows for _, share in row}
        chart = [Content.assemble(*((bars, colours[share]) for bars, share in _runs(row)))
                 for row in rows]
        content = Content("\n").join([_overrides(f), *chart, _caption(f, self._history_start),
                                      _critical(f, self._critical, self._fallback)])
        self._drawn = (key, content)
        return content


def per_bucket(baseline: int) -> float:
    """The pre-release window's corrections as a rate per bucket of the trend."""
    return baseline * BUCKET_MINUTES / WINDOW_MINUTES


HEADROOM = 4
"""The chart's full height stands for at least this many times the pre-release rate, and at
least this many corrections in a bucket: a run as before stays low, one correction is a stub."""


def chart_top(values: Sequence[int], base: float) -> float:
    """The value the chart's full height stands for: the peak, but never less than `HEADROOM`
    times the pre-release rate, nor less than `HEADROOM` corrections."""
    return max(max(values, default=0), HEADROOM * base, HEADROOM)


def _above(value: float, base: float, top: float) -> float:
    """How far above the pre-release rate `value` is, from 0 (at or below) to 1 (the top)."""
    if value <= base or top <= base:
        return 0.0
    return min(1.0, (value - base) / (top - base))


def trend_rows(values: Sequence[int], width: int, height: int,
               top: float | None = None) -> list[list[tuple[str, float]]]:
    """A bar chart of `values` stretched to `width` columns, top row first.

    Each cell is (character, share of `top`, the peak by default); bars grow from zero, so a
    flat series of zeros is a flat line along the bottom and one spike stands out at once.
    """
    if width <= 0:
        return [[] for _ in range(height)]
    scale = max(values, default=0) if top is None else top
    eighths = height * len(BARS)
    columns = []
    for x in range(width):
        value = values[x * len(values) // width] if values else 0
        share = min(1.0, value / scale) if scale else 0.0
        columns.append((max(1, round(share * eighths)), share))
    rows = []
    for row in reversed(range(height)):
        floor = row * len(BARS)
        rows.append([(_cell(level - floor, row), share) for level, share in columns])
    return rows


def _runs(row: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Neighbouring cells of one share joined: one styled span each, not one per column."""
    runs: list[tuple[str, float]] = []
    for bar, share in row:
        if runs and runs[-1][1] == share:
            runs[-1] = (runs[-1][0] + bar, share)
        else:
            runs.append((bar, share))
    return runs


def _cell(level: int, row: int) -> str:
    """The character for a bar `level` eighths above this row's floor."""
    if level <= 0:
        return "▁" if row == 0 else " "
    return BARS[min(level, len(BARS)) - 1]


def change_words(now: int, before: int) -> str:
    """The change against the pre-release window, in figures, a symbol and words."""
    if not before:
        return "" if not now else "  ▲ none before"
    ratio = f"{now / before:.1f}"
    if ratio == "1.0":
        return "  ×1.0 = no change"
    return f"  ×{ratio} ▲ up" if now > before else f"  ×{ratio} ▼ down"


def _overrides(f: OverrideFigures) -> Content:
    return Content.assemble(
        (f"last {WINDOW_MINUTES:g} min ", "$foreground-muted"), (f"{f.overrides:>4}", "bold"),
        ("   pre-release ", "$foreground-muted"), (f"{f.baseline:>3}", "bold"),
        (change_words(f.overrides, f.baseline), "bold"))


def _caption(f: OverrideFigures, history_start: float) -> Content:
    peak = max(f.trend, default=0)
    since = fmt_minute(history_start)
    base = per_bucket(f.baseline)
    return Content.styled(f"per {BUCKET_MINUTES:g} min since {since} · peak {peak} · "
                          f"pre-release {base:.1f}", "$foreground-muted")


def _critical(f: OverrideFigures, critical: str, fallback: str) -> Content:
    change = "" if f.critical_change is None else f"  {f.critical_change:+.0f} %"
    if f.critical_change is not None:  # the direction in a symbol too, never colour alone
        change += " ▲" if f.critical_change > 0 else " ▼" if f.critical_change < 0 else " ="
    return Content.assemble(
        Content.styled(f"{critical} → {fallback}", "bold"), "\n",
        (f"last {WINDOW_MINUTES:g} min ", "$foreground-muted"), (f"{f.critical:>4}", "bold"),
        ("   pre-release ", "$foreground-muted"), (f"{f.critical_baseline:>3}", "bold"),
        (change, "bold"))

"""Manual overrides per interval against the pre-release baseline, with a trend."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Sparkline

from tabletop.core.signals import BUCKET_MINUTES, WINDOW_MINUTES, Snapshot
from tabletop.ui.text import clock
from tabletop.ui.widgets.readout import Readout


@dataclass(frozen=True)
class OverrideFigures:
    """The overrides panel's figures."""

    overrides: int
    """Manual overrides in the window."""
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


class OverridesPanel(Vertical):
    """Overrides in the last window beside the pre-release window, and a sparkline per bucket."""

    def __init__(self, critical_class: str, fallback_class: str, history_start: float) -> None:
        super().__init__(id="overrides", classes="panel")
        self._history_start = history_start
        self._critical = critical_class
        self._fallback = fallback_class
        self._trend: tuple[int, ...] = ()

    def compose(self) -> ComposeResult:
        """Figures, trend, then the critical-to-fallback line."""
        yield Readout(id="overrides-figures")
        yield Sparkline([], id="overrides-trend")
        yield Readout(id="overrides-caption")
        yield Readout(id="critical-figures")

    def on_mount(self) -> None:
        """Title the panel."""
        self.border_title = "Manual overrides"

    def show(self, figures: OverrideFigures) -> None:
        """Redraw what changed."""
        self.query_one("#overrides-figures", Readout).show(_overrides(figures))
        self.query_one("#critical-figures", Readout).show(
            _critical(figures, self._critical, self._fallback))
        self.query_one("#overrides-caption", Readout).show(_caption(figures, self._history_start))
        if figures.trend != self._trend:
            self._trend = figures.trend
            self.query_one(Sparkline).data = list(figures.trend)


def _ratio(now: int, before: int) -> str:
    if not before:
        return "" if not now else "  (none before)"
    return f"  ×{now / before:.1f}"


def _overrides(f: OverrideFigures) -> Content:
    return Content.assemble(
        (f"last {WINDOW_MINUTES:g} min ", "$text-muted"), (f"{f.overrides:>4}", "bold"),
        ("   pre-release ", "$text-muted"), (f"{f.baseline:>3}", "bold"),
        (_ratio(f.overrides, f.baseline), "bold"))


def _caption(f: OverrideFigures, history_start: float) -> Content:
    peak = max(f.trend, default=0)
    return Content.styled(f"per {BUCKET_MINUTES:g} min since {clock(history_start)} · peak {peak}",
                          "$text-muted")


def _critical(f: OverrideFigures, critical: str, fallback: str) -> Content:
    change = "" if f.critical_change is None else f"  {f.critical_change:+.0f} %"
    return Content.assemble(
        Content.styled(f"{critical} → {fallback}", "bold"), "\n",
        (f"last {WINDOW_MINUTES:g} min ", "$text-muted"), (f"{f.critical:>4}", "bold"),
        ("   pre-release ", "$text-muted"), (f"{f.critical_baseline:>3}", "bold"),
        (change, "bold"))

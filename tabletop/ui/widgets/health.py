"""Service health: latency p95 and error rate, each with an OK or ALERT word."""

from __future__ import annotations

from textual.content import Content

from tabletop.base.words import percent
from tabletop.exercise.signals import HEALTH_WINDOW_MINUTES, Snapshot
from tabletop.ui.widgets.readout import Readout


class HealthPanel(Readout):
    """Latency and error rate over the health window, with words as well as colours."""

    def __init__(self) -> None:
        super().__init__(id="health", classes="panel")

    def on_mount(self) -> None:
        """Title and caption."""
        self.border_title = "Service health"
        self.border_subtitle = f"last {HEALTH_WINDOW_MINUTES:g} min"

    def show_health(self, snap: Snapshot) -> None:
        """Redraw if a figure changed; whether it alerts is the core's call."""
        self.show(Content("\n").join([
            _line("Latency p95", f"{snap.latency_p95_ms:.0f} ms", snap.latency_alert),
            _line("Error rate", percent(snap.error_rate, places=1), snap.error_alert),
        ]))


def _line(label: str, value: str, alert: bool) -> Content:
    status = (Content.styled(" ✗ ALERT ", "bold reverse $text-error") if alert
              else Content.styled("✓ OK", "bold $text-success"))
    return Content.assemble((f"{label:<12}", "$foreground-muted"), (f"{value:>9}", "bold"), "  ",
                            status)

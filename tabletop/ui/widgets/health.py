"""Service health: latency p95 and error rate, each with an OK or ALERT word."""

from __future__ import annotations

from textual.content import Content

from tabletop.core.model import Stream
from tabletop.core.signals import HEALTH_WINDOW_MINUTES
from tabletop.ui.widgets.readout import Readout


def latency_alert_ms(stream: Stream) -> float:
    """p95 latency above which the panel says ALERT: twice the healthy median.

    A display threshold, as an on-call dashboard would draw its red line; the core has no notion
    of an alert yet (see the UI report), so it is derived from the stream's own healthy figures.
    """
    return max(2 * stream.latency_ms, stream.latency_ms + 4 * stream.latency_jitter_ms)


def error_alert_rate(stream: Stream) -> float:
    """Error rate above which the panel says ALERT: ten times the healthy rate, at least 1 %."""
    return max(0.01, 10 * stream.error_rate)


class HealthPanel(Readout):
    """Latency and error rate over the health window, with words as well as colours."""

    def __init__(self, stream: Stream) -> None:
        super().__init__(id="health", classes="panel")
        self._latency_alert = latency_alert_ms(stream)
        self._error_alert = error_alert_rate(stream)

    def on_mount(self) -> None:
        """Title and caption."""
        self.border_title = "Service health"
        self.border_subtitle = f"last {HEALTH_WINDOW_MINUTES:g} min"

    def show_health(self, latency_p95_ms: float, error_rate: float) -> None:
        """Redraw if a figure changed."""
        self.show(Content("\n").join([
            _line("Latency p95", f"{latency_p95_ms:.0f} ms", latency_p95_ms > self._latency_alert),
            _line("Error rate", f"{error_rate * 100:.1f} %", error_rate > self._error_alert),
        ]))


def _line(label: str, value: str, alert: bool) -> Content:
    status = (Content.styled(" ✗ ALERT ", "bold reverse $text-error") if alert
              else Content.styled("✓ OK", "bold $text-success"))
    return Content.assemble((f"{label:<12}", "$text-muted"), (f"{value:>9}", "bold"), "  ", status)

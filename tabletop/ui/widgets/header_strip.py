"""The header strip: the scenario clock, large, and the state of the run beside it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Digits, Static

from tabletop.ui.text import bar, clock, percent, span, speed
from tabletop.ui.widgets.readout import Readout

T_GLYPH = "╺┳╸\n ┃ \n ╹ "
"""A 'T' drawn like Textual's bold digits, since `Digits` has no letters."""


@dataclass(frozen=True)
class ClockFigures:
    """What the header strip shows; it redraws only when one of these changes."""

    minute: float
    """Scenario minute now."""
    running: bool
    """True while time passes."""
    finished: bool
    """The exercise is over."""
    speed: float
    """Scenario minutes per real minute."""
    next_inject: float | None
    """Minute of the next scheduled inject, if any."""
    exposure: float
    """Share of traffic the candidate serves."""
    enabled: bool
    """False once the feature flag is off."""
    end_minute: float
    """Scenario minute at which the exercise ends."""


class HeaderStrip(Horizontal):
    """Clock (T-/T+ mm:ss in large digits), run state, speed, next inject, exposure."""

    def __init__(self, title: str) -> None:
        super().__init__(id="header-strip")
        self._title = title
        self._digits = ""

    def compose(self) -> ComposeResult:
        """The clock, then three small columns of words."""
        with Horizontal(id="clock-box"):
            yield Static(T_GLYPH, id="clock-t", markup=False)
            yield Digits("-00:00", id="clock")
        yield Readout(id="run-state")
        yield Readout(id="next-inject")
        yield Readout(id="exposure")

    def on_mount(self) -> None:
        """Title the strip with the scenario, literally."""
        self.border_title = Content(self._title)

    def show(self, figures: ClockFigures) -> None:
        """Redraw the parts whose text changed."""
        digits = clock(figures.minute)[1:]
        if digits != self._digits:
            self._digits = digits
            self.query_one("#clock", Digits).update(digits)
        self.query_one("#run-state", Readout).show(_run_state(figures))
        self.query_one("#next-inject", Readout).show(_next_inject(figures))
        self.query_one("#exposure", Readout).show(_exposure(figures))
        self.set_class(not figures.running, "-paused")


def _run_state(f: ClockFigures) -> Content:
    if f.finished:
        state = Content.styled("■ ENDED", "bold")
    elif f.running:
        state = Content.styled("▶ RUNNING", "bold $text-success")
    else:
        state = Content.styled(" ❚❚ PAUSED ", "bold reverse $text-warning")
    return Content.assemble(state, "\n", ("speed ", "$text-muted"), (speed(f.speed), "bold"),
                            "\n", ("ends ", "$text-muted"), (clock(f.end_minute), "bold"))


def _next_inject(f: ClockFigures) -> Content:
    heading = Content.styled("Next inject", "$text-muted")
    if f.next_inject is None or f.finished:
        return Content.assemble(heading, "\n", ("none scheduled", "bold"))
    return Content.assemble(heading, "\n", (clock(f.next_inject), "bold"), "\n",
                            ("in ", "$text-muted"), (span(f.next_inject - f.minute), "bold"))


def _exposure(f: ClockFigures) -> Content:
    heading = Content.styled("Rollout exposure", "$text-muted")
    flag = Content.styled("feature flag ON", "$text-muted") if f.enabled else \
        Content.styled(" feature flag OFF ", "bold reverse")
    share = f.exposure if f.enabled else 0.0
    return Content.assemble(heading, "\n", (bar(share), "$text-primary"), " ",
                            (percent(share), "bold"), "\n",
                            flag)

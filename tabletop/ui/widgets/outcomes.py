"""The outcomes a scenario declares (`Stream.outcomes`), each as its own figure: how many the
last 20 minutes produced and at what rate, against the 20 minutes before release."""

from __future__ import annotations

from textual.content import Content

from tabletop.base.words import count, percent
from tabletop.exercise.signals import WINDOW_MINUTES, OutcomeSignal
from tabletop.scenario.stream import Outcome
from tabletop.scenario.terms import Terms
from tabletop.ui.widgets.readout import Readout


class OutcomesPanel(Readout):
    """One line per declared outcome with its label, one with its figures; an outcome counted
    as harm and above its pre-release count is marked in words and colour.

    Args:
        outcomes: the scenario's declared outcomes, in its order.
        terms: the scenario's words (the panel's title).
    """

    def __init__(self, outcomes: tuple[Outcome, ...], terms: Terms) -> None:
        super().__init__(id="outcomes", classes="panel")
        self._outcomes = {o.id: o for o in outcomes}
        self._terms = terms

    def on_mount(self) -> None:
        """Title and caption."""
        self.border_title = Content(self._terms.outcomes_title)
        self.border_subtitle = f"last {WINDOW_MINUTES:g} min"

    def show_outcomes(self, signals: tuple[OutcomeSignal, ...]) -> None:
        """Redraw if a figure changed."""
        self.show(Content("\n").join(
            _lines(self._outcomes[s.id], s) for s in signals if s.id in self._outcomes))


def _lines(outcome: Outcome, signal: OutcomeSignal) -> Content:
    """The label (cut to the panel's width by its style), then the figures: the window's
    count and rate, the pre-release window's count, the count since release."""
    rising = outcome.harm and signal.count > signal.baseline
    mark = (Content.styled(" ▲ UP ", "bold reverse $text-error") if rising
            else Content.styled("  ✓  ", "bold $text-success"))
    figures = (f"  {count(signal.count, outcome.unit)} · {percent(signal.rate, places=1)}"
               f" · {signal.baseline} before · {signal.total} since")
    return Content.assemble(mark, " ", (outcome.label, "bold"), "\n",
                            (figures, "" if rising else "$foreground-muted"))

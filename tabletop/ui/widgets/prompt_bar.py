"""The prompt bar: the latest inject, the open decision and the open statement, one line each."""

from __future__ import annotations

from textual.content import Content

from tabletop.base.record import record
from tabletop.base.words import fmt_minute, span
from tabletop.ui.widgets.readout import Readout


@record
class PromptFigures:
    """What the team should have in mind now."""

    latest_minute: float | None
    """Minute the latest inject fired, if any has."""
    latest_title: str
    """Its title."""
    latest_line: str
    """Its prompt for the learners, or else its narrative."""
    fresh: bool
    """It arrived moments ago: the line is labelled NEW and stands out."""
    decision: str
    """The open decision point's question; empty when none is open."""
    statement: str
    """Title of the open communication request; empty when none is open."""
    statement_left: float | None
    """Scenario minutes until that statement is due (negative once overdue)."""


class PromptBar(Readout):
    """Up to three labelled lines, each shown only when it has something to say.

    Args:
        keys: name the key that answers each line (not on the room's view, which has none).
    """

    def __init__(self, *, keys: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys = keys

    def show_prompts(self, figures: PromptFigures) -> None:
        """Redraw if a line changed."""
        lines = [_latest(figures)]
        if figures.decision:
            lines.append(_decision(figures, self._keys))
        if figures.statement:
            lines.append(_statement(figures, self._keys))
        self.show(Content("\n").join(lines))


def _label(word: str, style: str = "bold reverse") -> Content:
    return Content.styled(f" {word:<9} ", style)


def _latest(f: PromptFigures) -> Content:
    if f.latest_minute is None:
        return Content.assemble(_label("WAITING"), " Round 1 arrives when the clock starts.")
    line = f" — {f.latest_line}" if f.latest_line else ""
    label = _label("NEW", "bold reverse $text-accent") if f.fresh else _label("LATEST")
    return Content.assemble(label, " ", (fmt_minute(f.latest_minute), "bold"), "  ",
                            (f.latest_title, "bold"), line)


def _key(key: str, shown: bool) -> Content:
    """The key that answers a line, as a badge, or nothing."""
    return Content.assemble((f" {key} ", "bold reverse $text-accent"), " ") if shown \
        else Content("")


def _decision(f: PromptFigures, keys: bool) -> Content:
    return Content.assemble(_label("DECISION"), " " if not keys else "", _key("a", keys),
                            Content(f.decision))


def _statement(f: PromptFigures, keys: bool) -> Content:
    left = f.statement_left or 0.0
    due = f"due in {span(left)}" if left >= 0 else f"OVERDUE by {span(-left)}"
    return Content.assemble(_label("STATEMENT"), " " if not keys else "", _key("s", keys),
                            (f.statement, "bold"), " requested: ", (due, "bold"))

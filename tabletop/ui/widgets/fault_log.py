"""The log of faulty items with their trace ids, for runbook scenarios; its title is the
scenario's (`Terms.log_title`)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from tabletop.base.words import fmt_minute
from tabletop.exercise.simulation import Item
from tabletop.scenario.stream import Stream
from tabletop.scenario.terms import Terms
from tabletop.ui.widgets.line_table import Cell, Column, LineTable

MAX_ROWS = 200
"""Rows kept; older ones are dropped."""


class FaultLog(LineTable):
    """Faulty items (`Item.faulty`) as log lines: minute, trace id, item, fault, model run.

    Rows are appended as faulty items arrive; the log is never rebuilt.

    Args:
        stream: the scenario's stream (the versions' run ids).
        terms: the scenario's words (the log's title).
    """

    def __init__(self, stream: Stream, terms: Terms) -> None:
        super().__init__((Column("Time", 7), Column("Trace id", 12), Column("Item", 9),
                          Column("Fault", 15), Column("Served by", 10)),
                         MAX_ROWS, id="fault-log", classes="panel")
        self._stream = stream
        self._terms = terms
        self._seen = 0

    def on_mount(self) -> None:
        """Title the log."""
        self.border_title = Content(self._terms.log_title)

    def show(self, items: Sequence[Item]) -> None:
        """Append the faulty items among those routed since the last call."""
        new = [i for i in items[self._seen:] if i.faulty]
        self._seen = len(items)
        self.append(self._cells(item) for item in new[-50:])

    def _cells(self, item: Item) -> tuple[Cell, ...]:
        misrouted = item.misrouted and item.served_by == "candidate"
        faults = [word for word, on in (("5xx", item.failed), ("PII leak", item.leaked),
                                        ("misroute", misrouted)) if on]
        faults += [o.unit for o in self._stream.outcomes if o.id in item.produced]
        return ((fmt_minute(item.minute), ""), (item.trace_id, "bold"), (item.id, ""),
                ("+".join(faults), ""), (self._server(item), ""))

    def _server(self, item: Item) -> str:
        if item.served_by == "manual":
            return "manual"
        version = self._stream.candidate if item.served_by == "candidate" else \
            self._stream.incumbent
        return version.run_id or version.label

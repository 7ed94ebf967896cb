"""The gate designer (the extension activity): the scenario's gate design with each threshold
editable, and what the gates would have done on this very incident and on a healthy release,
replayed again (in a worker) as a threshold changes."""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path, PurePath
from typing import Any, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from tabletop.base.words import fmt_minute
from tabletop.exercise.engine import Exercise
from tabletop.journal.session import Session
from tabletop.scenario.gate_design import GateDesign, Threshold
from tabletop.scoring.gates import GateReport, gate_report
from tabletop.ui import bindings
from tabletop.ui.text import literal
from tabletop.ui.theme import STYLES
from tabletop.ui.widgets.key_footer import KeyFooter

REPLAYS = "gate-replay"
"""The worker group of the replay: a new edit cancels the one before."""
_REPLAYING = threading.Lock()
"""One replay at a time (`GatesScreen._replay`)."""


def open_designer(app: App[Any], session: Session,
                  back: Callable[[None], Awaitable[None]] | None = None) -> None:
    """Open the designer on the team's saved design, else the scenario's own, replayed on the
    session's run (from the briefing: nobody has acted yet); `back` is called on leaving."""
    # The design's writer and reader: only once the designer opens.
    from tabletop.scenario.gate_loader import default_design

    scenario = session.exercise.scenario
    design = session.gate_design() or default_design(scenario) or GateDesign(scenario.id)
    app.push_screen(GatesScreen(session.exercise, design, session.save_gates), back)


class GatesScreen(Screen[None]):
    """Thresholds on the left, the what-if on the right.

    Args:
        exercise: the run the gates are replayed on, with its team's actions.
        design: the design to start from (the team's saved one, or the scenario's own).
        journal: where a saved design is journalled (the session's `save_gates`).
    """

    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "gates.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.GATES]
    # Textual declares the breakpoints an instance variable, so no ClassVar here.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012

    def __init__(self, exercise: Exercise, design: GateDesign,
                 journal: Callable[[str], None] | None = None) -> None:
        super().__init__(id="gates-screen")
        self.exercise = exercise
        self.design = design
        self._journal = journal
        """Where a saved design is journalled (`Session.save_gates`), so the debrief's card
        judges it; None journals nothing."""
        labels = exercise.scenario.gates.measures if exercise.scenario.gates else ()
        self._labels = {m.id: m.label for m in labels}

    def compose(self) -> ComposeResult:
        """The design's limits as fields, and the replay beside them."""
        design = self.design
        yield Static(Content.assemble(("GATES  ", "bold $text-accent"),
                                      literal(design.title or design.scenario, "bold")),
                     id="gates-title")
        with Horizontal(id="gates-body"):
            with VerticalScroll(id="gates-form"):
                yield from self._limits("Evaluation gates: any that fails blocks the deploy",
                                        "pre", design.pre_deploy)
                if design.canary is not None:
                    yield Static(Content.styled("Canary checkpoint", "bold"), classes="part")
                    yield self._field("minutes after deployment", "canary-minutes",
                                      design.canary.minutes)
                    for n, metric in enumerate(design.canary.metrics):
                        yield self._field(f"{self._labels.get(metric.measure, metric.measure)}: "
                                          f"tolerance (share of the baseline, fails "
                                          f"{metric.fails})", f"canary-{n}", metric.tolerance)
                yield from self._limits("Rollback triggers: the first that fails rolls back",
                                        "trigger", design.rollback_triggers)
            yield VerticalScroll(Static(id="gates-what-if"), id="gates-replay")
        yield KeyFooter()

    def _limits(self, heading: str, prefix: str,
                limits: tuple[Threshold, ...]) -> ComposeResult:
        if not limits:
            return
        yield Static(Content.styled(heading, "bold"), classes="part")
        for n, limit in enumerate(limits):
            label = self._labels.get(limit.measure, limit.measure)
            if limit.at_least is not None:
                yield self._field(f"{label}: at least", f"{prefix}-{n}-least", limit.at_least)
            if limit.at_most is not None:
                yield self._field(f"{label}: at most", f"{prefix}-{n}-most", limit.at_most)

    @staticmethod
    def _field(label: str, ident: str, value: float) -> Vertical:
        box = Vertical(Input(f"{value:g}", type="number", id=ident), classes="gate-field")
        box.border_title = label
        return box

    def on_mount(self) -> None:
        """The first replay, as the design stands."""
        self._replay(self.design)

    @on(Input.Changed)
    def _edited(self) -> None:
        """A threshold changed: replay the design as it now reads (a field left half typed
        keeps its last value)."""
        self.design = self._read()
        self._replay(self.design)

    def _read(self) -> GateDesign:
        design = self.design

        def value(ident: str, old: float | None) -> float | None:
            found = self.query(f"#{ident}")
            if old is None or not found:
                return old
            try:
                return float(found.first(Input).value)
            except ValueError:
                return old

        def limits(prefix: str, items: tuple[Threshold, ...]) -> tuple[Threshold, ...]:
            return tuple(replace(t, at_least=value(f"{prefix}-{n}-least", t.at_least),
                                 at_most=value(f"{prefix}-{n}-most", t.at_most))
                         for n, t in enumerate(items))

        canary = design.canary
        if canary is not None:
            canary = replace(canary, minutes=value("canary-minutes", canary.minutes) or 0.0,
                             metrics=tuple(replace(m, tolerance=value(f"canary-{n}", m.tolerance)
                                                   or 0.0)
                                           for n, m in enumerate(canary.metrics)))
        return replace(design, pre_deploy=limits("pre", design.pre_deploy), canary=canary,
                       rollback_triggers=limits("trigger", design.rollback_triggers))

    @work(thread=True, exclusive=True, group=REPLAYS)
    def _replay(self, design: GateDesign) -> None:
        """Replay off the UI's thread (tens of milliseconds) and show the result. A thread
        cannot be cancelled, so replays take turns: they share the run's drawn items."""
        with _REPLAYING:
            if get_current_worker().is_cancelled:
                return  # a later edit is queued behind this one
            report = gate_report(self.exercise, design)
        self.app.call_from_thread(self._show, report)

    def _show(self, report: GateReport) -> None:
        self.query_one("#gates-what-if", Static).update(what_if_text(report))

    def action_save(self) -> None:
        """Write the design as it stands to a file here, to replay with `tabletop gates`."""
        from tabletop.scenario.gate_loader import design_yaml  # its writer: only when saving

        text = design_yaml(self.design)
        if self._journal is not None:
            self._journal(text)
        path = Path.cwd() / f"gates-{self.design.scenario}.yaml"
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as err:
            self.notify(f"Saved with the session; could not write {path}: {err}",
                        severity="warning", markup=False)
            return
        self.notify(f"Saved with the session and to {path}", title="Gate design saved",
                    markup=False)

    def action_back(self) -> None:
        """Back to the screen it was opened from (the briefing or the debrief)."""
        self.dismiss()


def what_if_text(report: GateReport) -> Content:
    """The replay in words: what the gates did on the incident and on a healthy release, and
    the harm beside the team's run, nobody acting and the best case."""
    weights = report.weights
    parts: list[Content | str | tuple[str, str]] = [
        ("On this incident, with your actions: ", "bold"), literal(report.incident.outcome),
        "\n"]
    for event in report.incident.events:
        parts += [f"  {fmt_minute(event.minute)}  ", literal(f"{event.gate}: {event.says}"),
                  "\n"]
    parts += ["\n", ("Weighted harm", "bold"), "\n",
              f"  with the gates {report.incident.harm.weighted(weights):g}  ·  your run "
              f"{report.team.weighted(weights):g}  ·  nobody acting "
              f"{report.nobody.weighted(weights):g}  ·  best case "
              f"{report.best.weighted(weights):g}\n\n",
              ("On a healthy release: ", "bold"), literal(report.healthy.outcome)]
    if report.false_alarm:
        parts.append((" (a false alarm)", "bold $text-error"))
    parts.append("\n")
    for event in report.healthy.events:
        parts += [f"  {fmt_minute(event.minute)}  ", literal(f"{event.gate}: {event.says}"),
                  "\n"]
    return Content.assemble(*parts)

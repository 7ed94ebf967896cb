"""The dashboard: one screen of panels that the 1 Hz tick refreshes where the figures changed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Vertical
from textual.screen import Screen

from tabletop.exercise.engine import Decision, Exercise, FiredInject
from tabletop.exercise.signals import Snapshot
from tabletop.ui import bindings
from tabletop.ui.screens.dashboard_layout import EVIDENCE, PanelLayout
from tabletop.ui.screens.presentation_keys import PresentationKeys
from tabletop.ui.theme import STYLES
from tabletop.ui.widgets.confidence import ConfidencePanel
from tabletop.ui.widgets.evidence_log import EvidenceLog
from tabletop.ui.widgets.header_strip import ClockFigures, HeaderStrip
from tabletop.ui.widgets.health import HealthPanel
from tabletop.ui.widgets.key_footer import KeyFooter
from tabletop.ui.widgets.overrides import OverrideFigures, OverridesPanel
from tabletop.ui.widgets.prompt_bar import PromptBar, PromptFigures
from tabletop.ui.widgets.ticket_feed import TicketFeed

if TYPE_CHECKING:  # imported in compose, by the scenarios that show them
    from tabletop.ui.room.controls import Presenter
    from tabletop.ui.widgets.canary_judge import CanaryJudgePanel
    from tabletop.ui.widgets.fault_log import FaultLog
    from tabletop.ui.widgets.outcomes import OutcomesPanel
    from tabletop.ui.widgets.runbook import RunbookPanel

SIGNALS_EVERY = 0.1
"""Scenario minutes between refreshes of the signal panels when the clock merely runs on.

Their figures are 20-minute windows, so a tenth of a minute is far below what anyone can read
into them; at 1x it spares the terminal a redraw per ticket, at 60x every tick still shows.
"""


FRESH_MINUTES = 2.0
"""Scenario minutes for which the latest inject is labelled NEW in the prompt bar."""


class DashboardScreen(PresentationKeys, PanelLayout, Screen[None]):
    """Header strip, prompt bar and the panels: in two columns where they all fit, else one at a
    time behind the panels key (`v`), the evidence log first (`-tabs`, `PanelLayout`); the
    facilitator's presentation keys (`PresentationKeys`)."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "dashboard.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.DASHBOARD]
    AUTO_FOCUS = None  # see on_mount

    def __init__(self, exercise: Exercise, teams: tuple[str, ...] = (),
                 presenter: Presenter | None = None) -> None:
        scenario = exercise.scenario
        self.teams = teams
        self.presenter = presenter
        """The facilitator's seat's hold on the room's view; None on the room's own."""
        has_runbook = bool(scenario.runbook)
        self._has_runbook = has_runbook
        classes = {"-runbook"} if has_runbook else set()
        super().__init__(id="dashboard-screen", classes=" ".join(classes | self._breakpoints()))
        self.exercise = exercise
        self._has_log = scenario.stream.log_faults or has_runbook
        self._fault_log: FaultLog | None = None
        self._runbook: RunbookPanel | None = None
        self._outcomes: OutcomesPanel | None = None
        self._canary: CanaryJudgePanel | None = None
        """The panels only some scenarios have, once composed."""
        self._signals_minute = float("-inf")
        self._shown_panel = EVIDENCE
        self._tabs_shown = self.has_class("-tabs")
        self._spares_hidden = self._narrow_footer()
        """The layout and footer the bindings were last refreshed for (`on_resize`)."""
        self._votes: tuple[Decision, ...] = ()
        self._voting = 0
        """Teams that have voted in a vote still open, their choices hidden (the room)."""
        self._shown_state: tuple[object, ...] = ()
        self.composed = False
        """True once the panels exist: the app may tick before they do."""

    def compose(self) -> ComposeResult:
        """The strip, the prompts, two columns of panels, the footer."""
        scenario = self.exercise.scenario
        stream = scenario.stream
        yield self.header_strip()
        yield PromptBar(keys=self.SHOWS_KEYS, id="prompt-bar")
        if self.teams:  # workshop mode only, and so is the import (scoring, the workshop rules)
            from tabletop.ui.widgets.votes import VoteStrip

            yield VoteStrip(id="vote-strip")
        if self.has_class("-tabs"):  # else mounted if the panels come to take turns
            from tabletop.ui.widgets.panel_tabs import PanelTabs  # only where panels take turns

            yield PanelTabs(id="panel-tabs")
        with Container(id="body"):  # two columns, or one panel at a time (`-tabs`)
            with Vertical(id="column-left", classes="column"):
                yield TicketFeed(stream, scenario.terms)  # never the truth until asked
                if self._has_log:  # only some scenarios have these panels: imported then
                    from tabletop.ui.widgets.fault_log import FaultLog

                    self._fault_log = FaultLog(stream, scenario.terms)
                    yield self._fault_log
                if stream.routes:  # the routing family's panels, for a stream that routes
                    yield OverridesPanel(stream.critical_class, stream.fallback_class,
                                         self.exercise.simulation.history_start, scenario.terms)
                    yield ConfidencePanel(stream.home_segment, scenario.terms)
                if stream.outcomes:  # each declared outcome its own figure
                    from tabletop.ui.widgets.outcomes import OutcomesPanel

                    self._outcomes = OutcomesPanel(stream.outcomes, scenario.terms)
                    yield self._outcomes
            with Vertical(id="column-right", classes="column"):
                if self._has_runbook:  # only some scenarios have one: imported for those
                    from tabletop.ui.widgets.runbook import RunbookPanel

                    self._runbook = RunbookPanel([line.text for line in scenario.runbook_lines])
                    yield self._runbook
                yield EvidenceLog()
                yield HealthPanel()
        yield KeyFooter()

    def header_strip(self) -> HeaderStrip:
        """The clock and the run's state (the room's view draws its clock larger)."""
        scenario = self.exercise.scenario
        return HeaderStrip(scenario.title, scenario.terms)

    def show_votes(self, votes: Sequence[Decision], voting: int = 0) -> None:
        """Workshop mode: the latest decision point's tally and alignment; `voting` teams
        have voted in a vote still open, their choices hidden (`VoteStrip.show`)."""
        self._votes, self._voting = tuple(votes), voting
        if self.teams and self.composed:  # workshop mode only, and so is the import
            from tabletop.ui.widgets.votes import VoteStrip

            self.query_one(VoteStrip).show(self.exercise, self._votes, len(self.teams),
                                           voting)

    def on_mount(self) -> None:
        """Fill the panels from the exercise as it stands, so the first frame is complete."""
        self.composed = True
        self._fit_feed()
        if self.has_class("-tabs"):  # two columns need no classes: none to restyle
            self.show_panel(EVIDENCE)
        self.show_votes(self._votes, self._voting)
        self._cue()  # a resumed session: as the journal left the room's view
        self.show()
        # Focus restyles the focused widget and everything in it: after the first frame.
        self.call_after_refresh(self._focus_body)
        if self.exercise.scenario.gates is not None:  # a design may judge its canary
            self.call_after_refresh(self._mount_canary)

    def _mount_canary(self) -> None:
        """The canary judge, for a scenario whose gate design judges a canary, beside the
        service health: mounted, and its gate modules imported, after the first frame."""
        from tabletop.ui.widgets.canary_judge import CanaryJudgePanel, canary_design

        column = self.query_one("#column-right")
        if self._canary is not None or not column.is_attached:  # the app may be ending
            return
        design = canary_design(self.exercise.scenario, getattr(self.app, "session", None))
        if design is None:
            return
        self._canary = CanaryJudgePanel(design)
        if self.has_class("-solo"):  # the room's view shows one other panel alone
            self._canary.display = False
        column.mount(self._canary, before=self.query_one(HealthPanel))
        self._canary.show_run(self.exercise)
        self.show_panel(self._shown_panel)  # named on the panel tabs

    def _focus_body(self) -> None:
        """The evidence log scrolls with the keys (older rounds are above the newest)."""
        if self.focused is None:
            self.query_one(EvidenceLog).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The panel keys only while the panels take turns."""
        if action in ("next_panel", "previous_panel"):
            return self.has_class("-tabs")
        if action == "truth":  # the app knows the mode: a solo drill offers no answer key
            return self.app.check_action(action, parameters)
        return True

    def on_screen_resume(self) -> None:
        """Back on top after a dialog: catch up with what changed underneath it."""
        if not self.exercise.finished:
            self.show()

    # --- the facilitator's seat: the truth here (the room's view: `PresentationKeys`) ---------

    def action_truth(self) -> None:
        """Show or hide each item's true class in this seat's feed."""
        feed = self.query_one(TicketFeed)
        feed.show_truth(not feed.truth)
        self._fit_feed()

    def show(self, *, signals: bool = True) -> None:
        """Hand every panel its figures from the exercise; each redraws what changed.

        Args:
            signals: False to refresh only the clock and the prompts (see `SIGNALS_EVERY`);
                the snapshot behind the signal panels is then not even computed.
        """
        ex = self.exercise
        self._cue()  # a discussion timer that ran out leaves the cue
        # Everything the panels show follows from these; start-up alone would draw thrice.
        state = (ex.minute, ex.clock.running, ex.clock.speed, ex.finished, len(ex.fired),
                 len(ex.decisions), len(ex.statements))
        if not self.composed or state == self._shown_state:
            return
        self._shown_state = state
        self.query_one(HeaderStrip).show(self._clock_figures())
        self.query_one(PromptBar).show_prompts(self._prompt_figures())
        if self.query_one(EvidenceLog).show(ex.fired):
            self.show_panel(EVIDENCE)  # a round arrived: its evidence is what to read
        if signals or abs(ex.minute - self._signals_minute) >= SIGNALS_EVERY:
            snap = ex.snapshot()
            self._signals_minute = snap.minute
            self._show_signals(snap)

    def show_clock(self) -> None:
        """Redraw only the header's clock, for a dashboard under an announcement while the
        clock runs (`--no-pause`): what shows through the backdrop must not stand still."""
        if self.composed:
            self.query_one(HeaderStrip).show(self._clock_figures())

    def _show_signals(self, snap: Snapshot) -> None:
        ex = self.exercise
        self.query_one(TicketFeed).show(ex.items, snap.queue_counts)
        if ex.scenario.stream.routes:
            self.query_one(OverridesPanel).show(OverrideFigures.of(snap))
            self.query_one(ConfidencePanel).show_segments(snap.segments)
        if self._outcomes is not None:
            self._outcomes.show_outcomes(snap.outcomes)
        if self._canary is not None:
            self._canary.show_run(ex)
        self.query_one(HealthPanel).show_health(snap)
        if self._fault_log is not None:
            self._fault_log.show(ex.items)
        if self._runbook is not None:
            self._runbook.show_done(ex.runbook_done())

    def _clock_figures(self) -> ClockFigures:
        ex = self.exercise
        exposure, enabled = ex.rollout_now()
        return ClockFigures(
            minute=round(ex.minute * 60) / 60, running=ex.clock.running, finished=ex.finished,
            speed=ex.clock.speed, next_inject=ex.next_inject_minute(), exposure=exposure,
            enabled=enabled, end_minute=ex.scenario.end_minute,
            plan=ex.plan_position(ex.minute))

    def _prompt_figures(self) -> PromptFigures:
        ex = self.exercise
        latest = ex.fired[-1] if ex.fired else None
        point = ex.open_decision()
        statements = ex.open_statements()
        first = statements[0] if statements else None
        return PromptFigures(
            latest_minute=latest.minute if latest else None,
            latest_title=latest.inject.title if latest else "",
            fresh=latest is not None and ex.minute - latest.minute < FRESH_MINUTES,
            latest_line=_latest_line(latest, point.prompt if point else ""),
            decision=point.prompt if point else "",
            statement=first.request.title if first else "",
            statement_left=first.deadline - ex.minute if first else None)


def _latest_line(latest: FiredInject | None, decision: str) -> str:
    """The latest inject's prompt, or its narrative when the decision line already asks it."""
    if latest is None:
        return ""
    inject = latest.inject
    if inject.prompt and inject.prompt != decision:
        return inject.prompt
    return inject.narrative

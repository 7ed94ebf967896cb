"""The tabletop app: the screens' lifecycle and every player intent. `factory` builds it.

The app owns the `Session` and is the only place player intents enter the core: keys, dialogs
and the command palette all end in one of its actions, which calls the session and then
refreshes the screens from the exercise's state. What is not lifecycle or intent lives beside
it: the announcement queue (`announcements`), the tick timer (`game_timer`), which keys apply
now (`offers`), what start-up puts off (`startup`), where the session is kept and what the
room hears of it (`saving`). Each screen, dialog and the scoring are
imported where they first open, not with the app: first paint is a benchmarked budget
(bench/bench_dashboard.py) and most runs never open most of them.
"""
# Long: the app's lifecycle and each intent, one short method apiece (about 550 lines, the
# workshop vote the longest at 60; steering and its branch offers the latest intents); splitting
# the intents from the app they act on would only add indirection.

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.screen import ModalScreen, Screen

from tabletop.base.text import printable
from tabletop.base.words import fmt_minute
from tabletop.exercise.engine import ActionError, Choice, Decision, Exercise
from tabletop.journal.session import Session
from tabletop.ui import bindings
from tabletop.ui.announcements import Announcements
from tabletop.ui.commands import TabletopCommands
from tabletop.ui.game_timer import FollowsClock, GameTimer
from tabletop.ui.intents import StartRequested, StatementIntent
from tabletop.ui.offers import applies, next_speed
from tabletop.ui.room.controls import Presenter
from tabletop.ui.saving import Saving
from tabletop.ui.startup import collect_garbage_again, first_sheet, read_later_sheets
from tabletop.ui.text import TextApp
from tabletop.ui.theme import PROJECTOR, STYLES

# Imported where used, past first paint: scoring, the workshop rules, dialogs and debrief.
if TYPE_CHECKING:
    from tabletop.exercise.steering import Steer
    from tabletop.journal.store import Store
    from tabletop.scoring.rubric import ScoreCard
    from tabletop.ui.screens.announcement import AnnouncementResult
    from tabletop.ui.screens.dashboard import DashboardScreen


class TabletopApp(TextApp):
    """Briefing, dashboard, dialogs and debrief for one session.

    Args:
        session: the session to play (`journal.setup.new_run`), its clock paused.
        pause_on_inject: pause the clock when an inject that asks for it arrives.
        theme: a Textual theme name, such as `projector`.
        briefing: show the briefing first; False starts on the dashboard.
        resumed: a restored session (`resume_app`): its dashboard paused, or its debrief.
        open_store: opens the store to save the session in, once the first frame is on screen
            (first paint does not wait for the disk); None keeps it in memory.
    """

    TITLE = "tabletop"
    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "app.tcss"]
    """Shared styles; each instance adds the first screen's sheet, the rest wait (`startup`)."""
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.APP]
    COMMANDS = App.COMMANDS | {TabletopCommands}

    def __init__(self, session: Session, *, pause_on_inject: bool = True,
                 theme: str | None = None, briefing: bool = True, resumed: bool = False,
                 open_store: Callable[[], Store] | None = None) -> None:
        super().__init__()
        self._open_store = open_store
        self.saving = Saving(self, session)
        """The session's store, opened once the first frame is on screen."""
        self.css_path = [*self.css_path, first_sheet(briefing and not resumed)]
        self.resumed = resumed
        self.session = session
        self.exercise: Exercise = session.exercise
        self.briefing = briefing
        self.sub_title = printable(self.exercise.scenario.title)
        self.dashboard: DashboardScreen | None = None
        self.card: ScoreCard | None = None
        self.started = False
        self.ended = False
        self.announcements = Announcements(self, session, pause_on_inject=pause_on_inject,
                                           closed=self._announcement_closed)
        self._drafts: dict[str, dict[str, str]] = {}
        self._offered: tuple[bool, ...] = ()
        self._branches_asked: set[str] = set()
        self._timer: GameTimer | None = None
        self.presenter = Presenter(session)
        """The presentation keys, which act on the room's view (`tabletop present`)."""
        self.register_theme(PROJECTOR)
        self._unknown_theme = theme if theme and theme not in self.available_themes else None
        if theme and not self._unknown_theme:
            self.theme = theme

    # --- lifecycle --------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        """The first screen is the one players see: the briefing, or the dashboard itself.

        Built here rather than pushed over Textual's empty default screen, the first frame
        drawn is already the real one (first paint is a benchmarked budget).
        """
        ex = self.exercise
        if self.briefing and not self.resumed:
            from tabletop.ui.screens.briefing import BriefingScreen

            briefing = BriefingScreen(ex.scenario, ex.seed, ex.clock.speed,
                                      self._design_gates if ex.scenario.gates else None)
            briefing.on_scroll = self.presenter.scroll  # the room's briefing follows
            return briefing
        return self._new_dashboard()

    def _design_gates(self) -> None:
        """The gate designer from the briefing, for a team that starts with the extension."""
        # Loaded when it opens: most runs never do, and first paint is a budget.
        from tabletop.ui.screens.gates import open_designer

        open_designer(self, self.session)

    def _new_dashboard(self) -> DashboardScreen:
        from tabletop.ui.screens.dashboard import DashboardScreen

        self.dashboard = DashboardScreen(self.exercise, self.session.teams, self.presenter)
        return self.dashboard

    def on_mount(self) -> None:
        """Create the clock's timer, paused until the exercise starts; start if no briefing."""
        self._timer = GameTimer(self, self.exercise, self.tick)
        if self.resumed:
            self._open_resumed()
        elif not self.briefing:
            # The first frame shows every panel in its start state; the first tick fills the
            # feed and the signals a moment later, as a live dashboard does (see bench/).
            self.call_after_refresh(self._start)
        if self._unknown_theme:
            self.notify(f"Unknown theme {self._unknown_theme!r}; using {self.theme}.",
                        severity="warning", markup=False)

    def on_ready(self) -> None:
        """The first frame is on screen: do what start-up put off (see `startup`), and open
        the store to save the session there."""
        collect_garbage_again()
        if self._open_store is not None:
            self.saving.open(self._open_store)
        read_later_sheets(self.stylesheet)

    async def on_start_requested(self, _: StartRequested) -> None:
        """The briefing is done: show the dashboard over it and start the clock.

        Pushed, not switched: Textual cannot switch away from the first screen of the stack.
        """
        if self.started:
            return
        await self.push_screen(self._new_dashboard())
        self._start()

    def _start(self) -> None:
        """Start the clock; round 1 arrives at once."""
        self.session.start()
        self.started = True
        self.tick()
        if self._timer is not None:
            self._timer.resume()

    def _open_resumed(self) -> None:
        """A restored session: the dashboard with the clock paused, or its debrief."""
        ex = self.exercise
        self.started = True
        self.announcements.announced_before(ex.fired)
        self._refresh()
        if not self.ended:
            assert self.dashboard is not None
            self.dashboard.show_votes(self.session.voting.votes)
            if self._timer is not None:
                self._timer.resume()
            self.notify(f"Resumed at {fmt_minute(ex.minute)} with every decision recorded. "
                        "Space starts the clock.", title="Session restored", markup=False)

    def tick(self) -> None:
        """Advance the exercise to now and refresh what changed (the timer calls this)."""
        if not self.started or self.ended:
            return
        self.session.advance()
        self._refresh(signals=False)

    def _refresh(self, *, signals: bool = True) -> None:
        """Announce new injects, finish if the time is up, redraw the panels.

        Args:
            signals: False when only time passed, so the signal panels may wait their turn;
                after a player's intent everything is redrawn at once.
        """
        ex = self.exercise
        self.announcements.catch_up(ex.fired)
        if ex.finished:
            self._finish()
            return
        if self.dashboard is not None and self.dashboard.is_active:
            # Under a dialog the dashboard only shows through a dimmed backdrop, and redrawing
            # it means recompositing the whole screen; it catches up when the dialog closes.
            self.dashboard.show(signals=signals or self.announcements.waiting)
        elif self.dashboard is not None and ex.clock.running:
            self.dashboard.show_clock()
        self._refresh_dialogs()
        self._refresh_offers()
        self._offer_branches()
        # After the next frame, so the dashboard paints before an announcement covers it.
        self.call_after_refresh(self.announcements.show_next)

    def _refresh_dialogs(self) -> None:
        """Count down the deadline of an open statement dialog."""
        for screen in self.screen_stack:
            if isinstance(screen, FollowsClock):
                screen.show_time(self.exercise.minute)

    def _refresh_offers(self) -> None:
        """Update the footer when what players can do now has changed."""
        offered = tuple(self.offers(a) for a in
                        ("act", "pause", "statement", "next_inject", "faster", "slower"))
        if offered != self._offered:
            self._offered = offered
            self.refresh_bindings()

    def _announcement_closed(self, result: AnnouncementResult | None) -> None:
        """Redraw what changed while it was open; act if that is how it was closed."""
        self._refresh()
        if result is not None and result.then == "act":
            self.action_act()

    # --- the end ----------------------------------------------------------------------------

    def _finish(self) -> None:
        """Score the run and show the debrief, closing any dialog still open."""
        if self.ended:
            return
        from tabletop.ui.screens.debrief import DebriefScreen

        self.ended = True
        if self._timer is not None:
            self._timer.stop()
        if self.exercise.ended_at is None:
            self.card = self.session.end()
        else:  # a restored session that had already ended
            self.card = self.session.score()
        self.announcements.clear()
        # Their dialogs close now: a vote or a question left open is not answered.
        self.workers.cancel_group(self, "votes")
        self.workers.cancel_group(self, "questions")
        while isinstance(self.screen, ModalScreen):
            self.pop_screen()
        # Over the dashboard, which stays still beneath: the first screen cannot be switched.
        debrief = DebriefScreen(self.session, self.card)
        debrief.on_question = self.presenter.question  # the room's view follows
        debrief.on_scroll = self.presenter.scroll
        self.presenter.scroll("", 0)  # the room's debrief starts at its top, as this one
        self.push_screen(debrief)

    # --- what players can do now ------------------------------------------------------------

    def offers(self, action: str) -> bool:
        """True when the action applies now (for the footer and the command palette)."""
        return self.check_action(action, ()) is True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide keys that do nothing now; grey out those that are only momentarily unavailable."""
        return applies(action, self.exercise, in_play=self.started and not self.ended,
                       announced=self.announcements.last is not None,
                       solo=self.session.mode == "solo")

    # --- intents ----------------------------------------------------------------------------

    def action_pause(self) -> None:
        """Stop the scenario clock."""
        self.session.pause()
        self._refresh()

    def action_resume(self) -> None:
        """Let the scenario clock run again from the minute it stopped at."""
        self.session.resume()
        self._refresh()

    def action_faster(self) -> None:
        """Step the clock speed up."""
        self._set_speed(next_speed(self.exercise.clock.speed, faster=True))

    def action_slower(self) -> None:
        """Step the clock speed down."""
        self._set_speed(next_speed(self.exercise.clock.speed, faster=False))

    def _set_speed(self, speed: float) -> None:
        if speed != self.exercise.clock.speed:
            self.session.set_speed(speed)
            self._refresh()

    def action_next_inject(self) -> None:
        """Jump the clock to the next scheduled inject now."""
        self.session.skip_to_next_inject()
        self._refresh()

    def action_last_inject(self) -> None:
        """Show the latest announcement again."""
        self.announcements.show_last_again()

    def action_act(self) -> None:
        """Open the action dialog; in workshop mode at a decision point, one per team."""
        from tabletop.ui.screens.action_dialog import ActionDialog

        if not self.started or self.ended:
            return
        if self.session.teams and self.exercise.open_decision() is not None:
            self._vote()
        else:
            self.push_screen(ActionDialog(self.exercise), self._acted)

    @work(group="votes")
    async def _vote(self) -> None:
        """Ask each team still to vote for its choice in turn, then the room's decision at the
        tally. The session journals each vote as it is submitted, and holds the clock until
        the room decides (`Voting.open`). A dialog or the tally closed without an answer
        keeps the votes in, and the act key goes on from the next team; with none in, nothing
        is recorded and the clock goes on as it was.
        """
        from tabletop.ui.screens.action_dialog import ActionDialog
        from tabletop.ui.screens.tally import TallyScreen

        if any(isinstance(s, ActionDialog | TallyScreen) for s in self.screen_stack):
            return  # the act key again, from a dialog of this vote
        session = self.session

        def leave() -> None:
            ballot = session.voting.ballot
            if session.voting.leave() and ballot is not None:
                waiting = ballot.waiting(session.teams)
                then = f"{waiting[0]}'s vote" if waiting else "the tally"
                kept = ", ".join(v.team for v in ballot.votes)
                self.notify(f"Kept: {kept}. The clock stays stopped until the room decides; "
                            f"press a to go on with {then}.", title="Vote open", markup=False)
            self._refresh()

        try:
            ballot = session.voting.open()
        except ActionError as err:
            self.notify(str(err), title="No vote", severity="error", markup=False)
            return
        self._refresh()
        for team in ballot.waiting(session.teams):
            choice = await self.push_screen_wait(ActionDialog(self.exercise, team=team))
            if choice is None:
                return leave()
            try:
                session.voting.cast(Decision.of(choice, self.exercise.minute))
            except ActionError as err:
                self.notify(str(err), title="Not recorded", severity="error", markup=False)
                return leave()
        votes = list(session.voting.ballot.votes) if session.voting.ballot else []
        pick = await self.push_screen_wait(TallyScreen(self.exercise.scenario, votes))
        if pick is None:
            return leave()
        self._record_votes(pick)

    def _record_votes(self, pick: str) -> None:
        """The room's decision on the open vote; the session decides whether the pick
        overrules the majority. Refused, the vote stays open with its votes."""
        try:
            decision = self.session.voting.close(pick)
        except ActionError as err:
            self.notify(f"{err}. The votes stay in; press a to go back to the tally.",
                        title="Not recorded", severity="error", markup=False)
        else:
            label = self.exercise.scenario.action(decision.action).label
            self.notify(f"Room decision: {label} at {fmt_minute(decision.minute)}",
                        title="Votes recorded", markup=False)
        if self.dashboard is not None:
            self.dashboard.show_votes(self.session.voting.votes)
        self._refresh()

    def _acted(self, choice: Choice | None) -> None:
        if choice is None:
            return
        try:
            decision = self.session.act(choice)
        except ActionError as err:
            self.notify(str(err), title="Not done", severity="error", markup=False)
            self._refresh()
            return
        label = self.exercise.scenario.action(decision.action).label
        if self.session.mode != "solo":
            self.notify(f"{label} at {fmt_minute(decision.minute)}", title="Action taken",
                        markup=False)
        self._refresh()
        if self.session.mode == "solo":
            # Queued after `_refresh` opens the announcements of what the decision caused (a
            # check's results), so the feedback opens over them, never under.
            self.call_after_refresh(self._give_feedback, decision, label)

    def _give_feedback(self, decision: Decision, label: str) -> None:
        """Solo drills: the rubric's verdict on the decision, at once."""
        from tabletop.scoring.rubric import feedback
        from tabletop.ui.screens.feedback import FeedbackScreen

        heading = f"{label} at {fmt_minute(decision.minute)}"
        self.push_screen(FeedbackScreen(heading, feedback(self.exercise, decision)))

    def action_statement(self) -> None:
        """Open the statement dialog for the first open request."""
        from tabletop.ui.screens.statement_dialog import StatementDialog

        requests = self.exercise.open_statements()
        if not requests or not self.started or self.ended:
            return
        from tabletop.scoring.statement_picks import pick_options  # as the dialog: on opening

        drafts = self._drafts.setdefault(requests[0].request.id, {})
        self.presenter.drafting(True)
        self.push_screen(StatementDialog(requests[0], self.exercise.minute, drafts,
                                         pick_options(self.exercise)), self._stated)

    def _stated(self, intent: StatementIntent | None) -> None:
        self.presenter.drafting(False)
        if intent is None:
            return
        try:
            record = self.session.submit_statement(intent.request, intent.fields)
        except ActionError as err:
            self.notify(str(err), title="Not sent", severity="error", markup=False)
        else:
            self.notify(f"Statement sent at {fmt_minute(record.minute)}", title="Sent",
                        markup=False)
            if self.session.mode == "solo":
                self.call_after_refresh(self._statement_feedback, record.request)
        self._refresh()

    def _statement_feedback(self, request: str) -> None:
        """Solo drills: the statement scored, beside the scenario's model answer."""
        # Scoring loads when a drill's first statement is sent, off the way to first paint.
        from tabletop.scoring.statement_model import statement_feedback
        from tabletop.ui.screens.feedback import StatementFeedbackScreen

        found = statement_feedback(self.exercise, request)
        if found is not None:
            self.push_screen(StatementFeedbackScreen(found))

    @work(group="questions")
    async def action_end(self) -> None:
        """End the exercise now, after asking."""
        from tabletop.ui.screens.confirm import ConfirmScreen

        question = ConfirmScreen("End the exercise now and go to the debrief?", yes="End")
        if await self.push_screen_wait(question) and not self.ended:
            self.tick()
            self._finish()

    @work(group="questions")
    async def action_request_quit(self) -> None:
        """Quit; while an exercise runs, ask first; with events the store could not take,
        say how many and offer to write them to a file (`Saving.quit_with_pending`)."""
        from tabletop.ui.screens.confirm import ConfirmScreen, PendingQuitScreen

        if isinstance(self.screen, ConfirmScreen | PendingQuitScreen):
            return
        journal = self.saving.unsaved_journal()
        if journal is not None:
            await self.saving.quit_with_pending(journal)
            return
        in_play = self.started and not self.ended
        if not in_play or await self.push_screen_wait(
                ConfirmScreen("Quit tabletop? The exercise is still running.", yes="Quit")):
            self.saving.leave()

    @property
    def store(self) -> Store | None:
        """The store the session is saved in, once opened (`Saving.store`)."""
        return self.saving.store

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's palette commands, with Quit asking first like ctrl+q, and Screenshot
        saving where it can and saying where (`action_save_screenshot`)."""
        for command in super().get_system_commands(screen):
            if command.title == "Quit":
                command = command._replace(callback=self.action_request_quit)
            elif command.title == "Screenshot":
                # After the palette has closed, as Textual's own command does, so it is not in
                # the picture.
                command = command._replace(
                    callback=lambda: self.set_timer(0.1, self.action_save_screenshot))
            yield command

    def action_save_screenshot(self) -> None:
        """Save an SVG of the screen and say where (`screenshot.save_and_tell`)."""
        from tabletop.ui.screenshot import save_and_tell

        save_and_tell(self)

    # --- the facilitator's seat (its keys on the room's view are the dashboard's) ----------

    def action_facilitator(self) -> None:
        """The facilitator's material, on this seat only."""
        from tabletop.ui.room.facilitator import FacilitatorScreen

        if self.offers("facilitator") and not isinstance(self.screen, FacilitatorScreen):
            self.push_screen(FacilitatorScreen(self.exercise))

    def action_steer(self) -> None:
        """The facilitator's steering (`exercise.steering`), on this seat only."""
        from tabletop.ui.screens.steering_dialog import SteeringDialog

        if self.offers("steer") and not isinstance(self.screen, SteeringDialog):
            self.push_screen(SteeringDialog(self.exercise), self._steered)

    def _offer_branches(self) -> None:
        """A branch the scenario offers now (`Inject.branch`): the facilitator is asked once,
        over the dashboard (later, `o` still lists it). A solo drill has none to offer: its
        branches come by themselves (`variation.without_branches`)."""
        if not self.exercise.offers:
            return
        # Imported once a branch is offered: most runs never see one.
        from tabletop.exercise.steering import Steer
        from tabletop.ui.screens.confirm import ConfirmScreen
        from tabletop.ui.screens.steering_dialog import branch_question

        for branch in [b for b in self.exercise.offers if b.id not in self._branches_asked]:
            move = Steer("branch", self.exercise.minute, branch.id)
            if (self.screen is self.dashboard and not self.session.vote_open
                    and not self.announcements.waiting):
                self._branches_asked.add(branch.id)
                self.push_screen(ConfirmScreen(branch_question(branch), yes="Release"),
                                 lambda yes, move=move: self._steered(move if yes else None))
            return

    def _steered(self, move: Steer | None) -> None:
        """Journal the move and show what it made come (`journal.steering`)."""
        from tabletop.journal.steering import journal_steer

        if move is None:
            return
        try:
            journal_steer(self.session, move)
        except ActionError as err:
            self.notify(str(err), title="Not steered", severity="warning", markup=False)
        self.tick()

    def action_help(self) -> None:
        """Show every key."""
        from tabletop.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.exercise.scenario.terms))

"""The debrief: score card (and each team's in a workshop), harm against the baselines (saying
what is projected past the end of play), timeline, questions, the facilitator note, the
extension activity and the replay line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePath
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Digits, Static

from tabletop.base.words import out_of, percent
from tabletop.journal.session import Session
from tabletop.journal.setup import replay_line
from tabletop.reports.facts import Report, report_from_session
from tabletop.reports.harm import harm_columns, harm_figures, harm_title, projection
from tabletop.reports.timeline import TimelineEntry
from tabletop.scoring.ratings import Rating
from tabletop.scoring.rubric import CriterionScore, ScoreCard
from tabletop.ui import bindings
from tabletop.ui.screens.scroll_place import ScrollPlace
from tabletop.ui.text import literal
from tabletop.ui.theme import STYLES
from tabletop.ui.widgets.bullets import Bullets
from tabletop.ui.widgets.cell_table import CellTable, Column, Layout, Row
from tabletop.ui.widgets.debrief_form import DebriefDraft, DebriefEdited, DebriefForm
from tabletop.ui.widgets.key_footer import KeyFooter
from tabletop.ui.widgets.score_card import ScoreCardTable
from tabletop.ui.widgets.votes import Scoreboard

LABEL_WIDTH = 10
"""Characters of the timeline's kind column (INJECT, ACTION, STATEMENT)."""
INDENT = 19
"""Where a decision's further lines start: under its label, past the minute and the kind."""
KIND_LABELS = {"inject": "INJECT", "decision": "ACTION", "statement": "STATEMENT"}
"""The timeline's kind column; votes are the scoreboard's, not the timeline's."""
FIGURE_WIDTH = 11
"""Characters of each harm figure's column (its heading wraps within it)."""
REPORT_WORKERS = "report"
"""The group of the worker writing the report: one at a time, so two never write one file."""


class DebriefScreen(ScrollPlace, Screen[None]):
    """Everything the debrief discussion needs, in one scrolling column."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "debrief.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.DEBRIEF]
    # Textual declares the breakpoints an instance variable, so no ClassVar here.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012
    AUTO_FOCUS = "#debrief"
    PLACE_COLUMN = "#debrief"

    def __init__(self, session: Session, card: ScoreCard, *, facilitator: bool = True) -> None:
        super().__init__(id="debrief-screen")
        self.facilitator = facilitator
        """False on the room's view: no facilitator note, no replay line, the questions read
        out rather than typed into."""
        self.session = session
        self.exercise = session.exercise
        self.card = card
        self.report: Report = report_from_session(session, card)
        """The facts the screen shows, built once (`reports.facts`)."""
        self.replay = replay_line(session)
        self.on_question: Callable[[int], object] | None = None
        """Told the index of the question the facilitator moves to (the room follows)."""
        saved = session.debrief()  # what was typed before the session was resumed
        self._draft = DebriefDraft(saved.answers, saved.commitments,
                                   tuple((r.action, r.owner, r.due) for r in saved.plan))

    def compose(self) -> ComposeResult:
        """Total first, then the sections in the order a debrief runs."""
        scenario = self.exercise.scenario
        card = self.card
        with VerticalScroll(id="debrief"):
            yield Static(Content.assemble(("DEBRIEF  ", "bold $text-accent"),
                                          literal(scenario.title, "bold")), id="debrief-title")
            with Horizontal(id="debrief-top"):
                with Vertical(id="total-box"):
                    yield Digits(f"{card.total:g}", id="total")
                    yield Static(self._total_caption(), id="total-caption")
                with Vertical(id="harm"):
                    yield from self._harm()
            if self.session.teams:
                yield Static("Teams, each scored on its own votes", classes="heading",
                             id="h-teams")
                yield Scoreboard(self.report.team_scores, self.report.overview.teams,
                                 id="scoreboard")
            yield Static("Score card, the room's decisions" if self.session.teams
                         else "Score card", classes="heading", id="h-card")
            yield ScoreCardTable(card.criteria, id="score-card")
            if self.session.teams:
                yield from self._team_cards()
            yield Static("Timeline", classes="heading", id="h-timeline")
            yield Static(self._timeline(), id="timeline")
            yield Static("Debrief questions", classes="heading", id="h-questions")
            if not self.facilitator:  # the room's view reads them; the facilitator's seat types
                yield Bullets(scenario.debrief_questions, numbered=True, id="questions")
            else:
                yield Static(Content.styled("Answers, commitments and the plan are saved as "
                                            "you type; ctrl+s writes the report.",
                                            "$foreground-muted"))
                yield DebriefForm(scenario.debrief_questions, self._draft, id="questions")
                yield Static("Facilitator note", classes="heading", id="h-note")
                yield Static(literal(scenario.facilitator_note), id="facilitator-note")
            if scenario.extension_activity:
                yield Static("Extension activity", classes="heading", id="h-extension")
                with Vertical(id="extension"):  # its items too, not only the intro
                    if scenario.extension_intro:
                        yield Static(literal(scenario.extension_intro))
                    yield Bullets(scenario.extension_activity)
            if self.facilitator:
                yield Static("Replay this run", classes="heading", id="h-replay")
                yield Static(literal(self.replay), id="replay")
                yield Static(Content.styled("ctrl+r copies it; it prints this same score card.",
                                            "$foreground-muted"), id="replay-hint")
        yield KeyFooter()

    def on_resize(self) -> None:
        """A compact footer below 100 columns, without the palette's key (ctrl+p still opens
        it), so every key's label fits, the help's too."""
        footer = self.query_one(KeyFooter)
        footer.compact = self.size.width < 100
        footer.show_command_palette = self.size.width >= 100

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The facilitator on a question's answer: the room's view shows that question."""
        kind, _, index = (event.widget.id or "").partition("-")
        if self.on_question is not None and kind == "answer" and index.isdigit():
            self.on_question(int(index))

    def _total_caption(self) -> Content:
        card = self.card
        # The grade on a line of its own, its label under it: neither cut by the other.
        return Content.assemble(("out of ", "$foreground-muted"), (f"{card.max:g}", "bold"),
                                (f"  ({percent(card.share)})", "$foreground-muted"), "\n",
                                (f" Grade {card.grade} ", "bold reverse"), "\n",
                                literal(card.grade_label, "bold"))

    def _team_cards(self) -> ComposeResult:
        """Each team's own card, highest total first (ties in the order the teams were named):
        its points and why on every criterion; a team that never voted says so."""
        scores = sorted(self.report.team_scores, key=lambda t: -t.total)
        for n, team in enumerate(scores):
            heading = (f"{out_of(team.total, team.max)} · grade {team.grade} · with the room "
                       f"{percent(team.agreement)}")
            yield self._team_heading(team.team, heading, n)
            yield ScoreCardTable(team.criteria, classes="team-card")
        voted = {t.team for t in scores}
        for n, name in enumerate(self.report.overview.teams, start=len(scores)):
            if name not in voted:
                yield self._team_heading(name, "did not vote", n)

    @staticmethod
    def _team_heading(team: str, heading: str, n: int) -> Static:
        return Static(Content.assemble(literal(f"Team {team}'s own card", "bold"), ("  ", ""),
                                       (heading, "$foreground-muted")),
                      classes="heading team-heading", id=f"h-team-{n}")

    def _harm(self) -> ComposeResult:
        """The report's harm table (the rows `harm_rows` keeps, with the counted-in-play column
        when play stopped early) and the sentence saying what is projected."""
        span, rows = self.report.harm_span, self.report.harm
        columns = harm_columns(span)
        layout = Layout((Column(), *(Column(FIGURE_WIDTH, "right") for _ in columns)))
        table: list[Row | Content] = [[Content.styled(heading, "bold") for heading in (
            harm_title(span), *(c[:1].lower() + c[1:] for c in columns))]]
        counted = [row for row in rows if any(harm_figures(span, row))]
        table += [(literal(row.label), *(
            Content.styled(str(n), "bold") if heading.startswith("This run") else Content(str(n))
            for heading, n in zip(columns, harm_figures(span, row), strict=True)))
            for row in counted]
        if not counted:
            table.append((Content("No harm was counted in this run or its baselines."),))
        yield CellTable(layout, table, id="harm-table")
        note = projection(span)
        if note:
            yield Static(Content.styled(note, "$foreground-muted"), id="harm-note")

    def _timeline(self) -> Content:
        """The report's timeline, one line per inject, action and statement (each team's vote
        is the scoreboard's)."""
        lines = [_timeline_line(e) for e in self.report.timeline if not e.team]
        return Content("\n").join(lines) if lines else Content("Nothing happened.")

    @on(DebriefEdited)
    def _journal(self, event: DebriefEdited) -> None:
        """Journal a debrief answer, commitment or plan row as it is typed."""
        event.stop()
        if event.part == "question":
            self.session.answer(int(event.key), event.values[0])
        elif event.part == "commitment":
            self.session.commit(str(event.key), event.values[0])
        else:
            action, owner, due = event.values
            self.session.plan_row(int(event.key), action, owner, due)

    def action_export(self) -> None:
        """Write the after-action report in every format next to where tabletop was started
        (served: send it to the browser), once every field typed is journalled."""
        if any(w.group == REPORT_WORKERS and not w.is_finished for w in self.workers):
            self.notify("Still writing the report.", title="Report", markup=False)
            return
        forms = self.query(DebriefForm)
        if forms:
            forms.first().save_all()  # `_saved` follows the fields' edits
        else:
            self._export()

    @on(DebriefForm.Saved)
    def _saved(self, event: DebriefForm.Saved) -> None:
        event.stop()
        self._export()

    def _export(self) -> None:
        """The report as journalled, made here (the journal is read on this thread), then
        laid out and written by a worker: a long text takes time, and the UI goes on."""
        report = report_from_session(self.session, self.card)  # with the answers as typed
        self.notify("Writing the report\u2026", title="Report", markup=False)
        self._write_report(report, self.app.is_web)

    @work(thread=True, group=REPORT_WORKERS)
    def _write_report(self, report: Report, served: bool) -> None:
        """Lay the report out in every format and write it (served: send it to the browser,
        which the app's own thread does); say where it went."""
        # The writers (HTML, SVG, Markdown) load only when a report is saved.
        from tabletop.reports.writers import report_stem, write_reports

        if served:  # tabletop serve: the browser downloads it
            from tabletop.ui.served_report import reports_zip

            self.app.call_from_thread(self._deliver, *reports_zip(report))
            return
        try:
            files = write_reports(report, Path.cwd(), report_stem(report))
        except OSError as err:
            self.app.call_from_thread(self.notify, f"Could not write the report: {err}",
                                      severity="error", markup=False)
            return
        self.app.call_from_thread(self.notify, "\n".join(str(f) for f in files),
                                  title="Report written", markup=False)

    def _deliver(self, name: str, data: bytes) -> None:
        """Send the report's zip to the browser (on the app's thread) and say so."""
        from tabletop.ui.served_report import deliver_reports  # served apps only

        self.notify(deliver_reports(self.app, name, data), title="Report", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Rating is the facilitator's, in a room: not on the room's view, not in a drill;
        the gate designer is for a scenario that says what a gate may measure."""
        if action == "rate":
            return self.facilitator and self.session.mode != "solo"
        if action == "gates":
            return self.facilitator and self.exercise.scenario.gates is not None
        return True

    def action_gates(self) -> None:
        """Open the gate designer on the team's design (else the scenario's own), replayed on
        this run."""
        # Loaded when the designer opens: the debrief's first frame needs none of it.
        from tabletop.ui.screens.gates import open_designer

        open_designer(self.app, self.session, self._rescore_after)

    async def _rescore_after(self, _: object = None) -> None:
        """Back from the designer: the card with the team's gates, if it saved a design."""
        await self._show_card(self.session.score())

    def action_rate(self) -> None:
        """Open the rating dialog on the criteria people may rate, as the machine reads them."""
        # Loaded when a facilitator rates: the debrief's first frame needs none of them.
        from tabletop.scoring.ratings import rateable
        from tabletop.scoring.rubric import score
        from tabletop.ui.screens.rating_dialog import RatingDialog

        ids = {c.id for c in rateable(self.exercise.scenario)}
        lines = [line for line in score(self.exercise).criteria if line.id in ids]
        lines += self._goal_lines()
        self.app.push_screen(RatingDialog(lines, self.session.debrief().ratings), self._rated)

    def _goal_lines(self) -> list[CriterionScore]:
        """Each learning goal as a line to rate: the machine's suggestion is its reading."""
        from tabletop.scoring.ratings import GOAL, LABELS  # as above: only when rating

        return [CriterionScore(f"{GOAL}{n}", f"Learning goal {n}: {g.goal}", g.points, g.max,
                               f"the machine suggests {g.capability}, {LABELS[g.capability]}"
                               if g.capability else "judged by the debrief")
                for n, g in enumerate(self.report.goals, start=1)]

    async def _rated(self, rated: tuple[str, Rating] | None) -> None:
        """Journal the rating and show the card it makes."""
        if rated is None:
            return
        self.session.rate(*rated)
        await self._show_card(self.session.score())
        self.notify("The rating is saved and counted in the total.", title="Rated",
                    markup=False)

    async def _show_card(self, card: ScoreCard) -> None:
        """Show a new card: the total, the room's card and each team's, in place."""
        if card == self.card:
            return
        self.card = card
        self.report = report_from_session(self.session, self.card)
        self.query_one("#total", Digits).update(f"{self.card.total:g}")
        self.query_one("#total-caption", Static).update(self._total_caption())
        replaced: list[tuple[Widget, Widget]] = [
            (self.query_one("#score-card"), ScoreCardTable(self.card.criteria, id="score-card"))]
        if self.session.teams:
            scores = sorted(self.report.team_scores, key=lambda t: -t.total)
            replaced.append((self.query_one("#scoreboard"), Scoreboard(
                self.report.team_scores, self.report.overview.teams, id="scoreboard")))
            replaced += [(old, ScoreCardTable(team.criteria, classes="team-card"))
                         for old, team in zip(self.query(".team-card"), scores, strict=False)]
        column = self.query_one("#debrief", VerticalScroll)
        for old, new in replaced:  # in place, the old one gone first: the ids are reused
            at = list(column.children).index(old)
            await old.remove()
            await column.mount(new, before=at)

    def action_copy_replay(self) -> None:
        """Put the replay command line on the clipboard."""
        self.app.copy_to_clipboard(self.replay)
        self.notify("Replay command copied to the clipboard.", markup=False)


def _timeline_line(entry: TimelineEntry) -> Content:
    """An entry's minute, kind and title; an action also shows what backed it."""
    kind = f"{KIND_LABELS[entry.kind]:<{LABEL_WIDTH}}"
    head = Content.assemble((f"{entry.clock}  ", "bold"),
                            (kind, "$foreground-muted" if entry.kind == "inject"
                             else "bold $text-accent"))
    if entry.kind != "decision":
        return Content.assemble(head, literal(entry.title))
    more = [f"checks: {'; '.join(entry.check_labels)}"] if entry.check_labels else []
    more += [f"cited: \u201c{text}\u201d" for text in entry.cited_texts] or [
        "no evidence cited"]
    lines = [Content.assemble("\n", " " * INDENT, literal(line)) for line in more]
    return Content.assemble(head, literal(entry.label, "bold"),
                            Content(f" · confidence {entry.confidence}"), *lines,
                            _because(entry.justification))


def _because(justification: str) -> Content:
    """The team's reasoning on its own indented line, if they gave one."""
    if not justification:
        return Content("")
    return Content.assemble("\n", " " * INDENT, literal(f"“{justification}”", "italic"))

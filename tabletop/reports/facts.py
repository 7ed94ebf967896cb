"""The facts of a run, gathered once into a frozen `Report` that every format lays out.

`build_report` gathers them from an exercise and its score card (with the debrief and the
workshop votes, if any); `report_from_session` does so from a journal `Session`. The
renderers (`markdown`, `html`, `json_format`, through `writers`) only lay these facts out, so
the formats cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import field, replace
from datetime import date as date_type
from typing import TYPE_CHECKING

from tabletop.base.kinds import Mode
from tabletop.base.record import record
from tabletop.exercise.engine import Decision, Exercise, StatementRecord
from tabletop.exercise.workshop import alignment, voting_rounds
from tabletop.journal.events import COMMITMENT_KINDS, Debrief, PlanRow
from tabletop.reports.gates_section import GatesSection, gates_section
from tabletop.reports.goals import GoalAnalysis, analyse_goals
from tabletop.reports.harm import (
    HarmCurve,
    HarmLine,
    HarmSpan,
    counted_harm,
    harm_curve,
    harm_rows,
    harm_span,
)
from tabletop.reports.summary import ExecutiveSummary, executive_summary
from tabletop.reports.timeline import TimelineEntry, run_timeline, vote_point
from tabletop.scenario.gate_loader import default_design
from tabletop.scenario.model import Scenario
from tabletop.scoring.rubric import CriterionScore, ScoreCard, score
from tabletop.scoring.teams import team_scores as scores_by_team

if TYPE_CHECKING:
    from tabletop.journal.session import Session


@record
class Overview:
    """Exercise overview: what was played, when, by whom."""

    scenario_id: str
    """Scenario id."""
    title: str
    """Scenario title."""
    summary: str
    """Scenario summary."""
    purpose: str
    """Why the exercise exists."""
    date: str
    """Day it was played, ISO 8601 (YYYY-MM-DD)."""
    mode: Mode
    """team, workshop or solo."""
    teams: tuple[str, ...]
    """Team names in workshop mode; empty for a single team."""
    roles: tuple[str, ...]
    """Titles of the seats at the table."""
    seed: int
    """Seed of the ticket stream (the run can be replayed with it)."""
    session_id: int | None
    """Session id in the store, when the report comes from one."""
    ended: bool
    """The exercise was ended; otherwise the report is of a session still in progress."""
    minute: float
    """Scenario minute reached."""
    real_time: str = ""
    """When the session ran by the wall clock and for how long, where the journal has it
    (`wording.real_time`); empty for a report of no stored session."""
    facilitator: str = ""
    """Who facilitated (`run --facilitator`); empty when not named."""


@record
class DebriefAnswer:
    """One debrief question and the room's answer."""

    question: str
    """The question."""
    answer: str
    """The answer; empty when not answered."""


@record
class TeamScore:
    """A team's own score card in workshop mode: the rubric applied to its own votes."""

    team: str
    """Team name."""
    total: float
    """Points."""
    max: float
    """Maximum points."""
    grade: str
    """Grade band."""
    criteria: tuple[CriterionScore, ...] = ()
    """Each criterion's points and why, on the team's own votes."""
    grade_label: str = ""
    """What the grade means."""
    agreement: float = 0.0
    """Share of the team's votes that the room's decision followed (0 to 1)."""

    @property
    def percent(self) -> float:
        """Total as a percentage of the maximum."""
        return self.share * 100.0

    @property
    def share(self) -> float:
        """Total as a share of the maximum (0 to 1), as `words.percent` writes it."""
        return self.total / self.max if self.max else 0.0


@record
class VoteRound:
    """The teams' votes at one decision point in workshop mode, and what the room did."""

    minute: float
    """Scenario minute the votes were recorded."""
    decision: str
    """Id of the decision point voted on (empty when it cannot be told)."""
    room_action: str
    """Action id the room took; empty if none was recorded at that minute."""
    votes: tuple[Decision, ...]
    """Each team's own choice, in the order recorded."""
    alignment: float
    """Share of teams whose vote matches the room's action (0 to 1)."""


@record
class Report:
    """Everything the after-action report says, in every format."""

    overview: Overview
    """Exercise overview."""
    timeline: tuple[TimelineEntry, ...]
    """The run's timeline (`run_timeline`, votes included): the table and the board."""
    goals: tuple[GoalAnalysis, ...]
    """Analysis per learning goal."""
    card: ScoreCard
    """The score card, with the why of each criterion."""
    harm: tuple[HarmLine, ...]
    """Harm counters that were not zero under every plan (`harm_rows`), at least one."""
    harm_curve: HarmCurve
    """Harm over time for the chart."""
    debrief: tuple[DebriefAnswer, ...]
    """Every debrief question, answered or not."""
    commitments: dict[str, str]
    """stop, start, continue to what the room committed to."""
    plan: tuple[PlanRow, ...]
    """Improvement plan rows."""
    votes: tuple[VoteRound, ...] = ()
    """Workshop votes by decision point, oldest first."""
    team_scores: tuple[TeamScore, ...] = ()
    """Each team's own score in workshop mode."""
    scenario: Scenario | None = field(default=None, compare=False, repr=False)
    """The scenario, for drawing the timeline board (not serialised)."""
    decisions: tuple[Decision, ...] = ()
    """The decisions applied to the run, oldest first."""
    statements: tuple[StatementRecord, ...] = ()
    """Communications sent, oldest first."""
    harm_span: HarmSpan = HarmSpan(0.0, 0.0, 0.0)
    """Deployment, the scenario's end and the minute play reached: what of the harm is
    projected (`build_report` sets it; the default, play reaching the end, suits a report
    made by hand)."""
    summary: ExecutiveSummary | None = None
    """The executive summary the report opens with (`summary.executive_summary`)."""
    facilitator_note: str = ""
    """The scenario's guidance for the facilitator."""
    extension_intro: str = ""
    """The sentence that introduces the extension activity."""
    extension_activity: tuple[str, ...] = ()
    """The extension activity's items."""
    gates: GatesSection | None = None
    """The release gates section: the team's design (or the scenario's own) replayed on the
    run, the governance mapping and the pipeline; None for a scenario without gates."""


def build_report(
    exercise: Exercise, card: ScoreCard | None = None, debrief: Debrief | None = None, *,
    mode: Mode = "team", teams: Iterable[str] = (), date: str | None = None,
    session_id: int | None = None, votes: Sequence[Decision] = (),
) -> Report:
    """The report of an exercise: scored now when `card` is None.

    Args:
        exercise: the exercise played (ended or in progress).
        card: its score card; scored now, with the debrief's ratings, when None.
        debrief: the debrief: answers, commitments, plan and the facilitator's ratings.
        mode, teams: team, workshop or solo; team names in workshop mode.
        date, session_id, votes: day played, ISO 8601 (today when None); the store's
            session id; workshop votes, each team's own choices (`Session.votes`).
    """
    scenario = exercise.scenario
    debrief = debrief or Debrief({}, {}, ())
    card = card if card is not None else score(exercise, ratings=debrief.ratings)
    teams = tuple(teams)
    overview = Overview(
        scenario_id=scenario.id, title=scenario.full_title, summary=scenario.what_happens,
        purpose=scenario.purpose, date=date or date_type.today().isoformat(), mode=mode,
        teams=teams, roles=tuple(r.title for r in scenario.roles), seed=exercise.seed,
        session_id=session_id, ended=exercise.ended_at is not None, minute=exercise.minute,
        facilitator=debrief.facilitator)
    answers = tuple(DebriefAnswer(q, debrief.answers.get(i, ""))
                    for i, q in enumerate(scenario.debrief_questions))
    results = tuple(r for r in scores_by_team(exercise, votes, teams, debrief.ratings)
                    if r.voted)
    team_scores = tuple(TeamScore(r.team, r.card.total, r.card.max, r.card.grade,
                                  r.card.criteria, r.card.grade_label, r.agreement)
                        for r in results)
    span = harm_span(exercise)
    timeline = run_timeline(exercise, votes)
    counted = counted_harm(exercise) if span.projected else None
    harm = harm_rows(card, scenario.harm_label, at_least_one=True, counted=counted)
    return Report(
        overview=overview,
        timeline=timeline,
        goals=analyse_goals(exercise, card, debrief),
        card=card,
        harm=harm,
        harm_curve=harm_curve(exercise),
        debrief=answers,
        commitments={k: debrief.commitments[k] for k in COMMITMENT_KINDS
                     if k in debrief.commitments},
        plan=tuple(debrief.plan),
        votes=vote_rounds(exercise, votes),
        team_scores=team_scores,
        scenario=scenario,
        decisions=tuple(exercise.decisions),
        statements=tuple(exercise.statements),
        harm_span=span,
        summary=executive_summary(exercise, card, timeline, harm, span, mode=mode,
                                  teams=results),
        facilitator_note=scenario.facilitator_note,
        extension_intro=scenario.extension_intro,
        extension_activity=scenario.extension_activity,
    )


def report_from_session(session: Session, card: ScoreCard | None = None, *,
                        date: str | None = None) -> Report:
    """The report of a journal session (ended or not), with its debrief and votes.

    A stored session is restored by its caller (the journal's `restore`), so the reports
    never open the store.

    Args:
        session: the session: its exercise, debrief, mode, teams, id and votes.
        card: its score card; computed with the session's ratings (`Session.score`) when None.
        date: day played, ISO 8601 (a stored session's `started_at[:10]`); today when None.
    """
    report = build_report(session.exercise, card, session.debrief(), mode=session.mode,
                          teams=session.teams, date=date, session_id=session.session_id,
                          votes=session.voting.votes)
    # The release gates: the team's saved design, else the scenario's own.
    own = session.gate_design()
    design = own or default_design(session.exercise.scenario)
    if design is None:
        return report
    return replace(report, gates=gates_section(session.exercise, report.card, design,
                                               own is not None))



def vote_rounds(exercise: Exercise, votes: Sequence[Decision]) -> tuple[VoteRound, ...]:
    """Votes in their rounds (`workshop.voting_rounds`), each with the room's action then."""
    rounds = []
    for group, room in voting_rounds(votes, exercise.decisions):
        point = next((p for p in (vote_point(exercise, v) for v in group) if p), "")
        rounds.append(VoteRound(group[0].minute, point, room, tuple(group),
                                round(alignment(group, room), 3) if room else 0.0))
    return tuple(rounds)

"""The after-action report: what happened, how it scored, what the room will change.

`build_report` gathers the facts once, from an exercise and its score card (and the debrief
and votes from the store, through `report_for_session`), into a frozen `Report`. The three
renderers only lay those facts out, so the Markdown, HTML and JSON cannot disagree:

- `to_markdown`: headings after the HSEEP after-action report (Exercise Overview, Timeline,
  Analysis of Learning Goals, Score Card, Harm, Debrief, Improvement Plan);
- `to_html`: one self-contained page (inline CSS and SVG, no scripts, fonts or images
  fetched) with the session's timeline board and a harm-over-time chart;
- `to_json`: `{"format": "tabletop.report", "version": 1, ...}`, documented in
  docs/report-format.md.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field
from datetime import date as date_type
from typing import Any

from tabletop.exercise.clock import fmt_minute
from tabletop.exercise.engine import Decision, Exercise, FiredInject, StatementRecord
from tabletop.exercise.simulation import Harm, RolloutPlan, count_harm
from tabletop.exercise.workshop import alignment
from tabletop.journal.events import COMMITMENT_KINDS, Debrief, PlanRow
from tabletop.journal.store import Store, restore
from tabletop.reports.board import num, text_width, timeline_svg
from tabletop.scenario.model import Criterion, Scenario
from tabletop.scenario.record import record
from tabletop.scoring.rubric import ScoreCard, score

REPORT_FORMAT = "tabletop.report"
"""The `format` field of the JSON report."""
REPORT_VERSION = 1
"""The `version` field of the JSON report; bumped when a field changes meaning or goes away."""

HARM_COUNTERS = ("critical_misrouted", "high_priority_missed", "leaks", "failed")
"""Harm counters in the order they are reported."""


# --- the facts ------------------------------------------------------------------------------


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
    mode: str
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


@record
class TimelineEntry:
    """One line of the timeline: an inject revealed or something the players did."""

    minute: float
    """Scenario minute."""
    kind: str
    """inject, decision, statement or vote."""
    ref: str
    """Inject id, action id, communication request id or decision point id."""
    title: str
    """What happened, in a line."""
    details: tuple[str, ...] = ()
    """Evidence revealed, evidence cited, justification, statement text: one per line."""
    team: str = ""
    """Team, for decisions and votes in workshop mode."""

    @property
    def clock(self) -> str:
        """The minute as the clock shows it (T+20:00)."""
        return fmt_minute(self.minute)


@record
class GoalAnalysis:
    """Strengths and areas for improvement under one learning goal."""

    goal: str
    """The learning goal, as the scenario states it."""
    criteria: tuple[str, ...]
    """Ids of the score card criteria that evidence it (none for goals judged by the debrief)."""
    points: float
    """Points earned on those criteria."""
    max: float
    """Maximum points of those criteria."""
    strengths: tuple[str, ...]
    """What went well, one sentence each."""
    improvements: tuple[str, ...]
    """What to improve, one sentence each."""


@record
class HarmLine:
    """One harm counter: this run against nobody acting and the best achievable line."""

    counter: str
    """Counter name (critical_misrouted, high_priority_missed, leaks, failed)."""
    label: str
    """The scenario's name for it."""
    run: int
    """Count in this run."""
    baseline: int
    """Count had nobody acted."""
    best: int
    """Count under the rubric's best achievable line."""


@record
class HarmCurve:
    """One harm counter accumulated minute by minute from deployment, under the three plans."""

    counter: str
    """The counter plotted: the one nobody acting drives highest."""
    label: str
    """The scenario's name for it."""
    minutes: tuple[float, ...]
    """Scenario minutes sampled, deployment to the end."""
    run: tuple[int, ...]
    """Cumulative count at each minute in this run."""
    baseline: tuple[int, ...]
    """The same had nobody acted."""
    best: tuple[int, ...]
    """The same under the best achievable line."""


@record
class DebriefAnswer:
    """One debrief question and the room's answer."""

    question: str
    """The question."""
    answer: str
    """The answer; empty when not answered."""


@record
class TeamScore:
    """A team's own score in workshop mode."""

    team: str
    """Team name."""
    total: float
    """Points."""
    max: float
    """Maximum points."""
    grade: str
    """Grade band."""


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
    """Injects, decisions, statements and votes in time order."""
    goals: tuple[GoalAnalysis, ...]
    """Analysis per learning goal."""
    card: ScoreCard
    """The score card, with the why of each criterion."""
    harm: tuple[HarmLine, ...]
    """Harm counters that were not zero under every plan."""
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
    fired: tuple[FiredInject, ...] = field(default=(), repr=False)
    """Injects revealed, with the run's figures in their evidence (for the timeline board)."""
    decisions: tuple[Decision, ...] = ()
    """The decisions applied to the run, oldest first."""
    statements: tuple[StatementRecord, ...] = ()
    """Communications sent, oldest first."""


# --- building it ----------------------------------------------------------------------------


def build_report(
    exercise: Exercise, card: ScoreCard | None = None, debrief: Debrief | None = None, *,
    mode: str = "team", teams: Iterable[str] = (), date: str | None = None,
    session_id: int | None = None, votes: Sequence[Decision] = (),
) -> Report:
    """The report of an exercise: scored now when `card` is None.

    Args:
        exercise: the exercise played (ended or in progress).
        card: its score card; computed with `score(exercise)` when None.
        debrief: the debrief answers, commitments and improvement plan, if any.
        mode: team, workshop or solo.
        teams: team names in workshop mode.
        date: day played, ISO 8601; today when None.
        session_id: the store's session id, if any.
        votes: workshop votes, each team's own choices (`Session.votes`).
    """
    scenario = exercise.scenario
    card = card if card is not None else score(exercise)
    debrief = debrief or Debrief({}, {}, ())
    teams = tuple(teams)
    overview = Overview(
        scenario_id=scenario.id, title=scenario.title, summary=scenario.summary,
        purpose=scenario.purpose, date=date or date_type.today().isoformat(), mode=mode,
        teams=teams, roles=tuple(r.title for r in scenario.roles), seed=exercise.seed,
        session_id=session_id, ended=exercise.ended_at is not None, minute=exercise.minute)
    answers = tuple(DebriefAnswer(q, debrief.answers.get(i, ""))
                    for i, q in enumerate(scenario.debrief_questions))
    team_scores = tuple(
        TeamScore(t, c.total, c.max, c.grade) for t, c in
        ((t, score(exercise, [v for v in votes if v.team == t])) for t in teams
         if any(v.team == t for v in votes)))
    return Report(
        overview=overview,
        timeline=_timeline(exercise, votes),
        goals=analyse_goals(exercise, card, debrief),
        card=card,
        harm=_harm_lines(scenario, card),
        harm_curve=harm_curve(exercise),
        debrief=answers,
        commitments={k: debrief.commitments[k] for k in COMMITMENT_KINDS
                     if k in debrief.commitments},
        plan=tuple(debrief.plan),
        votes=vote_rounds(exercise, votes),
        team_scores=team_scores,
        scenario=scenario,
        fired=tuple(exercise.fired),
        decisions=tuple(exercise.decisions),
        statements=tuple(exercise.statements),
    )


def report_for_session(store: Store, session_id: int, scenario: Scenario) -> Report:
    """The report of a stored session (ended or not), with its debrief and votes."""
    info = store.session(session_id)
    session = restore(store, session_id, scenario)
    exercise = session.exercise
    return build_report(
        exercise, score(exercise), store.debrief(session_id), mode=info.mode,
        teams=info.teams, date=info.started_at[:10], session_id=session_id,
        votes=store.votes(session_id))


def _timeline(exercise: Exercise, votes: Sequence[Decision]) -> tuple[TimelineEntry, ...]:
    scenario = exercise.scenario
    entries: list[tuple[float, int, int, TimelineEntry]] = []
    texts = {e.id: e.text for _, e in exercise.revealed()}
    for n, fired in enumerate(exercise.fired):
        inject = fired.inject
        details = tuple(e.text for e in (fired.evidence or inject.evidence)) or (
            (inject.narrative,) if inject.narrative else ())
        entries.append((fired.minute, 0, n, TimelineEntry(
            fired.minute, "inject", inject.id, inject.title, details)))
    for n, d in enumerate(exercise.decisions):
        entries.append((d.minute, 1, n, TimelineEntry(
            d.minute, "decision", d.action, scenario.action(d.action).label,
            _choice_details(scenario, texts, d.cited, d.checks, d.justification,
                            d.confidence), d.team)))
    for n, s in enumerate(exercise.statements):
        request = scenario.statement_request(s.request)
        details = tuple(f"{name}: {text}" if len(s.fields) > 1 else text
                        for name, text in s.fields.items())
        entries.append((s.minute, 2, n, TimelineEntry(
            s.minute, "statement", s.request, f"{request.title} sent", details)))
    known = {a.id for a in scenario.actions}
    for n, v in enumerate(votes):
        label = scenario.action(v.action).label if v.action in known else v.action
        # Votes come before the room's action at the same minute, as they were recorded.
        entries.append((v.minute, 1, -len(votes) + n, TimelineEntry(
            v.minute, "vote", _vote_point(exercise, v), f"{v.team} voted: {label}",
            _choice_details(scenario, texts, v.cited, v.checks, v.justification,
                            v.confidence), v.team)))
    entries.sort(key=lambda e: (e[0], e[1], e[2]))
    return tuple(e[3] for e in entries)


def _vote_point(exercise: Exercise, vote: Decision) -> str:
    """The decision point a vote answered: the latest one revealed by then that offers it."""
    for fired in reversed(exercise.fired):
        if fired.minute <= vote.minute and fired.inject.decision:
            point = exercise.scenario.decision(fired.inject.decision)
            if vote.action in point.options:
                return point.id
    return ""


def vote_rounds(exercise: Exercise, votes: Sequence[Decision]) -> tuple[VoteRound, ...]:
    """Votes grouped by the minute they were recorded, each with the room's action then."""
    by_minute: dict[float, list[Decision]] = {}
    for vote in votes:
        by_minute.setdefault(vote.minute, []).append(vote)
    rounds = []
    for minute, group in sorted(by_minute.items()):
        room = next((d.action for d in exercise.decisions
                     if d.minute == minute and not d.team), "")
        point = next((p for p in (_vote_point(exercise, v) for v in group) if p), "")
        rounds.append(VoteRound(minute, point, room, tuple(group),
                                round(alignment(group, room), 3) if room else 0.0))
    return tuple(rounds)


def _choice_details(scenario: Scenario, texts: Mapping[str, str], cited: Sequence[str],
                    checks: Sequence[str], justification: str,
                    confidence: str) -> tuple[str, ...]:
    """Checks, evidence cited (as the run showed it), justification and confidence."""
    details: list[str] = []
    labels = {c.id: c.label for p in scenario.decisions for c in p.checks}
    if checks:
        details.append("Checks demanded: " + "; ".join(labels.get(c, c) for c in checks))
    for evidence_id in cited:
        text = texts.get(evidence_id, "")
        details.append(f"Cited {evidence_id}: {text}" if text else f"Cited {evidence_id}")
    if justification:
        details.append(f"Justification: {justification}")
    details.append(f"Confidence: {confidence}")
    return tuple(details)


def _harm_lines(scenario: Scenario, card: ScoreCard) -> tuple[HarmLine, ...]:
    lines = [HarmLine(name, getattr(scenario.harm_labels, name), getattr(card.harm, name),
                      getattr(card.baseline_harm, name), getattr(card.best_harm, name))
             for name in HARM_COUNTERS]
    shown = tuple(line for line in lines if line.run or line.baseline or line.best)
    return shown or (lines[0],)


def harm_curve(exercise: Exercise) -> HarmCurve:
    """Cumulative harm minute by minute for this run, nobody acting and the best case.

    Each item's harm is counted with `simulation.count_harm`, the rule of the score card, over
    the same counterfactual items as `Exercise.harm_for`, so the curves end at the score
    card's counts. The counter drawn is the one nobody acting drives highest.
    """
    scenario = exercise.scenario
    start, end = scenario.rollout.deploy_minute, scenario.end_minute
    plans = (exercise.plan(), RolloutPlan(), exercise.reference_plan())
    harmful: list[list[tuple[float, Harm]]] = []
    for plan in plans:
        items = exercise.simulation.counterfactual(plan, end)
        per_item = ((item.minute, count_harm(scenario.stream, [item], start)) for item in items)
        harmful.append([(m, one) for m, one in per_item if any(one.as_dict().values())])
    counter = max(HARM_COUNTERS, key=lambda c: (
        sum(getattr(one, c) for _, one in harmful[1]), -HARM_COUNTERS.index(c)))
    minutes = [float(m) for m in range(math.ceil(start), math.floor(end) + 1)]
    if not minutes or minutes[0] != start:
        minutes.insert(0, float(start))
    if minutes[-1] != end:
        minutes.append(float(end))
    series: list[tuple[int, ...]] = []
    for events in harmful:
        counts: list[int] = []
        for minute in minutes:
            counts.append(sum(getattr(one, counter) for m, one in events if m <= minute))
        series.append(tuple(counts))
    return HarmCurve(counter, getattr(scenario.harm_labels, counter), tuple(minutes),
                     series[0], series[1], series[2])


# --- learning goals -------------------------------------------------------------------------

_THEMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("readiness", ("benchmark", "readiness", "evaluat", "pre-release", "approv", "offline",
                   "go/no-go", "no-go")),
    ("evidence", ("evidence", "interpret", "signal", "dashboard", "justif", "diagnos")),
    ("rollout", ("pause", "roll back", "rolling back", "rollback", "roll-back", "continue",
                 "halt", "freeze")),
    ("comms", ("communicat", "statement", "notify", "stakeholder", "disclos")),
    ("runbook", ("runbook", "in order", "sequence", "checklist")),
    ("gates", ("gate", "next deployment", "next release", "next cycle", "improv", "policy",
               "lesson", "prevent", "follow-up", "follow up", "close the loop", "retrospect")),
)
"""Goal themes and the words in a goal's text that name them."""

_ROLLOUT_EFFECTS = {"continue", "freeze", "rollback", "disable"}


def goal_themes(goal: str) -> list[str]:
    """Themes a learning goal names, from words in its text."""
    text = goal.lower()
    return [theme for theme, words in _THEMES if any(w in text for w in words)]


def _judged(criterion: Criterion) -> list[str]:
    """Action (and statement request) ids a criterion looks at."""
    return (list(criterion.actions) or [a for s in criterion.stages for a in s.outcomes]
            or [a for group in criterion.sequence for a in group])


def _criteria_for_theme(scenario: Scenario, theme: str) -> list[Criterion]:
    deploy = scenario.rollout.deploy_minute
    known = {a.id for a in scenario.actions}

    def judged(c: Criterion) -> list[str]:
        return [a for a in _judged(c) if a in known]

    def pre_release(c: Criterion) -> bool:
        actions = [scenario.action(a) for a in judged(c)]
        return bool(actions) and all(a.available_until is not None
                                     and a.available_until <= deploy for a in actions)

    def rollout(c: Criterion) -> bool:
        return any(scenario.action(a).effect in _ROLLOUT_EFFECTS for a in judged(c))

    criteria = scenario.rubric.criteria
    if theme == "readiness":
        return [c for c in criteria if c.kind == "decision" and pre_release(c)]
    if theme == "evidence":
        return [c for c in criteria if c.kind == "evidence"]
    if theme == "rollout":
        return [c for c in criteria if (c.kind == "decision" and rollout(c))
                or c.kind in ("timeliness", "harm")]
    if theme == "comms":
        return [c for c in criteria if c.kind == "statement"]
    if theme == "runbook":
        return [c for c in criteria if c.kind in ("order", "completeness")]
    return []


def _step_criteria(scenario: Scenario, goal: str) -> list[Criterion]:
    """Criteria judging actions of the runbook steps a goal names (stabilise, diagnose, ...)."""
    text = goal.lower()
    steps = {a.step for a in scenario.actions
             if a.step and a.step.lower()[:6] in text}
    actions = {a.id for a in scenario.actions if a.step in steps}
    return [c for c in scenario.rubric.criteria if actions & set(_judged(c))]


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]+", text.lower()) if len(w) >= 4}


def criteria_for_goal(scenario: Scenario, goal: str) -> list[Criterion]:
    """The score card criteria that evidence a learning goal.

    From the goal's themes (readiness: the pre-release decision; evidence: evidence cited;
    pause or roll back: the rollout decision, timeliness and harm; communication: statements;
    runbook: order and completeness; gates: none, the debrief speaks to it) and the runbook
    steps it names (the criteria judging that step's actions). A goal naming neither takes
    the criteria whose titles share a word with it, else the whole card.
    """
    themes = goal_themes(goal)
    chosen: list[Criterion] = []
    for theme in themes:
        chosen += [c for c in _criteria_for_theme(scenario, theme) if c not in chosen]
    chosen += [c for c in _step_criteria(scenario, goal) if c not in chosen]
    if chosen or "gates" in themes:
        return [c for c in scenario.rubric.criteria if c in chosen]
    words = _stems(goal)
    overlap = [c for c in scenario.rubric.criteria if _stems(c.title) & words]
    return overlap or list(scenario.rubric.criteria)


STRENGTH_SHARE = 0.8
"""A criterion at or above this share of its maximum is a strength, below it an area to improve."""


def analyse_goals(exercise: Exercise, card: ScoreCard,
                  debrief: Debrief) -> tuple[GoalAnalysis, ...]:
    """Strengths and areas for improvement per learning goal, from the score card criteria
    that evidence each goal and, for goals about the next cycle, the debrief."""
    scenario = exercise.scenario
    lines = {line.id: line for line in card.criteria}
    out: list[GoalAnalysis] = []
    for goal in scenario.learning_goals:
        criteria = [c for c in criteria_for_goal(scenario, goal) if c.id in lines]
        strengths: list[str] = []
        improvements: list[str] = []
        for criterion in criteria:
            line = lines[criterion.id]
            text = f"{line.title} ({line.points:g}/{line.max:g}): {line.why}"
            share = line.points / line.max if line.max else 1.0
            (strengths if share >= STRENGTH_SHARE else improvements).append(text)
        if "gates" in goal_themes(goal):
            more_strengths, more_improvements = _gates(exercise, debrief)
            strengths += more_strengths
            improvements += more_improvements
        out.append(GoalAnalysis(
            goal, tuple(c.id for c in criteria),
            round(sum(lines[c.id].points for c in criteria), 1),
            sum(lines[c.id].max for c in criteria), tuple(strengths), tuple(improvements)))
    return tuple(out)


def _gates(exercise: Exercise, debrief: Debrief) -> tuple[list[str], list[str]]:
    """What the run and the debrief show about stronger gates for the next cycle."""
    scenario = exercise.scenario
    strengths: list[str] = []
    improvements: list[str] = []
    labels = {c.id: c.label for p in scenario.decisions for c in p.checks}
    demanded = [c for d in exercise.decisions for c in d.checks]
    if demanded:
        names = "; ".join(labels.get(c, c) for c in dict.fromkeys(demanded))
        strengths.append(f"Extra checks demanded before release: {names}.")
    elif labels:
        improvements.append("No extra pre-release check was demanded before deployment.")
    rows = list(debrief.plan)
    complete = [r for r in rows if r.action.strip() and r.owner.strip() and r.due.strip()]
    if complete:
        strengths.append(f"{len(complete)} improvement action"
                         f"{'s' if len(complete) != 1 else ''} with an owner and a due date.")
    if not rows:
        improvements.append("No improvement action was recorded in the debrief.")
    elif len(complete) < len(rows):
        missing = len(rows) - len(complete)
        improvements.append(f"{missing} improvement action{'s' if missing != 1 else ''} "
                            "without an owner or a due date.")
    for kind in COMMITMENT_KINDS:
        text = debrief.commitments.get(kind, "").strip()
        if text:
            strengths.append(f"{kind.upper()} commitment: {text}")
    questions = len(scenario.debrief_questions)
    answered = sum(1 for i in range(questions) if debrief.answers.get(i, "").strip())
    if questions and answered == questions:
        strengths.append(f"All {questions} debrief questions answered.")
    elif questions:
        improvements.append(f"{questions - answered} of {questions} debrief questions "
                            "left unanswered.")
    return strengths, improvements


# --- JSON -----------------------------------------------------------------------------------


def to_data(report: Report) -> dict[str, Any]:
    """The report as the JSON object of docs/report-format.md."""
    o, card = report.overview, report.card
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "overview": {
            "scenario_id": o.scenario_id, "title": o.title, "summary": o.summary,
            "purpose": o.purpose, "date": o.date, "mode": o.mode, "teams": list(o.teams),
            "roles": list(o.roles), "seed": o.seed, "session_id": o.session_id,
            "ended": o.ended, "minute": o.minute, "clock": fmt_minute(o.minute),
        },
        "timeline": [
            {"minute": e.minute, "clock": e.clock, "kind": e.kind, "ref": e.ref,
             "title": e.title, "details": list(e.details), "team": e.team}
            for e in report.timeline],
        "goals": [
            {"goal": g.goal, "criteria": list(g.criteria), "points": g.points, "max": g.max,
             "strengths": list(g.strengths), "improvements": list(g.improvements)}
            for g in report.goals],
        "score": {
            "total": card.total, "max": card.max, "percent": round(card.percent, 1),
            "grade": card.grade, "grade_label": card.grade_label,
            "criteria": [{"id": c.id, "title": c.title, "points": c.points, "max": c.max,
                          "why": c.why} for c in card.criteria],
            "teams": [{"team": t.team, "total": t.total, "max": t.max, "grade": t.grade}
                      for t in report.team_scores],
        },
        "harm": {
            "from_minute": report.harm_curve.minutes[0] if report.harm_curve.minutes else None,
            "to_minute": report.harm_curve.minutes[-1] if report.harm_curve.minutes else None,
            "counters": [{"counter": h.counter, "label": h.label, "run": h.run,
                          "baseline": h.baseline, "best": h.best} for h in report.harm],
            "curve": {"counter": report.harm_curve.counter, "label": report.harm_curve.label,
                      "minutes": list(report.harm_curve.minutes),
                      "run": list(report.harm_curve.run),
                      "baseline": list(report.harm_curve.baseline),
                      "best": list(report.harm_curve.best)},
        },
        "debrief": {
            "answers": [{"question": a.question, "answer": a.answer} for a in report.debrief],
            "commitments": dict(report.commitments),
        },
        "improvement_plan": [{"action": r.action, "owner": r.owner, "due": r.due}
                             for r in report.plan],
        "decisions": [
            {"minute": d.minute, "clock": fmt_minute(d.minute), "action": d.action,
             "label": _label(report, d.action), "team": d.team, "cited": list(d.cited),
             "checks": list(d.checks), "justification": d.justification,
             "confidence": d.confidence} for d in report.decisions],
        "statements": [
            {"minute": st.minute, "clock": fmt_minute(st.minute), "request": st.request,
             "fields": dict(st.fields)} for st in report.statements],
        "votes": [
            {"minute": r.minute, "clock": fmt_minute(r.minute), "decision": r.decision,
             "room_action": r.room_action, "alignment": r.alignment,
             "votes": [{"team": v.team, "action": v.action, "cited": list(v.cited),
                        "justification": v.justification, "confidence": v.confidence,
                        "checks": list(v.checks)} for v in r.votes]}
            for r in report.votes],
    }


def to_json(report: Report) -> str:
    """The report as JSON (docs/report-format.md)."""
    return json.dumps(to_data(report), indent=2, ensure_ascii=False) + "\n"


# --- Markdown -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~])")


def md(text: str) -> str:
    """Scenario or player text as literal Markdown: specials escaped, one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _md_cell(lines: Iterable[str]) -> str:
    return "<br>".join(md(line) for line in lines if line)


def _sentence(text: str) -> str:
    """Text with its first letter capitalised, for a heading."""
    return text[:1].upper() + text[1:]


def _points(value: float) -> str:
    return f"{value:g}"


def _mode(overview: Overview) -> str:
    return {"team": "Team exercise", "workshop": "Workshop", "solo": "Solo drill"}.get(
        overview.mode, overview.mode)


def to_markdown(report: Report) -> str:
    """The report as Markdown with the HSEEP after-action report's headings."""
    o, card = report.overview, report.card
    out: list[str] = [f"# After-action report: {md(o.title)}", ""]
    out += ["## Exercise Overview", "", "| | |", "| --- | --- |",
            f"| Scenario | {md(o.title)} ({md(o.scenario_id)}) |",
            f"| Date | {md(o.date)} |",
            f"| Mode | {md(_mode(o))} |",
            f"| Teams | {md(', '.join(o.teams)) if o.teams else 'One team'} |",
            f"| Roles | {md(', '.join(o.roles))} |",
            f"| Seed | {o.seed} |"]
    if o.session_id is not None:
        out.append(f"| Session | {o.session_id} |")
    state = f"Ended at {fmt_minute(o.minute)}" if o.ended else \
        f"In progress at {fmt_minute(o.minute)}"
    out += [f"| State | {state} |",
            f"| Result | {_points(card.total)}/{_points(card.max)} ({card.percent:.0f}%), "
            f"grade {md(card.grade)}: {md(card.grade_label)} |", "",
            f"**Purpose.** {md(o.purpose)}", "", f"**Scenario.** {md(o.summary)}", ""]

    out += ["## Timeline", "", "| Time | Event | Details |", "| --- | --- | --- |"]
    for e in report.timeline:
        kind = {"inject": "Inject", "decision": "Decision", "statement": "Statement",
                "vote": "Vote"}.get(e.kind, e.kind)
        who = f" ({md(e.team)})" if e.team and e.kind == "decision" else ""
        out.append(f"| {e.clock} | {kind}: {md(e.title)}{who} | {_md_cell(e.details)} |")
    out.append("")
    if report.votes:
        out += ["### Team votes", "", "| Time | Decision point | Teams' votes | Room's action "
                "| Alignment |", "| --- | --- | --- | --- | --- |"]
        for r in report.votes:
            out.append(f"| {fmt_minute(r.minute)} | {md(r.decision or '-')} | "
                       f"{md(_vote_summary(report, r))} | {md(_label(report, r.room_action))} | "
                       f"{r.alignment:.0%} |")
        out.append("")

    out += ["## Analysis of Learning Goals", ""]
    for n, g in enumerate(report.goals, 1):
        out += [f"### {n}. {md(_sentence(g.goal))}", ""]
        if g.criteria:
            titles = {c.id: c.title for c in card.criteria}
            names = ", ".join(md(titles[c]) for c in g.criteria)
            out += [f"Evidenced by: {names} ({_points(g.points)}/{_points(g.max)}).", ""]
        else:
            out += ["Evidenced by the debrief and the improvement plan.", ""]
        out += ["**Strengths**", ""]
        out += [f"- {md(s)}" for s in g.strengths] or ["- None recorded."]
        out += ["", "**Areas for improvement**", ""]
        out += [f"- {md(s)}" for s in g.improvements] or ["- None recorded."]
        out.append("")

    out += ["## Score Card", "", "| Criterion | Points | Why |", "| --- | --- | --- |"]
    for c in card.criteria:
        out.append(f"| {md(c.title)} | {_points(c.points)}/{_points(c.max)} | {md(c.why)} |")
    out += [f"| **Total** | **{_points(card.total)}/{_points(card.max)}** | "
            f"**Grade {md(card.grade)}: {md(card.grade_label)}** ({card.percent:.0f}%) |", ""]
    if report.team_scores:
        out += ["### Team scoreboard", "", "| Team | Points | Grade |", "| --- | --- | --- |"]
        out += [f"| {md(t.team)} | {_points(t.total)}/{_points(t.max)} | {md(t.grade)} |"
                for t in report.team_scores]
        out.append("")

    curve = report.harm_curve
    span = (f"from deployment ({fmt_minute(curve.minutes[0])}) to the end "
            f"({fmt_minute(curve.minutes[-1])})") if curve.minutes else "over the run"
    out += ["## Harm", "", f"Harm the release caused {span}, against nobody acting and the "
            "best achievable line.", "",
            "| Harm | This run | Nobody acted | Best case |", "| --- | --- | --- | --- |"]
    out += [f"| {md(h.label)} | {h.run} | {h.baseline} | {h.best} |" for h in report.harm]
    out.append("")

    out += ["## Debrief", ""]
    for n, a in enumerate(report.debrief, 1):
        out.append(f"{n}. **{md(a.question)}**  ")
        out.append(f"   {md(a.answer)}" if a.answer.strip() else "   *Not answered.*")
    out.append("")
    if report.commitments:
        out += ["### Stop, start, continue", ""]
        out += [f"- **{kind.upper()}:** {md(text)}" for kind, text in report.commitments.items()]
        out.append("")

    out += ["## Improvement Plan", ""]
    if report.plan:
        out += ["| # | Action | Owner | Due |", "| --- | --- | --- | --- |"]
        out += [f"| {n} | {md(r.action)} | {md(r.owner)} | {md(r.due)} |"
                for n, r in enumerate(report.plan, 1)]
    else:
        out.append("*No improvement actions were recorded.*")
    out.append("")
    return "\n".join(out)


# --- HTML -----------------------------------------------------------------------------------


def h(text: str) -> str:
    """Scenario or player text as HTML character data."""
    return html.escape(text, quote=True)


_CSS = """
:root{--ink:#1a202c;--body:#2d3748;--muted:#5a6473;--rule:#d5dbe3;--soft:#f4f6f9;
--accent:#2b5c8a;--good:#2e7d57;--warn:#a8660b;--bad:#b5332e;--dark:#1f2937}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#eef1f5;color:var(--body);font:15px/1.55 system-ui,-apple-system,
"Segoe UI",Roboto,"Helvetica Neue",Arial,"DejaVu Sans",sans-serif}
.page{max-width:1080px;margin:0 auto;background:#fff;box-shadow:0 1px 12px rgba(0,0,0,.08)}
header{background:var(--dark);color:#fff;padding:36px 48px 32px;display:flex;gap:32px;
align-items:flex-end;justify-content:space-between}
.kicker{font-size:12px;font-weight:700;letter-spacing:.16em;text-transform:uppercase;
color:#9fb3c8;margin:0 0 8px}
h1{font-size:30px;line-height:1.2;margin:0 0 12px;color:#fff}
.meta{margin:0;color:#cbd5e1;font-size:14px}
.meta span+span::before{content:"\\00b7";margin:0 8px;color:#7b8794}
.tile{flex:none;text-align:center;background:#fff;color:var(--ink);border-radius:12px;
padding:14px 22px;min-width:170px}
.tile .total{font-size:34px;font-weight:800;line-height:1}
.tile .total small{font-size:16px;color:var(--muted);font-weight:600}
.grade{display:inline-block;margin-top:8px;padding:2px 12px;border-radius:999px;color:#fff;
font-weight:800}
.tile .label{display:block;font-size:12.5px;color:var(--muted);margin-top:6px}
main{padding:8px 48px 40px}
section{padding-top:26px}
h2{font-size:21px;color:var(--ink);margin:0 0 14px;padding-bottom:8px;
border-bottom:2px solid var(--ink);display:flex;gap:12px;align-items:baseline}
h2 .n{font-size:13px;font-weight:800;color:#fff;background:var(--accent);border-radius:6px;
padding:1px 8px}
h3{font-size:16.5px;color:var(--ink);margin:20px 0 8px}
p{margin:0 0 10px}
table{width:100%;border-collapse:collapse;margin:6px 0 14px;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:8px 10px;border-bottom:1px solid var(--rule)}
th{background:var(--soft);color:var(--muted);font-size:12px;text-transform:uppercase;
letter-spacing:.06em}
td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.time{white-space:nowrap;font-variant-numeric:tabular-nums;font-weight:700;color:var(--ink)}
dl.facts{display:grid;grid-template-columns:150px 1fr;gap:6px 18px;margin:0 0 14px}
dl.facts dt{color:var(--muted);font-size:13px;text-transform:uppercase;letter-spacing:.05em;
padding-top:2px}
dl.facts dd{margin:0;color:var(--ink)}
.tag{display:inline-block;font-size:11.5px;font-weight:700;letter-spacing:.04em;
text-transform:uppercase;border-radius:5px;padding:1px 7px;color:#fff;white-space:nowrap}
.tag.inject{background:#5a6473}.tag.decision{background:var(--dark)}
.tag.statement{background:var(--accent)}.tag.vote{background:#8e44ad}
ul.details{margin:4px 0 0;padding-left:18px;color:var(--body)}
ul.details li{margin:1px 0}
.figure{border:1px solid var(--rule);border-radius:10px;padding:10px;margin:10px 0 16px;
background:#fff}
.figure svg{display:block;width:100%;height:auto}
.caption{font-size:13px;color:var(--muted);margin:6px 4px 0}
.goal{border:1px solid var(--rule);border-radius:10px;padding:14px 18px;margin:0 0 14px;
break-inside:avoid}
.goal h3{margin:0 0 4px}
.goal .by{font-size:13.5px;color:var(--muted);margin:0 0 10px}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:18px}
.cols h4{margin:0 0 6px;font-size:12.5px;text-transform:uppercase;letter-spacing:.08em}
.cols .plus h4{color:var(--good)}.cols .minus h4{color:var(--bad)}
.cols ul{margin:0;padding-left:18px;font-size:14px}
.cols li{margin:0 0 6px}
.bar{height:8px;background:#e6eaf0;border-radius:4px;overflow:hidden;min-width:90px;
margin-top:6px}
.bar span{display:block;height:100%;border-radius:4px}
tr.total td{border-top:2px solid var(--ink);border-bottom:none;font-weight:700;
color:var(--ink)}
.answer{margin:2px 0 14px;padding:8px 12px;border-left:3px solid var(--accent);
background:var(--soft);white-space:pre-wrap}
.empty{color:var(--muted);font-style:italic}
ol.questions{padding-left:22px}
ol.questions li{font-weight:700;color:var(--ink)}
ol.questions .answer,ol.questions .empty{font-weight:400}
.commit{display:grid;grid-template-columns:repeat(3,1fr);gap:12px;margin:8px 0 6px}
.commit div{border:1px solid var(--rule);border-radius:8px;padding:10px 12px;
white-space:pre-wrap}
.commit b{display:block;font-size:12px;letter-spacing:.1em;margin-bottom:4px}
footer{padding:16px 48px 28px;color:var(--muted);font-size:12.5px;
border-top:1px solid var(--rule)}
@page{size:A4;margin:14mm}
@media print{body{background:#fff;font-size:12.5px}.page{box-shadow:none;max-width:none}
header{padding:20px 24px}main{padding:0 24px}footer{padding:12px 24px}
section{break-inside:auto}tr,.goal,.figure,.commit div{break-inside:avoid}
h2,h3{break-after:avoid}}
@media (max-width:760px){header{flex-direction:column;align-items:flex-start;padding:24px}
main{padding:8px 20px 28px}.cols,.commit{grid-template-columns:1fr}
dl.facts{grid-template-columns:1fr}}
"""


def _grade_colour(percent: float) -> str:
    return "#2e7d57" if percent >= 70 else "#a8660b" if percent >= 55 else "#b5332e"


def to_html(report: Report) -> str:
    """The report as one self-contained HTML page: inline CSS and SVG, nothing fetched."""
    o, card = report.overview, report.card
    parts: list[str] = []
    add = parts.append
    state = f"ended at {fmt_minute(o.minute)}" if o.ended else \
        f"in progress at {fmt_minute(o.minute)}"
    add("<!DOCTYPE html>")
    add('<html lang="en"><head><meta charset="utf-8">')
    add('<meta name="viewport" content="width=device-width, initial-scale=1">')
    add(f"<title>After-action report: {h(o.title)}</title>")
    add(f"<style>{_CSS}</style></head><body><div class=\"page\">")
    meta = [o.date, _mode(o), f"seed {o.seed}", state]
    if o.session_id is not None:
        meta.insert(0, f"session {o.session_id}")
    add("<header><div>")
    add('<p class="kicker">After-action report</p>')
    add(f"<h1>{h(o.title)}</h1>")
    add('<p class="meta">' + "".join(f"<span>{h(m)}</span>" for m in meta) + "</p>")
    add("</div>")
    add(f'<div class="tile" id="result"><div class="total">{_points(card.total)}'
        f"<small>/{_points(card.max)}</small></div>"
        f'<span class="grade" style="background:{_grade_colour(card.percent)}">'
        f"Grade {h(card.grade)}</span>"
        f'<span class="label">{h(card.grade_label)} &middot; {card.percent:.0f}%</span></div>')
    add("</header><main>")

    # 1 overview
    add('<section id="overview"><h2><span class="n">1</span>Exercise Overview</h2>')
    add('<dl class="facts">')
    facts = [("Scenario", f"{o.title} ({o.scenario_id})"), ("Date", o.date),
             ("Mode", _mode(o)), ("Teams", ", ".join(o.teams) if o.teams else "One team"),
             ("Roles", ", ".join(o.roles)), ("Seed", str(o.seed))]
    if o.session_id is not None:
        facts.append(("Session", str(o.session_id)))
    facts.append(("State", state[0].upper() + state[1:]))
    for term, value in facts:
        add(f"<dt>{h(term)}</dt><dd>{h(value)}</dd>")
    add("</dl>")
    add(f"<p><strong>Purpose.</strong> {h(o.purpose)}</p>")
    add(f"<p><strong>Scenario.</strong> {h(o.summary)}</p></section>")

    # 2 timeline
    add('<section id="timeline"><h2><span class="n">2</span>Timeline</h2>')
    if report.scenario is not None:
        svg = timeline_svg(report.scenario, report.fired, report.decisions,
                           statements=report.statements, standalone=False, header=False)
        add(f'<div class="figure">{svg}<p class="caption">The session on the scenario\'s '
            "board: injects revealed in their stage columns, the team's decisions in dark.</p>"
            "</div>")
    add('<table class="timeline"><thead><tr><th>Time</th><th>Event</th><th>What happened'
        "</th></tr></thead><tbody>")
    for e in report.timeline:
        who = f" ({h(e.team)})" if e.team and e.kind == "decision" else ""
        details = "".join(f"<li>{h(d)}</li>" for d in e.details)
        add(f'<tr class="{h(e.kind)}"><td class="time">{e.clock}</td>'
            f'<td><span class="tag {h(e.kind)}">{h(e.kind)}</span></td>'
            f"<td><strong>{h(e.title)}</strong>{who}"
            + (f'<ul class="details">{details}</ul>' if details else "") + "</td></tr>")
    add("</tbody></table>")
    if report.votes:
        add('<h3>Team votes</h3><table class="votes"><thead><tr><th>Time</th>'
            "<th>Decision point</th><th>Teams' votes</th><th>Room's action</th>"
            '<th class="num">Alignment</th></tr></thead><tbody>')
        for r in report.votes:
            add(f'<tr><td class="time">{fmt_minute(r.minute)}</td><td>{h(r.decision or "-")}'
                f"</td><td>{h(_vote_summary(report, r))}</td>"
                f"<td>{h(_label(report, r.room_action))}</td>"
                f'<td class="num">{r.alignment:.0%}</td></tr>')
        add("</tbody></table>")
    add("</section>")

    # 3 goals
    add('<section id="goals"><h2><span class="n">3</span>Analysis of Learning Goals</h2>')
    titles = {c.id: c.title for c in card.criteria}
    for n, g in enumerate(report.goals, 1):
        add(f'<div class="goal"><h3>{n}. {h(_sentence(g.goal))}</h3>')
        if g.criteria:
            names = ", ".join(h(titles[c]) for c in g.criteria)
            add(f'<p class="by">Evidenced by {names}: <strong>{_points(g.points)}/'
                f"{_points(g.max)}</strong></p>")
        else:
            add('<p class="by">Evidenced by the debrief and the improvement plan.</p>')
        add('<div class="cols"><div class="plus"><h4>Strengths</h4>')
        add(_html_list(g.strengths))
        add('</div><div class="minus"><h4>Areas for improvement</h4>')
        add(_html_list(g.improvements))
        add("</div></div></div>")
    add("</section>")

    # 4 score card
    add('<section id="score"><h2><span class="n">4</span>Score Card</h2>')
    add('<table class="score"><thead><tr><th>Criterion</th><th class="num">Points</th>'
        "<th>Why</th></tr></thead><tbody>")
    for c in card.criteria:
        share = c.points / c.max if c.max else 1.0
        colour = "#2e7d57" if share >= STRENGTH_SHARE else "#a8660b" if share >= 0.5 \
            else "#b5332e"
        add(f'<tr data-criterion="{h(c.id)}"><td><strong>{h(c.title)}</strong>'
            f'<div class="bar"><span style="width:{share * 100:.0f}%;background:{colour}">'
            f'</span></div></td><td class="num">{_points(c.points)}/{_points(c.max)}</td>'
            f"<td>{h(c.why)}</td></tr>")
    add(f'<tr class="total"><td>Total</td><td class="num">{_points(card.total)}/'
        f"{_points(card.max)}</td><td>Grade {h(card.grade)}: {h(card.grade_label)} "
        f"({card.percent:.0f}%)</td></tr></tbody></table>")
    if report.team_scores:
        add("<h3>Team scoreboard</h3><table><thead><tr><th>Team</th>"
            '<th class="num">Points</th><th>Grade</th></tr></thead><tbody>')
        for t in report.team_scores:
            add(f'<tr><td>{h(t.team)}</td><td class="num">{_points(t.total)}/'
                f"{_points(t.max)}</td><td>{h(t.grade)}</td></tr>")
        add("</tbody></table>")
    add("</section>")

    # 5 harm
    curve = report.harm_curve
    add('<section id="harm"><h2><span class="n">5</span>Harm</h2>')
    if curve.minutes:
        add(f"<p>Harm the release caused from deployment ({fmt_minute(curve.minutes[0])}) "
            f"to the end ({fmt_minute(curve.minutes[-1])}), against nobody acting and the "
            "best achievable line.</p>")
    add('<table class="harm"><thead><tr><th>Harm</th><th class="num">This run</th>'
        '<th class="num">Nobody acted</th><th class="num">Best case</th></tr></thead><tbody>')
    for line in report.harm:
        add(f'<tr data-counter="{h(line.counter)}"><td>{h(line.label)}</td>'
            f'<td class="num">{line.run}</td><td class="num">{line.baseline}</td>'
            f'<td class="num">{line.best}</td></tr>')
    add("</tbody></table>")
    add(f'<div class="figure">{harm_chart_svg(report)}<p class="caption">'
        f"{h(_sentence(curve.label))}, counted as they happened. "
        "Vertical lines mark the team's decisions.</p></div></section>")

    # 6 debrief
    add('<section id="debrief"><h2><span class="n">6</span>Debrief</h2>')
    add('<ol class="questions">')
    for a in report.debrief:
        answer = (f'<div class="answer">{h(a.answer)}</div>' if a.answer.strip()
                  else '<div class="empty">Not answered.</div>')
        add(f"<li>{h(a.question)}{answer}</li>")
    add("</ol>")
    if report.commitments:
        add('<h3>Stop, start, continue</h3><div class="commit">')
        colours = {"stop": "#b5332e", "start": "#2e7d57", "continue": "#2b5c8a"}
        for kind, text in report.commitments.items():
            add(f'<div><b style="color:{colours.get(kind, "#1a202c")}">{h(kind.upper())}</b>'
                f"{h(text)}</div>")
        add("</div>")
    add("</section>")

    # 7 plan
    add('<section id="plan"><h2><span class="n">7</span>Improvement Plan</h2>')
    if report.plan:
        add('<table class="plan"><thead><tr><th class="num">#</th><th>Action</th>'
            "<th>Owner</th><th>Due</th></tr></thead><tbody>")
        for n, row in enumerate(report.plan, 1):
            add(f'<tr><td class="num">{n}</td><td>{h(row.action)}</td><td>{h(row.owner)}</td>'
                f"<td>{h(row.due)}</td></tr>")
        add("</tbody></table>")
    else:
        add('<p class="empty">No improvement actions were recorded.</p>')
    add("</section></main>")
    add(f"<footer>Generated by tabletop from scenario {h(o.scenario_id)}, seed {o.seed}. "
        "Headings follow the HSEEP after-action report.</footer>")
    add("</div></body></html>")
    return "\n".join(parts) + "\n"


def _label(report: Report, action: str) -> str:
    """An action's label, or the id when the scenario does not know it."""
    if report.scenario is None or not action:
        return action or "-"
    known = {a.id: a.label for a in report.scenario.actions}
    return known.get(action, action)


def _vote_summary(report: Report, round_: VoteRound) -> str:
    """`Red: Freeze at 25 %; Blue: Roll back`."""
    return "; ".join(f"{v.team}: {_label(report, v.action)}" for v in round_.votes)


def _html_list(items: Sequence[str]) -> str:
    if not items:
        return '<p class="empty">None recorded.</p>'
    return "<ul>" + "".join(f"<li>{h(i)}</li>" for i in items) + "</ul>"


# --- the harm chart -------------------------------------------------------------------------


def _nice_step(top: float, ticks: int = 5) -> float:
    raw = max(top, 1.0) / ticks
    for base in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if base >= raw:
            return float(base)
    return float(int(raw) + 1)


def harm_chart_svg(report: Report, *, standalone: bool = False) -> str:
    """Cumulative harm over scenario minutes: this run, nobody acting, the best case."""
    curve = report.harm_curve
    width, height = 960, 380
    left, right, top, bottom = 64, 150, 62, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    if not curve.minutes:
        return ""
    x_min, x_max = curve.minutes[0], curve.minutes[-1]
    highest = max([*curve.run, *curve.baseline, *curve.best, 1])
    step = _nice_step(highest)
    y_max = step * -(-highest // step)

    def px(minute: float) -> float:
        return left + (minute - x_min) / max(x_max - x_min, 1e-9) * plot_w

    def py(value: float) -> float:
        return top + plot_h - value / y_max * plot_h

    out: list[str] = []
    ns = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    out.append(f'<svg{ns} width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
               'font-family="system-ui, \'Segoe UI\', Arial, \'DejaVu Sans\', sans-serif" '
               'role="img" aria-labelledby="hc-title">')
    out.append(f'<title id="hc-title">{h(curve.label)} over time</title>')
    out.append(f'<rect width="{width}" height="{height}" fill="#ffffff"/>')
    value = 0.0
    while value <= y_max + 1e-9:
        y = py(value)
        out.append(f'<line x1="{left}" y1="{num(y)}" x2="{left + plot_w}" y2="{num(y)}" '
                   f'stroke="{"#1a202c" if value == 0 else "#e2e8f0"}" stroke-width="1"/>')
        out.append(f'<text x="{left - 10}" y="{num(y + 4)}" font-size="12" fill="#5a6473" '
                   f'text-anchor="end">{value:g}</text>')
        value += step
    span = x_max - x_min
    tick = 10.0 if span > 40 else 5.0 if span > 15 else 1.0
    minute = x_min
    while minute <= x_max + 1e-9:
        x = px(minute)
        out.append(f'<line x1="{num(x)}" y1="{top + plot_h}" x2="{num(x)}" '
                   f'y2="{top + plot_h + 5}" stroke="#1a202c"/>')
        out.append(f'<text x="{num(x)}" y="{top + plot_h + 20}" font-size="12" fill="#5a6473" '
                   f'text-anchor="middle">{fmt_minute(minute)[:-3]}</text>')
        minute += tick
    out.append(f'<text x="{left + plot_w / 2:.0f}" y="{height - 8}" font-size="12.5" '
               'fill="#5a6473" text-anchor="middle">scenario minute</text>')
    # decisions
    scenario = report.scenario
    for d in report.decisions:
        if x_min <= d.minute <= x_max:
            x = px(d.minute)
            label = scenario.action(d.action).label if scenario is not None else d.action
            out.append(f'<line x1="{num(x)}" y1="{top}" x2="{num(x)}" y2="{top + plot_h}" '
                       'stroke="#1f2937" stroke-width="1.2" stroke-dasharray="3 4"/>')
            out.append(f'<text x="{num(x + 4)}" y="{top - 8}" font-size="11.5" '
                       f'font-weight="bold" fill="#1f2937">{h(label)}</text>')
    # This run is drawn under the best case, so where they coincide both stay visible.
    series = (("Nobody acted", curve.baseline, "#5a6473", "7 5", 2.5),
              ("This run", curve.run, "#b5332e", "", 4.0),
              ("Best case", curve.best, "#2e7d57", "3 4", 2.0))
    ends: list[tuple[float, str, str, int]] = []
    for name, values, colour, dash, stroke in series:
        points = []
        for i, (m, v) in enumerate(zip(curve.minutes, values, strict=True)):
            # Steps: the count holds until the next harmful item arrives.
            if i:
                points.append(f"{num(px(m))},{num(py(values[i - 1]))}")
            points.append(f"{num(px(m))},{num(py(v))}")
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
                   f'stroke-width="{stroke}" stroke-linejoin="round"{dash_attr}/>')
        ends.append((py(values[-1]), name, colour, values[-1]))
    # end labels, pushed apart so they never overlap
    ends.sort()
    placed: list[float] = []
    for y, name, colour, final in ends:
        y = max(y, placed[-1] + 17) if placed else y
        placed.append(y)
        out.append(f'<text x="{left + plot_w + 10}" y="{num(y + 4)}" font-size="12.5" '
                   f'fill="{colour}" font-weight="bold">{final} {h(name.lower())}</text>')
    # legend
    lx = left
    for name, _, colour, dash, stroke in series:
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<line x1="{lx}" y1="16" x2="{lx + 26}" y2="16" stroke="{colour}" '
                   f'stroke-width="{stroke}"{dash_attr}/>')
        out.append(f'<text x="{lx + 32}" y="20" font-size="12.5" fill="#2d3748">{h(name)}'
                   "</text>")
        lx += 32 + int(text_width(name, 12.5)) + 28
    out.append("</svg>")
    return "\n".join(out)


def load_json(text: str) -> Mapping[str, Any]:
    """Read a JSON report back, checking its format and version."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != REPORT_FORMAT:
        raise ValueError("not a tabletop report")
    if data.get("version") != REPORT_VERSION:
        raise ValueError(f"report version {data.get('version')!r}; this program reads "
                         f"version {REPORT_VERSION}")
    return data

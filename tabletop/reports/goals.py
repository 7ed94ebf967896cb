"""Analysis of learning goals: which score card criteria evidence each goal, and what they say.

Each goal is matched to criteria from words in its text (docs/report-format.md, "How the
analysis is made"), so no scenario needs a mapping of its own. Under each goal, a criterion at
full marks is a strength, one below full an area for improvement, each with the score card's
why; goals about the next cycle are judged by the debrief.
"""

from __future__ import annotations

import re

from tabletop.base.record import record
from tabletop.base.words import count, out_of
from tabletop.exercise.engine import Exercise
from tabletop.journal.events import COMMITMENT_KINDS, Debrief
from tabletop.scenario.model import Scenario
from tabletop.scenario.rubric import Criterion
from tabletop.scoring.rubric import ScoreCard


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
            text = f"{line.title} ({out_of(line.points, line.max)}): {line.why}"
            # Any point short of full is something to improve, and the why says what.
            (strengths if line.points >= line.max else improvements).append(text)
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
        strengths.append(f"{count(len(complete), 'improvement action')} with an owner and a "
                         "due date.")
    if not rows:
        improvements.append("No improvement action was recorded in the debrief.")
    elif len(complete) < len(rows):
        missing = len(rows) - len(complete)
        improvements.append(f"{count(missing, 'improvement action')} without an owner or a "
                            "due date.")
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

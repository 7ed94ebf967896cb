"""Analysis of learning goals: which score card criteria evidence each goal, and what they say.

Each goal is analysed on the criteria the scenario says evidence it (`Criterion.goals`) and,
for the goals the scenario gives the debrief (`Scenario.debrief_goals`), on the debrief
(docs/report-format.md, "How the analysis is made"). Under each goal, a criterion at full
marks is a strength, one below full an area for improvement, each with the score card's why.
"""

from __future__ import annotations

from tabletop.base.record import record
from tabletop.base.words import count, out_of
from tabletop.exercise.engine import Exercise
from tabletop.journal.events import COMMITMENT_KINDS, Debrief
from tabletop.scenario.model import Scenario
from tabletop.scenario.rubric import Criterion
from tabletop.scoring.ratings import GOAL, SHARES, Capability
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
    capability: Capability | None = None
    """HSEEP's capability rating the machine suggests from the criteria's share of their
    maximum (`suggested_capability`); None for a goal judged by the debrief alone."""
    facilitator_capability: Capability | None = None
    """The facilitator's own rating of the goal, once one is given (None: the report leaves
    a space to write it in)."""


def criteria_for_goal(scenario: Scenario, goal: int) -> list[Criterion]:
    """The score card criteria that evidence learning goal `goal` (numbered from 1): those
    that name it (`Criterion.goals`), in score card order."""
    return [c for c in scenario.rubric.criteria if goal in c.goals]


def analyse_goals(exercise: Exercise, card: ScoreCard,
                  debrief: Debrief) -> tuple[GoalAnalysis, ...]:
    """Strengths and areas for improvement per learning goal, from the score card criteria
    that evidence each goal and, for goals about the next cycle, the debrief; the
    facilitator's rating of a goal where one was given (`ratings.GOAL`)."""
    scenario = exercise.scenario
    lines = {line.id: line for line in card.criteria}
    out: list[GoalAnalysis] = []
    for number, goal in enumerate(scenario.learning_goals, start=1):
        criteria = [c for c in criteria_for_goal(scenario, number) if c.id in lines]
        strengths: list[str] = []
        improvements: list[str] = []
        for criterion in criteria:
            line = lines[criterion.id]
            text = f"{line.title} ({out_of(line.points, line.max)}): {line.why}"
            # Any point short of full is something to improve, and the why says what.
            (strengths if line.points >= line.max else improvements).append(text)
        if number in scenario.debrief_goals:
            more_strengths, more_improvements = _gates(exercise, debrief)
            strengths += more_strengths
            improvements += more_improvements
        points = round(sum(lines[c.id].points for c in criteria), 1)
        maximum = sum(lines[c.id].max for c in criteria)
        rated = debrief.ratings.get(f"{GOAL}{number}")
        out.append(GoalAnalysis(
            goal, tuple(c.id for c in criteria), points, maximum, tuple(strengths),
            tuple(improvements), suggested_capability(points, maximum) if criteria else None,
            rated.level if rated else None))
    return tuple(out)


def suggested_capability(points: float, maximum: float) -> Capability:
    """The rating whose share of the maximum (`ratings.SHARES`: P 100 %, S 70 %, M 40 %,
    U 0) is nearest the share earned: the scale the facilitator rates a criterion on, read
    backwards. A goal with no points to earn was performed without challenges."""
    share = points / maximum if maximum else 1.0
    return min(SHARES, key=lambda level: (abs(SHARES[level] - share), -SHARES[level]))


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

"""Score a run against the scenario's rubric.

Each criterion kind is one function from the run to (points, why): `scoring.criteria`, and the
statement's in `scoring.statement`. Decisions are judged on what could be known when they were
taken, never on what came later (`scoring.context`). A run that did more harm than nobody
acting scores no more than nobody acting (`scoring.cases`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from tabletop.base.record import memo, record
from tabletop.exercise.engine import Decision, Exercise
from tabletop.exercise.simulation import Harm, RolloutPlan
from tabletop.scenario.gate_design import GateDesign
from tabletop.scenario.rubric import Criterion
from tabletop.scoring import cases, criteria, evidence
from tabletop.scoring.context import Context, stage_actions
from tabletop.scoring.ratings import Rating, rated_why

CAP_ID = "nobody-acting-cap"
"""Id of the score card line that caps a run more harmful than nobody acting."""


@record
class CriterionScore:
    """One line of the score card."""

    id: str
    """Criterion id."""
    title: str
    """Heading."""
    points: float
    """Points earned, rounded to one decimal."""
    max: float
    """Maximum points."""
    why: str
    """One sentence saying why."""
    shared: bool = False
    """On a team's card in a workshop: the room's line (what the room did together, such as
    the statement), not the team's own."""
    rating: str = ""
    """The facilitator's HSEEP rating (P, S, M or U) when people rated this line; empty when
    the machine's reading stands."""


@record
class ScoreCard:
    """The whole score of a run."""

    criteria: tuple[CriterionScore, ...]
    """Each criterion's line, then the cap's line (`CAP_ID`, negative points, maximum 0) when
    the run did more harm than nobody acting."""
    total: float
    """Sum of points."""
    max: float
    """Sum of maxima."""
    grade: str
    """Grade band reached."""
    grade_label: str
    """What the grade means."""
    harm: Harm
    """Harm the team's run caused, deployment to the end."""
    baseline_harm: Harm
    """Harm had nobody acted."""
    best_harm: Harm
    """The least harm any allowed play achieves (`cases.best_plan`)."""

    @property
    def percent(self) -> float:
        """Total as a percentage of the maximum."""
        return self.share * 100.0

    @property
    def share(self) -> float:
        """Total as a share of the maximum (0 to 1), as `words.percent` writes it."""
        return self.total / self.max if self.max else 0.0


def score(exercise: Exercise, decisions: Sequence[Decision] | None = None,
          given: Mapping[str, CriterionScore] | None = None,
          ratings: Mapping[str, Rating] | None = None,
          design: GateDesign | None = None) -> ScoreCard:
    """Score the exercise.

    `decisions` defaults to the decisions applied to the run. `given` lines are taken as they
    are for their criteria (a team's card shares the room's statement lines). `ratings` are
    the facilitator's, by criterion id (`scoring.ratings`); the cap then weighs the whole card.
    `design` is the team's release gate design: a `gates` criterion is on the card only once
    the team has one.
    """
    scenario = exercise.scenario
    context = Context(exercise, exercise.decisions if decisions is None else decisions)
    context.design = design
    lines = [given[line.id] if given and line.id in given else _rated(line, ratings)
             for line in _uncapped(context, set(given or ()))]
    cap = _cap(exercise, sum(line.points for line in lines))
    if cap is not None:
        lines.append(cap)
    total = _total(lines)
    maximum = sum(line.max for line in lines)
    percent = total / maximum * 100 if maximum else 0.0
    band = next((b for b in scenario.rubric.grades if percent >= b.min_percent),
                scenario.rubric.grades[-1])
    return ScoreCard(tuple(lines), total, maximum, band.grade, band.label, context.harm,
                     context.baseline_harm, context.best_harm)


def _uncapped(context: Context, skipped: set[str] | None = None) -> list[CriterionScore]:
    """Each criterion's line, before any cap (a placeholder for the `skipped`, given ones);
    a `gates` criterion only when the team has a design."""
    return [CriterionScore(c.id, c.title, 0.0, c.max, "") if skipped and c.id in skipped
            else _line(c, context) for c in context.scenario.rubric.criteria
            if c.kind != "gates" or context.design is not None]


def _rated(line: CriterionScore, ratings: Mapping[str, Rating] | None) -> CriterionScore:
    """The line as the facilitator rated it, if they did."""
    rating = ratings.get(line.id) if ratings else None
    if rating is None:
        return line
    points, why = rated_why(line.points, line.max, line.why, rating)
    return replace(line, points=points, why=why, rating=rating.level)


def _total(lines: Sequence[CriterionScore]) -> float:
    return round(sum(line.points for line in lines), 1)


def _line(criterion: Criterion, context: Context) -> CriterionScore:
    actions = stage_actions(criterion) if criterion.kind == "decision" \
        else set(criterion.actions)
    moot = context.not_needed(criterion, actions)
    if moot:
        return CriterionScore(criterion.id, criterion.title, criterion.max, criterion.max, moot)
    points, why = _KINDS[criterion.kind](criterion, context)
    points = round(min(criterion.max, max(0.0, points)), 1)
    return CriterionScore(criterion.id, criterion.title, points, criterion.max, why)


def _cap(exercise: Exercise, total: float) -> CriterionScore | None:
    """The line that brings a run more harmful than nobody acting down below nobody's total,
    in proportion to the harm: nobody's total times nobody's weighted harm over the run's, so
    among such runs more harm never scores higher, and none reaches nobody acting."""
    if not cases.worse_than_nobody(exercise):
        return None
    found = cases.of_run(exercise)
    run, base = found.weighted(exercise.plan()), found.weighted(RolloutPlan())
    nobody = nobody_total(exercise)
    ceiling = round(nobody * base / run, 1) if run > 0 else 0.0
    if total <= ceiling:
        return None
    return CriterionScore(
        CAP_ID, "Capped: more harm than nobody acting", round(ceiling - total, 1), 0.0,
        f"This run did more harm than nobody acting would have ({run:g} weighted against "
        f"{base:g}), so it scores no more than nobody acting ({nobody:g}) in that proportion: "
        f"{ceiling:g}.")


def nobody_total(exercise: Exercise) -> float:
    """The total nobody acting scores with the run's scenario (as drawn) and seed, found once
    per scenario and seed. Its uncapped total: no run is more harmful than itself, so nobody
    acting is never capped."""
    kept = memo(exercise.scenario)
    key = (nobody_total, exercise.seed)
    if key not in kept:
        nobody = cases.of_run(exercise).nobody
        kept[key] = _total(_uncapped(Context(nobody, nobody.decisions)))
    total: float = kept[key]
    return total


def _gates(criterion: Criterion, ctx: Context) -> tuple[float, str]:
    # The team's gates replayed on the run; the rules are that module's.
    from tabletop.scoring.gates import gates_points

    assert ctx.design is not None  # `_uncapped` leaves the criterion off without a design
    return gates_points(criterion, ctx.exercise, ctx.design)


def _statement(criterion: Criterion, ctx: Context) -> tuple[float, str]:
    # The statement is judged on its facts against the run; the rules are that module's.
    from tabletop.scoring.statement import score_statement

    return score_statement(criterion, ctx.exercise)


def feedback(exercise: Exercise, decision: Decision) -> tuple[CriterionScore, ...]:
    """How the rubric judges one decision on its own, for feedback right after it is taken.

    Only the criteria that judge a decision by itself (its quality at the stage it was taken,
    the evidence cited, the checks demanded) apply; harm and timeliness need the whole run.
    """
    context = Context(exercise, [decision])
    lines = []
    for criterion in exercise.scenario.rubric.criteria:
        judged = (criterion.kind == "decision"
                  and context.judged_as(decision) in stage_actions(criterion)) \
            or (criterion.kind == "evidence"
                and (not criterion.actions or decision.action in criterion.actions)) \
            or (criterion.kind == "checks" and bool(decision.checks))
        if judged:
            lines.append(_line(criterion, context))
    return tuple(lines)


_KINDS: dict[str, Callable[[Criterion, Context], tuple[float, str]]] = {
    "decision": criteria.decision, "evidence": evidence.evidence,
    "timeliness": criteria.timeliness, "harm": criteria.harm, "statement": _statement,
    "order": criteria.order, "completeness": criteria.completeness, "checks": criteria.checks,
    "gates": _gates,
}

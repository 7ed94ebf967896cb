"""Score a run against the scenario's rubric.

Each criterion kind is one function from the exercise to (points, why). Decisions are judged on
the evidence revealed when they were taken, never on what came later.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tabletop.exercise.clock import fmt_minute
from tabletop.exercise.engine import Decision, Exercise
from tabletop.exercise.simulation import Harm, RolloutPlan
from tabletop.scenario.record import record
from tabletop.scenario.rubric import Criterion, Outcome


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


@record
class ScoreCard:
    """The whole score of a run."""

    criteria: tuple[CriterionScore, ...]
    """Each criterion's line."""
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
    """Harm under the rubric's best achievable line."""

    @property
    def percent(self) -> float:
        """Total as a percentage of the maximum."""
        return self.total / self.max * 100.0 if self.max else 0.0


def score(exercise: Exercise, decisions: Sequence[Decision] | None = None) -> ScoreCard:
    """Score the exercise.

    `decisions` defaults to the decisions applied to the run; in workshop mode pass one team's
    votes to score that team on its own choices (harm and statements stay the room's).
    """
    scenario = exercise.scenario
    context = _Context(exercise, exercise.decisions if decisions is None else decisions)
    lines = []
    for criterion in scenario.rubric.criteria:
        points, why = _KINDS[criterion.kind](criterion, context)
        points = round(min(criterion.max, max(0.0, points)), 1)
        lines.append(CriterionScore(criterion.id, criterion.title, points, criterion.max, why))
    total = round(sum(line.points for line in lines), 1)
    maximum = sum(line.max for line in lines)
    percent = total / maximum * 100 if maximum else 0.0
    band = next((b for b in scenario.rubric.grades if percent >= b.min_percent),
                scenario.rubric.grades[-1])
    return ScoreCard(tuple(lines), total, maximum, band.grade, band.label, context.harm,
                     context.baseline_harm, context.best_harm)


class _Context:
    """What the criteria need, computed once per scoring."""

    def __init__(self, exercise: Exercise, decisions: Sequence[Decision]) -> None:
        self.exercise = exercise
        self.scenario = exercise.scenario
        self.decisions = list(decisions)
        self.harm = exercise.harm_for(exercise.plan())
        self.baseline_harm = exercise.harm_for(RolloutPlan())
        self.best_harm = exercise.harm_for(exercise.reference_plan())

    def fired_minute(self, inject_id: str) -> float | None:
        return next((f.minute for f in self.exercise.fired if f.inject.id == inject_id), None)

    def stage_outcome(self, criterion: Criterion, decision: Decision) -> Outcome | None:
        """The outcome of a decision under the latest stage revealed when it was taken."""
        revealed: list[tuple[float, int]] = []
        for index, stage in enumerate(criterion.stages):
            fired = self.fired_minute(stage.after)
            if fired is not None and fired <= decision.minute:
                revealed.append((fired, index))
        if not revealed:
            return None
        stage = criterion.stages[max(revealed)[1]]
        return stage.outcomes.get(decision.action)


def _decision(criterion: Criterion, ctx: _Context) -> tuple[float, str]:
    judged = [d for d in ctx.decisions if d.action in _stage_actions(criterion)]
    if not judged:
        none = criterion.none or Outcome(0.0, "No decision was taken.")
        return none.points, none.why
    points, reasons = [], []
    for decision in judged:
        outcome = ctx.stage_outcome(criterion, decision) or Outcome(
            0.0, "Not a sound option on the evidence available then.")
        points.append(outcome.points)
        label = ctx.scenario.action(decision.action).label
        reasons.append(f"{label} at {fmt_minute(decision.minute)}: {outcome.why}")
    return sum(points) / len(points), " ".join(reasons)


def _stage_actions(criterion: Criterion) -> set[str]:
    named = set(criterion.actions)
    return named or {a for stage in criterion.stages for a in stage.outcomes}


def _evidence(criterion: Criterion, ctx: _Context) -> tuple[float, str]:
    judged = [d for d in ctx.decisions if not criterion.actions or d.action in criterion.actions]
    if not judged:
        return 0.0, "No decisions to justify."
    none = criterion.none or Outcome(0.0, "No evidence was cited.")
    shares, notes = [], []
    strong = set(criterion.strong_tags)
    for decision in judged:
        items = [ctx.scenario.evidence(e) for e in decision.cited]
        tags = {e.tag for e in items if not e.red_herring}
        herrings = [e for e in items if e.red_herring or e.tag in criterion.trap_tags]
        label = ctx.scenario.action(decision.action).label
        trap_applies = not criterion.trap_actions or decision.action in criterion.trap_actions
        if not items:
            shares.append(none.points / criterion.max)
            notes.append(f"{label}: {none.why}")
        elif trap_applies and len(herrings) == len(items):
            shares.append(0.0)
            notes.append(f"{label}: cited only "
                         f"{', '.join(sorted({e.tag for e in herrings}))} signals, the trap: "
                         f"{criterion.trap_why.rstrip('.')}.")
        elif strong and strong <= tags:
            shares.append(1.0)
            notes.append(f"{label}: cited {' and '.join(sorted(strong))} evidence together.")
        elif tags & strong:
            shares.append(0.6)
            missing = " and ".join(sorted(strong - tags))
            notes.append(f"{label}: cited {', '.join(sorted(tags & strong))} evidence but "
                         f"no {missing} evidence.")
        else:
            shares.append(0.4)
            notes.append(f"{label}: cited evidence, but none of it "
                         f"{' or '.join(sorted(strong))}.")
    return criterion.max * sum(shares) / len(shares), " ".join(notes)


def _timeliness(criterion: Criterion, ctx: _Context) -> tuple[float, str]:
    start = ctx.fired_minute(criterion.after)
    taken = [d for d in ctx.decisions if d.action in criterion.actions]
    if not taken:
        return 0.0, "The expected action was never taken."
    first = min(taken, key=lambda d: d.minute)
    label = ctx.scenario.action(first.action).label
    # Acting before the signals arrive (or when they never came) is as timely as it gets.
    if start is None or first.minute <= start + criterion.window_minutes:
        return criterion.max, (f"{label} at {fmt_minute(first.minute)}, within "
                               f"{criterion.window_minutes:g} minutes of the first signals.")
    end = ctx.scenario.end_minute
    late = (first.minute - start - criterion.window_minutes) / max(
        end - start - criterion.window_minutes, 1e-9)
    share = 1.0 - (1.0 - criterion.late_floor) * min(1.0, late)
    delay = first.minute - start
    return criterion.max * share, (f"{label} at {fmt_minute(first.minute)}, {delay:.0f} "
                                   f"minutes after the first signals; late, partial credit.")


def _harm(criterion: Criterion, ctx: _Context) -> tuple[float, str]:
    weights = criterion.weights or {"critical_misrouted": 1.0}
    team = ctx.harm.weighted(weights)
    base = ctx.baseline_harm.weighted(weights)
    best = ctx.best_harm.weighted(weights)
    labels = ctx.scenario.harm_labels
    counters = [name for name in weights]
    text = "; ".join(f"{getattr(labels, n)}: {getattr(ctx.harm, n)} "
                     f"(nobody acting {getattr(ctx.baseline_harm, n)}, best "
                     f"{getattr(ctx.best_harm, n)})" for n in counters)
    if base <= best:
        if team > base:
            return 0.0, f"Harm worse than doing nothing: {text}."
        return criterion.max, f"Nothing could be prevented: {text}."
    share = (base - team) / (base - best)
    verdict = ("Harm held to the best achievable line" if share >= 0.95 else
               "Harm worse than doing nothing" if share < 0 else
               f"Prevented {share:.0%} of the preventable harm")
    return criterion.max * share, f"{verdict}: {text}."


def _statement(criterion: Criterion, ctx: _Context) -> tuple[float, str]:
    # The statement is judged on its facts against the run; the rules are that module's.
    from tabletop.scoring.statement import score_statement

    return score_statement(criterion, ctx.exercise)


def _order(criterion: Criterion, ctx: _Context) -> tuple[float, str]:
    firsts: list[float | None] = []
    for group in criterion.sequence:
        minutes = [d.minute for d in ctx.decisions if d.action in group]
        minutes += [s.minute for s in ctx.exercise.statements if s.request in group]
        firsts.append(min(minutes) if minutes else None)
    pairs = list(zip(firsts, firsts[1:], strict=False))
    good = sum(1 for a, b in pairs if a is not None and b is not None and a <= b)
    names = [" / ".join(_step_label(ctx, step) for step in g) for g in criterion.sequence]
    if not pairs:
        return criterion.max, "Nothing to order."
    broken = [f"{names[i + 1]} before {names[i]}" for i, (a, b) in enumerate(pairs)
              if a is not None and b is not None and a > b]
    missing = [names[i] for i, m in enumerate(firsts) if m is None]
    why = f"{good} of {len(pairs)} steps in {_runbook(ctx)}order"
    if broken:
        why += f"; {', '.join(broken)}"
    if missing:
        why += f"; never done: {', '.join(missing)}"
    return criterion.max * good / len(pairs), why + "."


def _runbook(ctx: _Context) -> str:
    """'runbook ' where the scenario has one to name, else nothing."""
    return "runbook " if ctx.scenario.runbook else ""


def _step_label(ctx: _Context, step: str) -> str:
    if any(a.id == step for a in ctx.scenario.actions):
        return ctx.scenario.action(step).label
    return ctx.scenario.statement_request(step).title


def _completeness(criterion: Criterion, ctx: _Context) -> tuple[float, str]:
    taken = {d.action for d in ctx.decisions}
    done = [a for a in criterion.actions if a in taken]
    missing = [ctx.scenario.action(a).label for a in criterion.actions if a not in taken]
    why = f"{len(done)} of {len(criterion.actions)} {_runbook(ctx)}steps done"
    if missing:
        why += f"; missing: {', '.join(missing)}"
    return criterion.max * len(done) / len(criterion.actions), why + "."


def feedback(exercise: Exercise, decision: Decision) -> tuple[CriterionScore, ...]:
    """How the rubric judges one decision on its own, for feedback right after it is taken.

    Only the criteria that judge a decision by itself (its quality at the stage it was taken,
    the evidence cited) apply; harm and timeliness need the whole run.
    """
    context = _FeedbackContext(exercise, decision)
    lines = []
    for criterion in exercise.scenario.rubric.criteria:
        judged = (criterion.kind == "decision" and decision.action in _stage_actions(criterion)) \
            or (criterion.kind == "evidence"
                and (not criterion.actions or decision.action in criterion.actions))
        if judged:
            points, why = _KINDS[criterion.kind](criterion, context)
            points = round(min(criterion.max, max(0.0, points)), 1)
            lines.append(CriterionScore(criterion.id, criterion.title, points, criterion.max,
                                        why))
    return tuple(lines)


class _FeedbackContext(_Context):
    """A context for one decision, without the counterfactual runs it does not need."""

    def __init__(self, exercise: Exercise, decision: Decision) -> None:
        self.exercise = exercise
        self.scenario = exercise.scenario
        self.decisions = [decision]


_KINDS: dict[str, Callable[[Criterion, _Context], tuple[float, str]]] = {
    "decision": _decision, "evidence": _evidence, "timeliness": _timeliness, "harm": _harm,
    "statement": _statement, "order": _order, "completeness": _completeness,
}

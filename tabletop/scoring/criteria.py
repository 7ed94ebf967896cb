"""One function per criterion kind, from the run to (points, why).

Decisions are judged on what the team could know when it took them: the stage revealed by then,
the evidence it could have cited then. A decision that no longer changed the run (a second
rollback) is neither judged nor scored down.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection

from tabletop.base.words import fmt_minute, percent
from tabletop.exercise.engine import Decision
from tabletop.exercise.simulation import RolloutPlan
from tabletop.scenario.rubric import Criterion, Outcome
from tabletop.scoring.context import Context, stage_actions


def decision(criterion: Criterion, ctx: Context) -> tuple[float, str]:
    """Mean of the outcomes of the judged decisions, each under the stage revealed when it was
    taken; decisions that no longer changed the run are named and left out."""
    actions = stage_actions(criterion)
    judged = [d for d in ctx.decisions if ctx.judged_as(d) in actions or d.action in actions]
    applied = [d for d in judged if not ctx.moot(d)] + ctx.approvals_after_checks(criterion)
    moot_notes = [f"{_label(ctx, d)} at {fmt_minute(d.minute)} not judged: {ctx.moot(d)}."
                  for d in judged if ctx.moot(d)]
    if not applied and moot_notes:
        return criterion.max, " ".join(moot_notes)  # not scored down
    if not applied:
        none = criterion.none or Outcome(0.0, "No decision was taken.")
        return none.points, none.why
    points, reasons = [], []
    for taken in applied:
        outcome = ctx.stage_outcome(criterion, taken) or Outcome(
            0.0, "Not a sound option on the evidence available then.")
        points.append(outcome.points)
        reasons.append(f"{_label(ctx, taken)} at {fmt_minute(taken.minute)}: {outcome.why}")
    return sum(points) / len(points), " ".join([*reasons, *moot_notes])


def _label(ctx: Context, taken: Decision) -> str:
    label = ctx.scenario.action(taken.action).label
    judged = ctx.judged_as(taken)
    if judged != taken.action:
        ticked = "no check that could find the problem" if taken.checks else "no check"
        label += f" ({ticked} ticked: judged as {ctx.scenario.action(judged).label})"
    elif taken not in ctx.decisions:
        label += " (the release went ahead after the checks reported)"
    return label


def checks(criterion: Criterion, ctx: Context) -> tuple[float, str]:
    """Sum of what each demanded check earns: checks that would find the problem earn, checks
    that could not cost."""
    demanded = list(dict.fromkeys(c for d in ctx.decisions for c in d.checks))
    labels = {c.id: c.label for p in ctx.scenario.decisions for c in p.checks}
    if not demanded:
        none = criterion.none or Outcome(0.0, "No pre-release check was demanded.")
        return none.points, none.why
    points, notes = 0.0, []
    for check in demanded:
        outcome = criterion.checks.get(check)
        if outcome is not None:
            points += outcome.points
            notes.append(f"{labels.get(check, check)} ({outcome.points:+g}): {outcome.why}")
    missed = [labels.get(c, c) for c, o in criterion.checks.items()
              if o.points > 0 and c not in demanded]
    why = " ".join(notes) or "None of the checks demanded bears on this."
    if missed:
        why += f" Not demanded: {'; '.join(missed)}."
    return points, why


def timeliness(criterion: Criterion, ctx: Context) -> tuple[float, str]:
    """Full within the window after the first signals (or before them), then decaying to the
    floor by the end."""
    start = ctx.fired_minute(criterion.after)
    taken = [d for d in ctx.decisions if d.action in criterion.actions]
    if not taken:
        return 0.0, "The expected action was never taken."
    first = min(taken, key=lambda d: d.minute)
    label = ctx.scenario.action(first.action).label
    # Other steps once the signals came, before stabilising (diagnosis first), cost the share
    # of the harm they let through.
    lost, cost = _let_through(criterion.actions, ctx, first.minute, since=start) \
        if start is not None else (0.0, "")
    # Acting before the signals arrive (or when they never came) is as timely as it gets.
    if start is None or first.minute <= start + criterion.window_minutes:
        return criterion.max * (1 - lost), (
            f"{label} at {fmt_minute(first.minute)}, within {criterion.window_minutes:g} "
            f"minutes of the first signals{cost}.")
    end = ctx.scenario.end_minute
    late = (first.minute - start - criterion.window_minutes) / max(
        end - start - criterion.window_minutes, 1e-9)
    share = 1.0 - (1.0 - criterion.late_floor) * min(1.0, late)
    delay = first.minute - start
    return criterion.max * share * (1 - lost), (
        f"{label} at {fmt_minute(first.minute)}, {delay:.0f} minutes after the first signals; "
        f"late, partial credit{cost}.")


def harm(criterion: Criterion, ctx: Context) -> tuple[float, str]:
    """Share of the preventable harm (nobody acting minus the best case) prevented."""
    weights = criterion.harm_weights
    team = ctx.harm.weighted(weights)
    base = ctx.baseline_harm.weighted(weights)
    best = ctx.best_harm.weighted(weights)
    label = ctx.scenario.harm_label
    text = "; ".join(f"{label(n)}: {ctx.harm.count(n)} "
                     f"(nobody acting {ctx.baseline_harm.count(n)}, best case "
                     f"{ctx.best_harm.count(n)})" for n in weights)
    if base <= best:
        if team > base:
            return 0.0, f"Harm worse than doing nothing: {text}."
        return criterion.max, f"Nothing could be prevented: {text}."
    share = (base - team) / (base - best)
    verdict = ("Harm held to the best case" if share >= 0.95 else
               "Harm worse than doing nothing" if share < 0 else
               f"Prevented {percent(share)} of the preventable harm")
    return criterion.max * share, f"{verdict}: {text}."


def order(criterion: Criterion, ctx: Context) -> tuple[float, str]:
    """Share of consecutive steps done in order, less the share of the harm let through while
    other steps came before the first (diagnosing before stabilising); a step whose premise
    had not come first does not count."""
    counted = [d for d in ctx.decisions if ctx.counts_as_step(d)]
    firsts: list[float | None] = []
    for group in criterion.sequence:
        minutes = [d.minute for d in counted if d.action in group]
        minutes += [s.minute for s in ctx.exercise.statements if s.request in group]
        firsts.append(min(minutes) if minutes else None)
    pairs = list(itertools.pairwise(firsts))
    if not pairs:
        return criterion.max, "Nothing to order."
    good = sum(1 for a, b in pairs if a is not None and b is not None and a <= b)
    names = [" / ".join(_step_label(ctx, step) for step in g) for g in criterion.sequence]
    broken = [f"{names[i + 1]} before {names[i]}" for i, (a, b) in enumerate(pairs)
              if a is not None and b is not None and a > b]
    missing = [names[i] for i, m in enumerate(firsts) if m is None]
    why = f"{good} of {len(pairs)} steps in {_runbook(ctx)}order"
    if broken:
        why += f"; {', '.join(broken)}"
    if missing:
        why += f"; never done: {', '.join(missing)}"
    share, cost = _let_through(criterion.sequence[0], ctx, firsts[0])
    return criterion.max * good / len(pairs) * (1 - share), why + cost + "."


def _let_through(stabilising: Collection[str], ctx: Context, first: float | None,
                 since: float | None = None) -> tuple[float, str]:
    """The share of the harm nobody acting would have done from the first other step taken
    before the first stabilising one (from `since` on, when given) that the run let through
    until it came, and its note."""
    early = [d for d in ctx.decisions if d.action not in stabilising
             and (first is None or d.minute < first) and (since is None or d.minute >= since)]
    if first is None or not early:
        return 0.0, ""
    since = min(d.minute for d in early)
    weights = ctx.scenario.rubric.harm_weights
    simulation = ctx.exercise.simulation
    run = simulation.harm_between(ctx.exercise.plan(), since, first).weighted(weights)
    nobody = simulation.harm_between(RolloutPlan(), since, ctx.scenario.end_minute)
    share = min(1.0, run / nobody.weighted(weights)) if nobody.weighted(weights) else 0.0
    if share <= 0:
        return 0.0, ""
    label = ctx.scenario.action(min(early, key=lambda d: d.minute).action).label
    halted = ctx.scenario.action(next(d.action for d in ctx.decisions if d.minute == first
                                      and d.action in stabilising)).label
    return share, (f"; {label} at {fmt_minute(since)} came before {halted}, and by then the "
                   f"run had done {percent(share)} of the harm nobody acting would have done "
                   "from that minute on: that share is lost")


def _runbook(ctx: Context) -> str:
    """'runbook ' where the scenario has one to name, else nothing."""
    return "runbook " if ctx.scenario.runbook else ""


def _step_label(ctx: Context, step: str) -> str:
    if any(a.id == step for a in ctx.scenario.actions):
        return ctx.scenario.action(step).label
    return ctx.scenario.statement_request(step).title


def completeness(criterion: Criterion, ctx: Context) -> tuple[float, str]:
    """Share of the listed actions done."""
    taken = {d.action for d in ctx.decisions if ctx.counts_as_step(d)}
    early = {d.action for d in ctx.decisions} - taken
    done = [a for a in criterion.actions if a in taken]
    missing = [ctx.scenario.action(a).label for a in criterion.actions
               if a not in taken and a not in early]
    why = f"{len(done)} of {len(criterion.actions)} {_runbook(ctx)}steps done"
    if missing:
        why += f"; missing: {', '.join(missing)}"
    premature = [ctx.scenario.action(a).label for a in criterion.actions if a in early]
    if premature:
        why += f"; not counted, taken before what they need: {', '.join(premature)}"
    return criterion.max * len(done) / len(criterion.actions), why + "."

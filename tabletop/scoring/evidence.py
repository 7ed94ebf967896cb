"""The evidence criterion: what the evidence a team cited means for the choice it made.

Each decision is read against its decision point's `Reading` (what supports which option,
what is a red herring), or, where the scenario declares none, against the criterion's tags
(`strong_tags` support every option; red herrings and, for `trap_actions`, `trap_tags` are
herrings). Citing what supports the choice earns, across the kinds of supporting evidence
revealed by then; each red herring or contrary item cited as support costs; the why quotes
only what the team cited.
"""

from __future__ import annotations

from collections.abc import Iterable

from tabletop.base.words import fmt_minute
from tabletop.exercise.engine import Decision
from tabletop.scenario.model import DecisionPoint, Evidence, Reading
from tabletop.scenario.rubric import Criterion, Outcome
from tabletop.scoring.context import Context

PARTIAL = 0.6
"""Share earned by supporting evidence that misses a kind revealed by then (say, technical
evidence alone when service-quality evidence supported the choice too)."""
UNRELATED = 0.4
"""Share earned by evidence that neither supports nor contradicts the choice."""
COST = 0.3
"""Share lost for each red herring or contrary item cited as support."""
_QUOTED = 48
"""Characters of an evidence item's text the why quotes."""


def evidence(criterion: Criterion, ctx: Context) -> tuple[float, str]:
    """Per applied decision its share, the mean; decisions that no longer changed the run are
    named and not scored down."""
    considered = [d for d in ctx.decisions
                  if not criterion.actions or d.action in criterion.actions]
    judged = [d for d in considered if not ctx.moot(d)]
    if not judged and considered:
        return criterion.max, " ".join(
            f"{_label(ctx, d)} not judged: {ctx.moot(d)}." for d in considered)
    if not judged:
        return 0.0, "No decisions to justify."
    shares, notes = [], []
    for taken in judged:
        share, note = cited_share(criterion, ctx, taken)
        shares.append(share)
        notes.append(f"{_label(ctx, taken)}: {note}")
    return criterion.max * sum(shares) / len(shares), " ".join(notes)


def cited_share(criterion: Criterion, ctx: Context, taken: Decision) -> tuple[float, str]:
    """One decision's share of the evidence criterion (0 to 1), and why."""
    if not taken.cited:
        none = criterion.none or Outcome(0.0, "No evidence was cited.")
        return none.points / criterion.max, none.why
    shown = {e.id: e for f in ctx.revealed_before(taken) for e in f.evidence}
    reading = _reading(criterion, ctx, taken, shown.values())
    support = set(reading.supports.get(taken.action, ()))
    others = {e for option, ids in reading.supports.items() if option != taken.action
              for e in ids} - support
    cited = [shown[c] for c in dict.fromkeys(taken.cited) if c in shown]
    good = [e for e in cited if e.id in support]
    herrings = [e for e in cited if e.id not in support
                and (e.id in reading.red_herrings or e.red_herring)]
    contrary = [e for e in cited if e.id in others and e not in herrings]
    base, note = _base(criterion, good, [shown[e] for e in support if e in shown],
                       unrelated=len(cited) > len(good) + len(herrings) + len(contrary))
    costs = []
    if herrings:
        trap = any(e.tag in criterion.trap_tags for e in herrings)
        costs.append(f"{_quotes(herrings)} {_is(herrings)} "
                     + (f"the trap: {criterion.trap_why.rstrip('.')}" if trap
                        else "beside the point here"))
    if contrary:
        costs.append(f"{_quotes(contrary)} {'point' if len(contrary) > 1 else 'points'} "
                     "the other way")
    share = max(0.0, base - COST * (len(herrings) + len(contrary)))
    return share, "; ".join([note, *costs]) + "."


def _base(criterion: Criterion, good: list[Evidence], available: list[Evidence],
          unrelated: bool) -> tuple[float, str]:
    """The share the supporting evidence cited earns before costs, and what it says."""
    if not good:
        return (UNRELATED, "cited evidence that does not bear on this choice") if unrelated \
            else (0.0, "cited nothing that argues for this choice")
    kinds = {e.tag for e in available} & set(criterion.strong_tags or {e.tag for e in good})
    missing = sorted(kinds - {e.tag for e in good})
    note = f"cited {_quotes(good)} as grounds for it"
    if missing:
        return PARTIAL, f"{note}, but no {' or '.join(missing)} evidence, though some was there"
    return 1.0, note


def _reading(criterion: Criterion, ctx: Context, taken: Decision,
             shown: Iterable[Evidence]) -> Reading:
    """The reading of the decision point the decision answers, or one made from the tags."""
    point = _point(ctx, taken)
    if point is not None and point.evidence is not None:
        return point.evidence
    trap = not criterion.trap_actions or taken.action in criterion.trap_actions
    herrings = tuple(e.id for e in shown
                     if e.red_herring or (trap and e.tag in criterion.trap_tags))
    strong = set(criterion.strong_tags)
    support = tuple(e.id for e in shown if e.id not in herrings
                    and (not strong or e.tag in strong))
    return Reading({taken.action: support}, herrings)


def _point(ctx: Context, taken: Decision) -> DecisionPoint | None:
    """The decision point a decision answers: the latest asked by then that offers its
    action, else the first in the scenario that does (acting before being asked)."""
    asked = [f.inject.decision for f in ctx.revealed_before(taken) if f.inject.decision]
    points = [ctx.scenario.decision(p) for p in asked]
    offering = [p for p in points if taken.action in p.options]
    if offering:
        return offering[-1]
    return next((p for p in ctx.scenario.decisions if taken.action in p.options), None)


def _label(ctx: Context, taken: Decision) -> str:
    return f"{ctx.scenario.action(taken.action).label} at {fmt_minute(taken.minute)}"


def _quotes(items: list[Evidence]) -> str:
    quoted = [f"“{_cut(e.text)}”" for e in items]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"


def _cut(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= _QUOTED else words[:_QUOTED].rsplit(" ", 1)[0] + "…"


def _is(items: list[Evidence]) -> str:
    return "are" if len(items) > 1 else "is"

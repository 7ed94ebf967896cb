"""Harm: which counters a run shows against nobody acting and the best case, and over time.

`harm_rows` is the one rule for which harm rows to show (the report, the debrief screen and the
command line use it); `harm_curve` accumulates the chart's counter minute by minute; `harm_span`
says how much of it was counted in play and how much is projected past the end of play.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable, Sequence

from tabletop.base.record import record
from tabletop.base.words import fmt_minute
from tabletop.exercise.engine import Exercise
from tabletop.exercise.simulation import Harm, RolloutPlan, count_harm
from tabletop.scenario.rubric import HarmLabels
from tabletop.scoring.cases import best_plan
from tabletop.scoring.rubric import ScoreCard


@record
class HarmLine:
    """One harm counter: this run against nobody acting and the best case."""

    counter: str
    """Counter name (critical_misrouted, high_priority_missed, leaks, failed)."""
    label: str
    """The scenario's name for it."""
    run: int
    """Count in this run."""
    baseline: int
    """Count had nobody acted."""
    best: int
    """Count under the best case."""
    counted: int | None = None
    """Count in this run by the end of play, when play ended before the scenario's end (the
    rest of `run` is projected); None when the whole of `run` was played."""


@record
class HarmSpan:
    """Which part of the harm figures was counted in play and which is projected.

    Every figure runs from deployment to the scenario's end. When play stopped before the end,
    the run's harm after `played_to` is projected under the plan in force then; when it stopped
    before deployment, all of it is.
    """

    deploy: float
    """Deployment minute, where counting starts."""
    end: float
    """The scenario's end, where counting stops."""
    played_to: float
    """Minute play reached (ended or still in progress)."""

    @property
    def projected(self) -> bool:
        """Play stopped before the scenario's end: the run's later harm is a projection."""
        return self.played_to < self.end

    @property
    def before_deployment(self) -> bool:
        """Play stopped before deployment: no harm happened in play, all of it is projected."""
        return self.played_to < self.deploy


def harm_title(span: HarmSpan) -> str:
    """The harm table's title: deployment to end, or projected to end."""
    return "Harm, projected to end" if span.projected else "Harm, deployment to end"


def projection(span: HarmSpan) -> str:
    """Which harm figures are projected and from when, in a sentence; empty when play reached
    the scenario's end and every figure was counted."""
    deploy, end, played = (fmt_minute(m) for m in (span.deploy, span.end, span.played_to))
    if span.before_deployment:
        return (f"Play ended at {played}, before deployment at {deploy}: no harm happened in "
                f"play, and every figure is projected to the scenario's end ({end}) under the "
                "plan in force then.")
    if span.projected:
        return (f"Play stopped at {played}: the run's harm is counted to then and projected "
                f"after it to the scenario's end ({end}) under the plan in force then.")
    return ""


def harm_columns(span: HarmSpan) -> tuple[str, ...]:
    """The harm table's number columns: the run (counted, projected), nobody acted, best case."""
    if span.before_deployment:
        return ("This run (projected)", "Nobody acted", "Best case")
    if span.projected:
        return (f"This run, by {fmt_minute(span.played_to)}", "This run, projected to end",
                "Nobody acted", "Best case")
    return ("This run", "Nobody acted", "Best case")


def harm_figures(span: HarmSpan, line: HarmLine) -> tuple[int, ...]:
    """A harm row's figures in the order of `harm_columns`."""
    if span.projected and not span.before_deployment:
        counted = line.counted if line.counted is not None else line.run
        return (counted, line.run, line.baseline, line.best)
    return (line.run, line.baseline, line.best)


def harm_span(exercise: Exercise) -> HarmSpan:
    """Deployment, the scenario's end and the minute play reached."""
    scenario = exercise.scenario
    return HarmSpan(scenario.rollout.deploy_minute, scenario.end_minute, exercise.minute)


def counted_harm(exercise: Exercise) -> Harm:
    """Harm the run caused by the minute play reached: the items routed live, by the score
    card's rule (`simulation.count_harm`)."""
    return count_harm(exercise.scenario.stream, exercise.items,
                      exercise.scenario.rollout.deploy_minute)


def harm_rows(card: ScoreCard, labels: HarmLabels | Callable[[str], str], *,
              at_least_one: bool = False, counted: Harm | None = None) -> tuple[HarmLine, ...]:
    """The harm counters worth a row: those not zero in this run, had nobody acted, or in the
    best case, in `HARM_COUNTERS` order, then the scenario's declared harm outcomes.

    Args:
        card: the score card, with the three plans' harm.
        labels: the scenario's names for the counters (`Scenario.harm_label`, or
            `Scenario.harm_labels` when it declares no outcome).
        at_least_one: when no harm was counted at all, keep the first counter's zeros (a table
            that must not be empty); otherwise the result is empty and the caller says so.
        counted: the run's harm by the end of play (`counted_harm`), when play ended before
            the scenario's end; each row then carries it beside the projected `run`.
    """
    def label(name: str) -> str:
        return labels(name) if callable(labels) else str(getattr(labels, name))

    lines = [HarmLine(name, label(name), card.harm.count(name), card.baseline_harm.count(name),
                      card.best_harm.count(name), None if counted is None else counted.count(name))
             for name in card.harm.as_dict()]
    shown = tuple(line for line in lines if line.run or line.baseline or line.best)
    return shown or (tuple(lines[:1]) if at_least_one else ())


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
    """The same in the best case (the least harm any allowed play achieves)."""


def harm_curve(exercise: Exercise) -> HarmCurve:
    """Cumulative harm minute by minute for this run, nobody acting and the best case.

    Each item's harm is counted with `simulation.count_harm`, the rule of the score card, over
    the same counterfactual items as `Exercise.harm_for`, so the curves end at the score
    card's counts. The counter drawn is the one nobody acting drives highest.
    """
    scenario = exercise.scenario
    start, end = scenario.rollout.deploy_minute, scenario.end_minute
    # The best case is the scoring's own (the least harm any allowed play achieves).
    plans = (exercise.plan(), RolloutPlan(), best_plan(exercise))
    harmful: list[list[tuple[float, Harm]]] = []
    for plan in plans:
        items = exercise.simulation.candidate_items(plan, start, end)
        per_item = ((item.minute, count_harm(scenario.stream, [item], start)) for item in items)
        harmful.append([(m, one) for m, one in per_item if any(one.as_dict().values())])
    names = list(Harm(declared=tuple((o.id, 0) for o in scenario.stream.outcomes if o.harm),
                      counters=scenario.stream.harm_counters).as_dict())
    counter = max(names, key=lambda c: (
        sum(one.count(c) for _, one in harmful[1]), -names.index(c)))
    minutes = [float(m) for m in range(math.ceil(start), math.floor(end) + 1)]
    if not minutes or minutes[0] != start:
        minutes.insert(0, float(start))
    if minutes[-1] != end:
        minutes.append(float(end))
    series = [_cumulative(events, counter, minutes) for events in harmful]
    return HarmCurve(counter, scenario.harm_label(counter), tuple(minutes),
                     series[0], series[1], series[2])


def _cumulative(events: Sequence[tuple[float, Harm]], counter: str,
                minutes: Sequence[float]) -> tuple[int, ...]:
    """The counter's running total at each minute (harm at or before it): one sorted sweep,
    since summing every item again for each minute takes minutes on a day-long scenario."""
    ordered = sorted((minute, one.count(counter)) for minute, one in events)
    stops = [minute for minute, _ in ordered]
    running = [0, *itertools.accumulate(count for _, count in ordered)]
    return tuple(running[bisect.bisect_right(stops, minute)] for minute in minutes)

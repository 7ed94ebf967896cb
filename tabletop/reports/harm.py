"""Harm: which counters a run shows against nobody acting and the best case, and over time.

`harm_rows` is the one rule for which harm rows to show (the report, the debrief screen and the
command line use it); `harm_curve` accumulates the chart's counter minute by minute.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Sequence

from tabletop.exercise.engine import Exercise
from tabletop.exercise.simulation import Harm, RolloutPlan, count_harm
from tabletop.scenario.record import record
from tabletop.scenario.rubric import HarmLabels
from tabletop.scoring.rubric import ScoreCard

HARM_COUNTERS = ("critical_misrouted", "high_priority_missed", "leaks", "failed")
"""Harm counters in the order they are reported."""


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


def harm_rows(card: ScoreCard, labels: HarmLabels, *,
              at_least_one: bool = False) -> tuple[HarmLine, ...]:
    """The harm counters worth a row: those not zero in this run, had nobody acted, or in the
    best case, in `HARM_COUNTERS` order.

    Args:
        card: the score card, with the three plans' harm.
        labels: the scenario's names for the counters (`Scenario.harm_labels`).
        at_least_one: when no harm was counted at all, keep the first counter's zeros (a table
            that must not be empty); otherwise the result is empty and the caller says so.
    """
    lines = [HarmLine(name, getattr(labels, name), getattr(card.harm, name),
                      getattr(card.baseline_harm, name), getattr(card.best_harm, name))
             for name in HARM_COUNTERS]
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
    """The same under the best achievable line."""


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
    series = [_cumulative(events, counter, minutes) for events in harmful]
    return HarmCurve(counter, getattr(scenario.harm_labels, counter), tuple(minutes),
                     series[0], series[1], series[2])


def _cumulative(events: Sequence[tuple[float, Harm]], counter: str,
                minutes: Sequence[float]) -> tuple[int, ...]:
    """The counter's running total at each minute (harm at or before it): one sorted sweep,
    since summing every item again for each minute takes minutes on a day-long scenario."""
    ordered = sorted((minute, getattr(one, counter)) for minute, one in events)
    stops = [minute for minute, _ in ordered]
    running = [0, *itertools.accumulate(count for _, count in ordered)]
    return tuple(running[bisect.bisect_right(stops, minute)] for minute in minutes)

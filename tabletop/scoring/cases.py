"""The run's counterparts: nobody acting, the best case any allowed play achieves, and the
score of nobody acting, which caps any play that did more harm than that.

Each depends only on the scenario (as drawn) and the seed, and the plays behind the best case
are whole runs, so each is found once per scenario and seed: a workshop scores every team, a
report and the debrief score again, and the cap scores the nobody-acting run.
"""

from __future__ import annotations

from typing import TypeVar

from tabletop.exercise.engine import Exercise
from tabletop.exercise.simulation import Harm, RolloutPlan
from tabletop.scenario.model import Scenario
from tabletop.scenario.record import record
from tabletop.scenario.rubric import Rubric

_T = TypeVar("_T")

DEFAULT_WEIGHTS = {"critical_misrouted": 1.0}
"""How harm is weighed when the rubric has no harm criterion."""


@record
class Counterparts:
    """What a run is measured against, for one scenario and seed."""

    baseline: Harm
    """Harm had nobody acted."""
    best_plan: RolloutPlan
    """The allowed play's plan of least weighted harm."""
    best: Harm
    """Its harm."""


_KNOWN: dict[tuple[int, int], tuple[Scenario, Counterparts]] = {}
"""Scenario (by identity, kept alive with the entry) and seed to its counterparts."""
_NOBODY: dict[tuple[int, int], tuple[Scenario, float]] = {}
"""Scenario and seed to the total nobody acting scores."""
_KEPT = 16
"""Entries each cache keeps: a solo drill varies the scenario, so each drill is a new key."""


def harm_weights(rubric: Rubric) -> dict[str, float]:
    """The weights of the rubric's first harm criterion, which every harm comparison uses."""
    return next((dict(c.weights) for c in rubric.criteria if c.kind == "harm" and c.weights),
                dict(DEFAULT_WEIGHTS))


def counterparts(exercise: Exercise) -> Counterparts:
    """Nobody acting and the best case: the least weighted harm among the allowed protective
    plays (the engine's `allowed_plans`: every check demanded, then each protective action at
    its earliest minute, a block that holds) and nobody acting. Computed, never written in:
    the rubric's old `reference_plan` no longer defines it."""
    key = (id(exercise.scenario), exercise.seed)
    hit = _KNOWN.get(key)
    if hit is None or hit[0] is not exercise.scenario:
        weights = harm_weights(exercise.scenario.rubric)
        plans = [RolloutPlan(), *exercise.allowed_plans()]
        best = min(plans, key=lambda plan: exercise.harm_for(plan).weighted(weights))
        found = Counterparts(exercise.harm_for(RolloutPlan()), best, exercise.harm_for(best))
        hit = _remember(_KNOWN, key, (exercise.scenario, found))
    return hit[1]


def best_harm(exercise: Exercise) -> Harm:
    """The least harm any allowed play achieves, the run itself included (a run cannot beat
    the best case)."""
    weights = harm_weights(exercise.scenario.rubric)
    best = counterparts(exercise).best
    run = exercise.harm_for(exercise.plan())
    return run if run.weighted(weights) < best.weighted(weights) else best


def best_plan(exercise: Exercise) -> RolloutPlan:
    """The plan behind `best_harm` (for the report's best-case curve)."""
    weights = harm_weights(exercise.scenario.rubric)
    found = counterparts(exercise)
    run = exercise.plan()
    return run if exercise.harm_for(run).weighted(weights) < found.best.weighted(weights) \
        else found.best_plan


def worse_than_nobody(exercise: Exercise) -> bool:
    """The run did more weighted harm than nobody acting would have."""
    weights = harm_weights(exercise.scenario.rubric)
    return (exercise.harm_for(exercise.plan()).weighted(weights)
            > counterparts(exercise).baseline.weighted(weights))


def nobody_total(exercise: Exercise) -> float:
    """The total nobody acting scores with the same scenario (as drawn) and seed."""
    key = (id(exercise.scenario), exercise.seed)
    hit = _NOBODY.get(key)
    if hit is None or hit[0] is not exercise.scenario:
        from tabletop.exercise.replay import play
        from tabletop.scoring.rubric import score

        total = score(play(exercise.scenario, exercise.seed, [])).total
        hit = _remember(_NOBODY, key, (exercise.scenario, total))
    return hit[1]


def _remember(cache: dict[tuple[int, int], _T], key: tuple[int, int], value: _T) -> _T:
    """Keep a value, forgetting the oldest beyond `_KEPT`."""
    while len(cache) >= _KEPT:
        del cache[next(iter(cache))]
    cache[key] = value
    return value

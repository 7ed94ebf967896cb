"""The protective plays the rules allow: what the best case is computed over.

"Best case" is the least harm any allowed play achieves, not a plan someone wrote down. The
plays that can achieve it are the protective ones taken as early as the scenario allows: each
action whose effect protects (block, roll back, disable, freeze) at the first minute it is
offered, citing everything revealed by then, once without and once after demanding every
check a decision point offers (a block may hold only when it cites what the checks found).
Each is played through the same `Exercise` the team plays, so an overruled block, a check that
reveals nothing or an action the rules refuse counts exactly as it would in a run.
"""

from __future__ import annotations

from tabletop.exercise.clock import FakeTime, GameClock
from tabletop.exercise.engine import ActionError, Choice, Exercise
from tabletop.exercise.replay import PlannedStep, take_step
from tabletop.exercise.simulation import RolloutPlan
from tabletop.scenario.model import Action, Scenario
from tabletop.scenario.outcomes import PROTECTIVE_EFFECTS


def protective_plans(scenario: Scenario, seed: int) -> list[RolloutPlan]:
    """The rollout plan of each protective play the rules allow with this seed, distinct, in
    the order of the scenario's actions (with checks first)."""
    plans: list[RolloutPlan] = []
    for action in scenario.actions:
        if action.effect not in PROTECTIVE_EFFECTS:
            continue
        for with_checks in (True, False):
            plan = _play(scenario, seed, action, with_checks)
            if plan is not None and plan not in plans:
                plans.append(plan)
    return plans


def _play(scenario: Scenario, seed: int, action: Action, with_checks: bool) -> RolloutPlan | None:
    """The plan of one protective play, or None when the rules refuse it."""
    clock = GameClock(scenario.start_minute, speed=60.0, time_source=FakeTime())
    exercise = Exercise(scenario, seed, clock)
    start = scenario.start_minute
    minute = max(start, action.available_from if action.available_from is not None else start)
    try:
        if with_checks:
            point = next((p for p in scenario.decisions if p.checks and p.checks_with), None)
            if point is None or point.checks_with == action.id:
                return None
            take_step(exercise, PlannedStep(start, Choice(
                point.checks_with, checks=tuple(c.id for c in point.checks))))
        clock.jump_to(max(minute, exercise.minute))
        exercise.update()
        cited = tuple(sorted(exercise.revealed_ids()))
        take_step(exercise, PlannedStep(exercise.minute, Choice(action.id, cited)))
    except ActionError:
        return None
    # Only injects that change the rollout (an overruling) add to the plan from here on.
    last = max([i.minute for i in scenario.injects if i.effect != "none"], default=start)
    clock.jump_to(max(exercise.minute, min(last, scenario.end_minute)))
    exercise.update()
    return exercise.plan()

"""The protective plays the rules allow: what the best case is computed over.

"Best case" is the least harm any allowed play achieves, not a plan someone wrote down. The
plays that can achieve it are the protective ones taken as early as the scenario allows: each
action whose effect protects (block, roll back, disable, freeze) at the first minute it is
offered, citing everything revealed by then, once without and once after demanding every
check a decision point offers (a block may hold only when it cites what the checks found).
Each is played through the same `Exercise` the team plays, so an overruled block, a check that
reveals nothing or an action the rules refuse counts exactly as it would in a run. Each play then
takes every remediation (an action that stops or scales a declared outcome) as early as the
rules and its role allow, and one play takes the remediations alone: a remediation only ever
lowers what the world does, so the best case has them all.
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
    plays: list[tuple[Action | None, bool]] = [
        (action, with_checks) for action in scenario.actions
        if action.effect in PROTECTIVE_EFFECTS for with_checks in (True, False)]
    if any(a.stops or a.scales for a in scenario.actions):
        plays.append((None, False))
    for action, with_checks in plays:
        plan = _play(scenario, seed, action, with_checks)
        if plan is not None and plan not in plans:
            plans.append(plan)
    return plans


def _play(scenario: Scenario, seed: int, action: Action | None,
          with_checks: bool) -> RolloutPlan | None:
    """The plan of one protective play (None: the remediations alone), or None when the rules
    refuse it."""
    clock = GameClock(scenario.start_minute, speed=60.0, time_source=FakeTime())
    exercise = Exercise(scenario, seed, clock)
    start = scenario.start_minute
    try:
        if with_checks and action is not None:
            point = next((p for p in scenario.decisions if p.checks and p.checks_with), None)
            if point is None or point.checks_with == action.id:
                return None
            take_step(exercise, PlannedStep(start, Choice(
                point.checks_with, checks=tuple(c.id for c in point.checks))))
        if action is not None:
            _take_at_earliest(exercise, clock, action)
    except ActionError:
        return None
    for remedy in [a for a in scenario.actions if a.stops or a.scales]:
        try:
            _take_at_earliest(exercise, clock, remedy)
        except ActionError:
            continue  # refused (not offered in this run): the play goes on without it
    # Only injects that change the rollout (an overruling) add to the plan from here on.
    last = max([i.minute for i in scenario.injects if i.effect != "none"], default=start)
    clock.jump_to(max(exercise.minute, min(last, scenario.end_minute)))
    exercise.update()
    return exercise.plan()


def _take_at_earliest(exercise: Exercise, clock: GameClock, action: Action) -> None:
    """Take `action` at the first minute from now that the scenario offers it and its role is
    free, citing everything revealed by then."""
    start = exercise.scenario.start_minute
    minute = max(start, action.available_from if action.available_from is not None else start)
    clock.jump_to(max(minute, exercise.minute, exercise.busy_until(action.role) or minute))
    exercise.update()
    cited = tuple(sorted(exercise.revealed_ids()))
    take_step(exercise, PlannedStep(exercise.minute, Choice(action.id, cited)))

"""The run's counterfactuals: nobody acting and the best case any allowed play achieves.

Both depend only on the scenario (as drawn) and the seed, and the plays behind the best case
are whole runs, so they are found once per scenario and seed (`counterfactuals`, kept on the
scenario): a workshop scores every team, a report and the debrief score again. Nothing here
reads a run's own decisions; the functions that compare a run with its counterfactuals take
the run.
"""

from __future__ import annotations

from functools import cached_property

from tabletop.base.record import memo
from tabletop.exercise.engine import Exercise
from tabletop.exercise.plays import protective_plans
from tabletop.exercise.replay import play
from tabletop.exercise.simulation import Harm, RolloutPlan, Simulation
from tabletop.scenario.model import Scenario


class Counterfactuals:
    """What any run of one scenario (as drawn) and seed is measured against.

    Each figure is computed on first use: the feedback shown right after a decision routes
    no counterfactual.

    Args:
        scenario: the scenario as the run drew it (a solo drill's variation applied).
        seed: the run's seed.
    """

    def __init__(self, scenario: Scenario, seed: int) -> None:
        self.scenario = scenario
        self.seed = seed
        self.weights = scenario.rubric.harm_weights
        """How harm is weighed in every comparison."""
        self._simulation = Simulation(scenario, seed)
        self._harm: dict[RolloutPlan, Harm] = {}

    def harm(self, plan: RolloutPlan) -> Harm:
        """Harm from deployment to the end of the scenario under `plan` (routed once)."""
        if plan not in self._harm:
            self._harm[plan] = self._simulation.harm_under(plan)
        return self._harm[plan]

    def weighted(self, plan: RolloutPlan) -> float:
        """`harm(plan)` weighed as the rubric weighs it."""
        return self.harm(plan).weighted(self.weights)

    @cached_property
    def baseline(self) -> Harm:
        """Harm had nobody acted."""
        return self.harm(RolloutPlan())

    @cached_property
    def best_plan(self) -> RolloutPlan:
        """The allowed play's plan of least weighted harm: nobody acting and each protective
        play the rules allow (`exercise.plays`: every check demanded, then each protective
        action at its earliest minute, a block that holds). Computed, never written in: the
        rubric's old `reference_plan` no longer defines it."""
        plans = [RolloutPlan(), *protective_plans(self.scenario, self.seed)]
        return min(plans, key=self.weighted)

    @property
    def best(self) -> Harm:
        """The harm of `best_plan`."""
        return self.harm(self.best_plan)

    @cached_property
    def nobody(self) -> Exercise:
        """The whole run with nobody acting (the scoring's cap scores it)."""
        return play(self.scenario, self.seed, [])


def counterfactuals(scenario: Scenario, seed: int) -> Counterfactuals:
    """The counterfactuals of `scenario` and `seed`, found once and kept on the scenario (a
    varied drill is a scenario of its own, and goes with it)."""
    kept = memo(scenario)
    key = (Counterfactuals, seed)
    if key not in kept:
        kept[key] = Counterfactuals(scenario, seed)
    found: Counterfactuals = kept[key]
    return found


def of_run(exercise: Exercise) -> Counterfactuals:
    """The counterfactuals of the run `exercise`."""
    return counterfactuals(exercise.scenario, exercise.seed)


def best_harm(exercise: Exercise) -> Harm:
    """The least harm any allowed play achieves, the run itself included (a run cannot beat
    the best case)."""
    return of_run(exercise).harm(best_plan(exercise))


def best_plan(exercise: Exercise) -> RolloutPlan:
    """The plan behind `best_harm` (for the report's best-case curve)."""
    cases = of_run(exercise)
    run = exercise.plan()
    return run if cases.weighted(run) < cases.weighted(cases.best_plan) else cases.best_plan


def worse_than_nobody(exercise: Exercise) -> bool:
    """The run did more weighted harm than nobody acting would have."""
    cases = of_run(exercise)
    return cases.weighted(exercise.plan()) > cases.weighted(RolloutPlan())

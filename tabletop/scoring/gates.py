"""How a gate design would have done on the incident played: the gated replay beside the team's
own run, nobody acting and the best case, and on the healthy candidate (its false alarms)."""

from __future__ import annotations

from collections.abc import Sequence

from tabletop.base.record import record
from tabletop.exercise.engine import Exercise
from tabletop.exercise.gates import WhatIf, healthy_scenario, replay_with_gates
from tabletop.exercise.replay import PlannedStep
from tabletop.exercise.simulation import Harm
from tabletop.scenario.gates import GateDesign
from tabletop.scoring import cases


@record
class GateReport:
    """A design replayed on the incident and on a healthy release."""

    design: GateDesign
    """The design."""
    incident: WhatIf
    """The incident with the team's own actions and the gates in force."""
    team: Harm
    """The team's own run, without the gates."""
    nobody: Harm
    """Nobody acting, without the gates."""
    best: Harm
    """The least harm any allowed play achieves."""
    healthy: WhatIf
    """The healthy candidate, nobody acting, with the gates in force."""
    weights: dict[str, float]
    """How the rubric weighs harm, for comparing the four."""

    @property
    def false_alarm(self) -> bool:
        """The gates blocked, held or rolled back the healthy release."""
        return self.healthy.stopped_at is not None

    @property
    def caught(self) -> bool:
        """The gates stopped the incident's release."""
        return self.incident.stopped_at is not None


def gate_report(exercise: Exercise, design: GateDesign) -> GateReport:
    """The design replayed on the run's scenario and seed with the run's own decisions."""
    steps = [PlannedStep(d.minute, d.choice, not_before=d.minute - 0.01)
             for d in exercise.decisions]
    return _report(exercise, design, steps)


def _report(exercise: Exercise, design: GateDesign, steps: Sequence[PlannedStep]) -> GateReport:
    scenario = exercise.scenario
    incident = replay_with_gates(scenario, exercise.seed, design, steps)
    healthy = replay_with_gates(healthy_scenario(scenario), exercise.seed, design)
    found = cases.of_run(exercise)
    return GateReport(design, incident, exercise.harm_for(exercise.plan()), found.baseline,
                      cases.best_harm(exercise), healthy, dict(scenario.rubric.harm_weights))

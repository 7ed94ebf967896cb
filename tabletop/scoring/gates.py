"""How a gate design would have done on the incident played: the gated replay beside the team's
own run, nobody acting and the best case, and on the healthy candidate (its false alarms)."""

from __future__ import annotations

from collections.abc import Sequence

from tabletop.base.record import record
from tabletop.exercise.engine import Exercise
from tabletop.exercise.gates import WhatIf, healthy_scenario, replay_with_gates
from tabletop.exercise.replay import PlannedStep
from tabletop.exercise.simulation import Harm
from tabletop.scenario.gate_design import GateDesign
from tabletop.scenario.rubric import Criterion
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


def gates_points(criterion: Criterion, exercise: Exercise,
                 design: GateDesign) -> tuple[float, str]:
    """The fourth learning goal: how well the team's gates would have done on its own run.
    The share of the harm its run did beyond the best case that the gates prevent (all of it
    when the run itself did no more than the best case and the gates add none), halved when
    they stop a healthy release."""
    report = gate_report(exercise, design)
    weights = report.weights
    gated, team = report.incident.harm.weighted(weights), report.team.weighted(weights)
    best = report.best.weighted(weights)
    share = 1.0 if gated <= best else max(0.0, (team - gated) / (team - best)) \
        if team > best else 0.0
    why = (f"Your gates would have {_verb(report.incident.outcome)}: weighted harm {gated:g} "
           f"against your run's {team:g}, nobody's {report.nobody.weighted(weights):g} and the "
           f"best case's {best:g}; on a healthy release, {report.healthy.outcome}")
    if report.false_alarm:
        share /= 2
        why += ": a false alarm, which halves the points"
    return criterion.max * share, why + "."


def _verb(outcome: str) -> str:
    """"blocked before deploy" as "blocked the release before deploy"."""
    return outcome.replace("blocked", "blocked the release", 1) \
        .replace("not stopped by the gates", "let the release through")

"""What-if: a scenario replayed, with a team's actions, with a gate design in force.

The gates are the pipeline's, not the team's: they act on the rollout directly. Before
deployment each evaluation gate reads its figure from the models (as the pre-release checks
would) and any that fails blocks the deploy. From deployment each rollback trigger reads the
run's figure every minute, and the first that fails rolls the release back at that minute. The
canary checkpoint, a set time after deployment, judges its metrics against their baselines as
an automated canary analysis does (`judge_canary`): the share that pass is the score, and the
score continues, holds (freezes) or rolls back the release. The team's own actions are taken at
their minutes in between, as far as the gated run still allows them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Literal

from tabletop.base.record import memo, record
from tabletop.base.words import fmt_minute
from tabletop.exercise.clock import FakeTime, GameClock
from tabletop.exercise.engine import ActionError, Exercise
from tabletop.exercise.replay import PlannedStep, in_order, take_step
from tabletop.exercise.signals import model_figures
from tabletop.exercise.simulation import Harm
from tabletop.exercise.story import figure_value
from tabletop.scenario.gate_design import CanaryMetric, GateDesign
from tabletop.scenario.gates import Measure
from tabletop.scenario.model import Scenario
from tabletop.scenario.stream_paths import with_stream_values

Verdict = Literal["pass", "fail high", "fail low"]
Decision = Literal["continue", "hold", "roll back"]


@record
class MetricVerdict:
    """One canary metric judged against its baseline."""

    measure: str
    """The measure's id."""
    label: str
    """What it measures."""
    value: float
    """Its figure at the checkpoint."""
    baseline: float
    """The figure it is judged against."""
    verdict: Verdict
    """Within the band, above it, or below it."""


@record
class CanaryVerdict:
    """The canary checkpoint's judgement."""

    minute: float
    """When it judged."""
    metrics: tuple[MetricVerdict, ...]
    """Each metric's verdict."""
    score: float
    """The share of metrics that pass (0 to 1)."""
    decision: Decision
    """What the score decides."""


@record
class GateEvent:
    """A gate that fired (or the checkpoint that judged) in a replay."""

    minute: float
    """When."""
    gate: str
    """Which gate, in words."""
    says: str
    """What it read and decided."""


@record
class WhatIf:
    """One replay with the gates in force."""

    events: tuple[GateEvent, ...]
    """Each gate that fired and the checkpoint's judgement, in time order."""
    outcome: str
    """In words: blocked before deploy, rolled back at T+.., held at T+.., or not stopped."""
    stopped_at: float | None
    """The minute the gates first blocked, held or rolled back the release; None if never."""
    harm: Harm
    """Harm of the gated run, deployment to the end."""
    canary: CanaryVerdict | None = None
    """The checkpoint's judgement, when the release reached it."""


def judge_canary(metrics: Sequence[CanaryMetric], measures: Mapping[str, Measure],
                 readings: Mapping[str, tuple[float, float]], minute: float,
                 continue_at: float, roll_back_below: float) -> CanaryVerdict:
    """Each metric passes when its value is within `tolerance` of its baseline (a share of it,
    widened by `slack`), or fails high or low, counting only the way the metric `fails`; the
    score is the share that pass; at or above `continue_at` the release continues, below
    `roll_back_below` it rolls back, and between the two it holds."""
    judged = []
    for metric in metrics:
        value, baseline = readings[metric.measure]
        band = pass_band(metric, baseline)
        verdict: Verdict = "pass"
        if value > baseline + band and metric.fails in ("high", "both"):
            verdict = "fail high"
        elif value < baseline - band and metric.fails in ("low", "both"):
            verdict = "fail low"
        judged.append(MetricVerdict(metric.measure, measures[metric.measure].label, value,
                                    baseline, verdict))
    score = sum(m.verdict == "pass" for m in judged) / len(judged) if judged else 1.0
    decision: Decision = ("continue" if score >= continue_at else
                          "roll back" if score < roll_back_below else "hold")
    return CanaryVerdict(minute, tuple(judged), score, decision)


def pass_band(metric: CanaryMetric, baseline: float) -> float:
    """How far from `baseline` the metric's value may lie and still pass: its `tolerance` as a
    share of the baseline, widened by its `slack`."""
    return abs(baseline) * metric.tolerance + metric.slack


def judge_run(run: Exercise, design: GateDesign, minute: float) -> CanaryVerdict:
    """The design's canary judged on `run` as it stood at `minute` (a whole minute already
    passed): each metric against its baseline figure, or against the healthy candidate's value
    at the same minute. The checkpoint of a replay, and the dashboard's live judge."""
    assert design.canary is not None
    scenario = run.scenario
    measures = {m.id: m for m in (scenario.gates.measures if scenario.gates else ())}
    shown = _figures(run, minute)
    healthy: dict[str, str] | None = None
    readings: dict[str, tuple[float, float]] = {}
    for metric in design.canary.metrics:
        measure = measures[metric.measure]
        if measure.baseline:
            base = shown.get(measure.baseline, "")
        else:
            if healthy is None:
                healthy = _nobody_figures(healthy_scenario(scenario), run.seed, minute)
            base = healthy.get(measure.figure, "")
        readings[metric.measure] = (figure_value(shown.get(measure.figure, "")) or 0.0,
                                    figure_value(base) or 0.0)
    return judge_canary(design.canary.metrics, measures, readings, minute,
                        design.canary.continue_at, design.canary.roll_back_below)


def replay_with_gates(scenario: Scenario, seed: int | None, design: GateDesign,
                      steps: Sequence[PlannedStep] = (), until: float | None = None) -> WhatIf:
    """The scenario played with `steps` (the team's actions) and the gates in force, to
    `until` (the end when None)."""
    measures = {m.id: m for m in (scenario.gates.measures if scenario.gates else ())}
    clock = GameClock(scenario.start_minute, speed=60.0, time_source=FakeTime())
    run = Exercise(scenario, seed, clock)
    end = scenario.end_minute if until is None else until
    events = list(_pre_deploy(scenario, design, measures))
    stopped: float | None = None
    held = False  # the gates froze the release rather than rolled it back
    if events:
        stopped = min(scenario.start_minute, scenario.rollout.deploy_minute)
        run.simulation.apply(stopped, "block")
    pending = list(in_order(scenario, steps))
    checkpoint = scenario.rollout.deploy_minute + design.canary.minutes \
        if design.canary is not None and stopped is None else None
    canary: CanaryVerdict | None = None
    # Every whole minute, and each step's own minute, in order.
    whole = range(int(scenario.start_minute), int(end) + 1)
    for minute in sorted({float(m) for m in whole} | {p.minute for p in pending
                                                        if p.minute <= end}):
        while pending and pending[0].minute <= minute:
            # A step the gated run no longer allows (the gates had rolled back) is skipped.
            with contextlib.suppress(ActionError):
                take_step(run, pending.pop(0))
        clock.jump_to(max(minute, clock.minute))
        run.update()
        if stopped is None and minute >= scenario.rollout.deploy_minute:
            fired = _trigger(run, design, measures, minute)
            if checkpoint is not None and fired is None and minute >= checkpoint:
                canary = judge_run(run, design, minute)
                checkpoint = None
                fired = _canary_event(canary)
            if fired is not None:
                event, effect = fired
                events.append(event)
                if effect:
                    run.simulation.apply(minute, effect)
                    stopped, held = minute, effect == "freeze"
    return WhatIf(tuple(events), _outcome(stopped, held, scenario),
                  stopped, run.harm_for(run.plan()), canary)


def healthy_scenario(scenario: Scenario) -> Scenario:
    """The scenario with the candidate a good release would be: the stream values its
    `gates.healthy` sets, or, where it sets none, a candidate that behaves as the incumbent
    (its routing and every declared outcome's rates, and no faults). Made once per scenario,
    so its routed items are too (`tickets.tickets_for`)."""
    kept = memo(scenario)
    if healthy_scenario not in kept:
        kept[healthy_scenario] = _healthy(scenario)
    found: Scenario = kept[healthy_scenario]
    return found


def _healthy(scenario: Scenario) -> Scenario:
    values = scenario.gates.healthy if scenario.gates else {}
    if values:
        return with_stream_values(scenario, values)
    stream = scenario.stream
    label = stream.candidate.label
    healthy = replace(stream, candidate=replace(stream.incumbent, label=label,
                                                run_id=stream.candidate.run_id), faults=(),
                      outcomes=tuple(replace(o, candidate=o.incumbent) for o in stream.outcomes))
    return replace(scenario, stream=healthy)


def _pre_deploy(scenario: Scenario, design: GateDesign,
                measures: Mapping[str, Measure]) -> list[GateEvent]:
    shown = model_figures(scenario.stream)
    events = []
    for gate in design.pre_deploy:
        measure = measures[gate.measure]
        value = figure_value(shown.get(measure.figure, ""))
        if value is not None and not gate.holds(value):
            events.append(GateEvent(scenario.start_minute, f"Evaluation gate: {measure.label}",
                                    f"{value:g} {_limit_words(gate.at_least, gate.at_most)}: "
                                    "the deploy is blocked"))
    return events


def _trigger(run: Exercise, design: GateDesign, measures: Mapping[str, Measure],
             minute: float) -> tuple[GateEvent, str] | None:
    if not design.rollback_triggers:
        return None
    shown = _figures(run, minute)
    for trigger in design.rollback_triggers:
        measure = measures[trigger.measure]
        value = figure_value(shown.get(measure.figure, ""))
        if value is not None and not trigger.holds(value):
            return GateEvent(minute, f"Rollback trigger: {measure.label}",
                             f"{value:g} {_limit_words(trigger.at_least, trigger.at_most)}: "
                             "rolled back"), "rollback"
    return None


def _canary_event(canary: CanaryVerdict) -> tuple[GateEvent, str]:
    failed = [f"{m.label} {m.value:g} ({m.verdict}, baseline {m.baseline:g})"
              for m in canary.metrics if m.verdict != "pass"]
    says = (f"score {canary.score:.0%}" + (f"; {'; '.join(failed)}" if failed else "")
            + f": {canary.decision}")
    effect = {"continue": "", "hold": "freeze", "roll back": "rollback"}[canary.decision]
    return GateEvent(canary.minute, "Canary checkpoint", says), effect


def _figures(run: Exercise, minute: float) -> dict[str, str]:
    """The run's figures at `minute`, kept per seed, plan and minute: a designer's edit
    replays the same run up to the minute its gates first act, so every minute before that is
    read once, not once an edit (the budget: bench/bench_gates.py)."""
    kept = memo(run.scenario)
    key = (_figures, run.seed, run.plan(), minute)
    if key not in kept:
        kept[key] = run.figures_at(minute)
    found: dict[str, str] = kept[key]
    return found


def _nobody_figures(scenario: Scenario, seed: int | None, minute: float) -> dict[str, str]:
    """The figures of the run with nobody acting at `minute`, found once per scenario, seed
    and minute (a designer editing thresholds asks for the same baselines again)."""
    kept = memo(scenario)
    key = (_nobody_figures, seed, minute)
    if key not in kept:
        clock = GameClock(scenario.start_minute, speed=60.0, time_source=FakeTime())
        run = Exercise(scenario, seed, clock)
        clock.jump_to(minute)
        run.update()
        kept[key] = run.figures_at(minute)
    found: dict[str, str] = kept[key]
    return found


def _outcome(stopped: float | None, held: bool, scenario: Scenario) -> str:
    if stopped is None:
        return "not stopped by the gates"
    if stopped <= scenario.rollout.deploy_minute:
        return "blocked before deploy"
    return f"{'held' if held else 'rolled back'} at {fmt_minute(stopped)}"


def _limit_words(at_least: float | None, at_most: float | None) -> str:
    if at_least is not None and at_most is not None:
        return f"outside {at_least:g} to {at_most:g}"
    return f"below {at_least:g}" if at_least is not None else f"above {at_most:g}"

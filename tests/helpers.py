"""A small scenario written out in full, and helpers to mutate it and to play it.

The tests build their scenarios from `MINI` rather than from the bundled files, so they say
exactly what they depend on and keep passing while the bundled content is rewritten. `MINI`
leaves out every optional field it does not need, so the loader's defaults are tested too.
"""

from __future__ import annotations

from functools import cache

import pytest

from tabletop.base.kinds import Mode
from tabletop.exercise.clock import FakeTime, GameClock
from tabletop.exercise.engine import Choice, Exercise
from tabletop.exercise.replay import PlannedStatement, PlannedStep, Step, play
from tabletop.exercise.simulation import RolloutPlan
from tabletop.journal.session import Session
from tabletop.journal.setup import new_run, play_to
from tabletop.scenario.bundled import DEFAULT_SCENARIO, bundled_scenarios
from tabletop.scenario.errors import ScenarioError
from tabletop.scenario.loader import load_scenario, parse_scenario
from tabletop.scenario.model import Scenario

ANY_STORY = "story: [{figure: overrides, minute: 20, at_least: 0}]\n"
"""A story any stream of `MINI` keeps, for a test that varies the stream (drills need one)."""

FILE = "mini.yaml"
"""The file name errors are expected to carry."""

MINI = """\
id: mini
title: Mini release
summary: A candidate model misroutes urgent tickets outside English.
purpose: Exercise the core in tests.
learning_goals: [halt a harmful rollout]
start_minute: -10
end_minute: 60
facilitator_note: Keep it short.
debrief_questions: ["What should have gated the release?"]

roles:
  - id: lead
    title: Release lead
    brief: Decides.
    prompts:
      signals: Halt or wait?

actions:
  - id: approve
    label: Approve
    available_until: 0
  - id: continue
    label: Continue rollout
    effect: continue
    available_from: 0
    repeatable: true
  - id: freeze
    label: Freeze
    effect: freeze
    available_from: 0
    repeatable: true
  - id: rollback
    label: Roll back
    effect: rollback
    available_from: 0
    repeatable: true

decisions:
  - id: go
    prompt: Approve the release?
    options: [approve]
    checks:
      - id: slice-eval
        label: Urgent recall per language
  - id: halt
    prompt: Halt the rollout?
    options: [continue, freeze, rollback]

statements:
  - id: notice
    title: Incident notice
    prompt: Tell students what happened.
    deadline_minutes: 15

injects:
  - id: briefing
    minute: -10
    title: Pre-release evidence
    decision: go
    evidence:
      - {id: f1, tag: technical, text: offline F1 improved}
  - id: slice-result
    minute: -10
    title: Slice check result
    when: {checks: [slice-eval]}
    evidence:
      - {id: slice-gap, tag: technical, text: urgent recall collapses outside English}
  - id: signals
    minute: 10
    title: Early signals
    decision: halt
    evidence:
      - {id: overrides, tag: service-quality, text: manual overrides rise}
      - {id: reviewer, tag: technical, text: a reviewer reports multilingual misses}
      - {id: latency, tag: infrastructure, red_herring: true, text: latency is healthy}
  - id: frozen-followup
    minute: 10
    title: Freeze follow-up
    when: {chose: [freeze]}
  - id: escalation
    minute: 20
    title: Advisors escalate
    when: {not_acted: [freeze, rollback]}
  - id: full-traffic
    minute: 25
    title: Candidate at full traffic
    when: {exposure_at_least: 0.9}
  - id: confirmation
    minute: 30
    title: Harm confirmed
    requests_statement: notice
    evidence:
      - {id: missed, tag: service-quality, text: two urgent cases missed}
  - id: chase
    minute: 40
    title: Communications chase
    when: {no_statement: notice}

stream:
  noun: ticket
  per_minute: 12
  segments: {en: 1, other: 1}
  home_segment: en
  classes: {urgent: 1, general: 1}
  critical_class: urgent
  fallback_class: general
  high_priority_share: 0.2
  incumbent:
    label: v1
    home: &right {misroute: 0, critical_misroute: 0, high_priority_misroute: 0,
                  confidence_right: 0.8, confidence_wrong: 0.6, override: 0.2}
    other: *right
  candidate:
    label: v2
    home: *right
    other: {misroute: 0.8, critical_misroute: 0.8, high_priority_misroute: 0.8,
            confidence_right: 0.9, confidence_wrong: 0.9, override: 0.5}

rubric:
  reference_plan:
    - {minute: 10, action: rollback}
  grades:
    - {min_percent: 80, grade: A, label: Good}
    - {min_percent: 0, grade: E, label: Unsafe}
  criteria:
    - id: call
      title: The rollout call
      kind: decision
      max: 25
      none: {points: 0, why: Never halted.}
      stages:
        - after: briefing
          outcomes:
            continue: {points: 5, why: Too early to ramp.}
            freeze: {points: 15, why: Cautious.}
            rollback: {points: 10, why: Forgoes the canary.}
        - after: signals
          outcomes:
            continue: {points: 2, why: The trap.}
            freeze: {points: 25, why: The right call.}
            rollback: {points: 24, why: Safe and fast.}
        - after: confirmation
          outcomes:
            continue: {points: 0, why: Indefensible.}
            freeze: {points: 12, why: Still exposed.}
            rollback: {points: 20, why: Late but right.}
    - id: evidence
      title: Evidence cited
      kind: evidence
      max: 15
      strong_tags: [technical, service-quality]
      trap_tags: [infrastructure]
      trap_actions: [continue]
      none: {points: 3, why: nothing cited.}
    - id: timeliness
      title: Timeliness
      kind: timeliness
      max: 15
      actions: [freeze, rollback]
      after: signals
      window_minutes: 10
      late_floor: 0.3
    - id: harm
      title: Harm
      kind: harm
      max: 20
      weights: {critical_misrouted: 1, high_priority_missed: 5}
    - id: statement
      title: Notice
      kind: statement
      max: 10
      statement: notice
      must_mention:
        what happened: [misrout]
        who is affected: [student]
"""


def mutate(old: str, new: str, text: str = MINI) -> str:
    """`text` with `old`, which must occur exactly once, replaced by `new`."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column where `needle` (occurring exactly once) starts."""
    assert text.count(needle) == 1, f"{needle!r} occurs {text.count(needle)} times"
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def refused(text: str) -> ScenarioError:
    """The error `parse_scenario` raises for `text`."""
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, FILE)
    return caught.value


@cache
def mini(text: str = MINI) -> Scenario:
    """`text` parsed as a scenario (once per text: scenarios are frozen values)."""
    return parse_scenario(text, FILE)


@cache
def bundled(ident: str = DEFAULT_SCENARIO) -> Scenario:
    """A bundled scenario, loaded once per test run (scenarios are frozen values)."""
    return load_scenario(bundled_scenarios()[ident])


def step(minute: float, action: str, cited: tuple[str, ...] = (),
         checks: tuple[str, ...] = ()) -> PlannedStep:
    """One planned action, as `--action MINUTE:ACTION:EVIDENCE:CHECKS` would give it."""
    return PlannedStep(minute, Choice(action, cited, checks=checks))


def run(scenario: Scenario, *steps: PlannedStep, seed: int | None = None,
        statements: tuple[PlannedStatement, ...] = ()) -> Exercise:
    """The scenario played to its end with these actions."""
    return play(scenario, seed, list(steps), list(statements))


@cache
def played(*steps: PlannedStep, seed: int | None = None) -> Exercise:
    """The default scenario played to its end, shared by the tests that only read the run."""
    return run(bundled(), *steps, seed=seed)


def reference_plan(scenario: Scenario) -> RolloutPlan:
    """The rubric's old `reference_plan` as a rollout plan (the scoring no longer reads it)."""
    plan = RolloutPlan()
    for planned in scenario.rubric.reference_plan:
        plan = plan.with_effect(planned.minute, scenario.action(planned.action).effect)
    return plan


def exercise_at(scenario: Scenario, minute: float, seed: int | None = None) -> Exercise:
    """A fresh exercise whose fake clock has been moved to `minute` and ticked once."""
    clock = GameClock(scenario.start_minute, speed=60.0, time_source=FakeTime())
    exercise = Exercise(scenario, seed, clock)
    clock.jump_to(minute)
    exercise.update()
    return exercise


def session_at(minute: float, *steps: Step, scenario: Scenario | None = None,
               statements: tuple[PlannedStatement, ...] = (), mode: Mode = "team",
               teams: tuple[str, ...] = (), seed: int | None = None,
               time: FakeTime | None = None) -> Session:
    """A new run (of the default scenario when `scenario` is None) played to `minute` with
    these steps and statements, journalled in memory, its clock paused there (`play_to`).

    `ui.app.resume_app(session)` opens it on its dashboard at that minute.
    """
    scenario = scenario or bundled()
    session = new_run(scenario, ref=scenario.id, mode=mode, teams=teams, seed=seed,
                      time_source=time or FakeTime())
    return play_to(session, minute, steps, statements)


def nested_alias_bomb() -> str:
    """The mini scenario with criteria of stages of outcomes, each level sixty aliases wide and
    every value of the right type, so only the bound on expansion can stop it (216,000
    outcomes)."""
    outcomes = ", ".join(["o0: &o {points: 1, why: x}"] + [f"o{n}: *o" for n in range(1, 60)])
    stage = f"&s {{after: briefing, outcomes: {{{outcomes}}}}}"
    stages = ", ".join([stage] + ["*s"] * 59)
    criteria = ", ".join([f"&c {{id: c, title: C, kind: decision, max: 1, stages: [{stages}]}}"]
                         + ["*c"] * 59)
    head = MINI[: MINI.index("  criteria:")]
    return f"{head}  criteria: [{criteria}]\n"

"""The play's rules the scenario drives: checks demanded by ticking them, a decision after the
checks report, a block that holds or is overruled, decisions that no longer apply, and the
next inject only for what is certain to come."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tabletop.exercise.engine import ActionError, Choice, Exercise
from tabletop.exercise.plays import protective_plans
from tabletop.exercise.replay import parse_action, play, replay_command
from tabletop.exercise.simulation import Exposure, RolloutPlan
from tabletop.scenario.errors import ScenarioError
from tabletop.scenario.model import Scenario
from tabletop.scoring.context import Context
from tests.helpers import (
    bundled,
    exercise_at,
    mini,
    mutate,
    played,
    reference_plan,
    run,
    step,
)

FINDING = ("slice-eval", "shadow-compare", "calibration")
"""The default scenario's pre-release checks that reveal the problem before deployment."""


def fired(exercise: Exercise) -> set[str]:
    return {f.inject.id for f in exercise.fired}


def offered(exercise: Exercise) -> set[str]:
    return {a.id for a in exercise.available_actions()}


def test_approve_with_checks_and_no_check_ticked_is_recorded_as_the_plain_approval() -> None:
    exercise = played(step(-10, "approve-with-checks"))
    assert [(d.action, d.checks) for d in exercise.decisions] == [("approve", ())]


def test_checks_demanded_are_recorded_with_the_approval_that_demands_them() -> None:
    exercise = played(step(-10, "approve-with-checks", checks=("load-test",)))
    assert [(d.action, d.checks) for d in exercise.decisions] == [
        ("approve-with-checks", ("load-test",))]


def _without_plain_approval() -> Scenario:
    scenario = bundled()
    points = tuple(replace(p, without_checks="") for p in scenario.decisions)
    return replace(scenario, decisions=points)


def test_a_point_naming_no_plain_approval_refuses_checks_demanded_with_none_ticked() -> None:
    exercise = exercise_at(_without_plain_approval(), -10)
    with pytest.raises(ActionError, match="tick at least one check"):
        exercise.act(Choice("approve-with-checks"))


def test_after_the_checks_report_the_team_can_still_block_before_deployment() -> None:
    exercise = exercise_at(bundled(), -10)
    exercise.act(Choice("approve-with-checks", checks=("slice-eval",)))
    exercise.clock.jump_to(-5)
    exercise.update()
    point = exercise.open_decision()
    assert point is not None
    assert point.id == "pre-release"
    assert {"approve", "block"} <= offered(exercise)
    assert "approve-with-checks" not in offered(exercise)


def test_the_pre_release_point_closes_at_deployment_and_after_a_final_call() -> None:
    exercise = exercise_at(bundled(), -10)
    exercise.act(Choice("approve-with-checks", checks=("slice-eval",)))
    exercise.act(Choice("approve"))
    assert exercise.open_decision() is None
    assert "block" not in offered(exercise)
    later = exercise_at(bundled(), -10)
    later.act(Choice("approve-with-checks", checks=("slice-eval",)))
    later.clock.jump_to(1)
    later.update()
    assert later.open_decision() is None


def test_a_block_citing_what_the_checks_found_holds_with_zero_harm() -> None:
    exercise = played(step(-10, "approve-with-checks", checks=FINDING),
                      step(-5, "block", ("x-slice-recall",)))
    assert "block-holds" in fired(exercise)
    assert not fired(exercise) & {"block-overruled", "deploy", "early-signals", "confirmation"}
    assert all(item.served_by == "incumbent" for item in exercise.items)
    assert exercise.harm_for(exercise.plan()).as_dict() == dict.fromkeys(
        ("critical_misrouted", "high_priority_missed", "failed"), 0)


def test_a_block_citing_nothing_the_checks_found_is_overruled_and_deploys() -> None:
    exercise = played(step(-10, "approve-with-checks", checks=("load-test",)),
                      step(-5, "block", ("x-load-test",)))
    assert {"block-overruled", "deploy", "early-signals"} <= fired(exercise)
    assert exercise.harm_for(exercise.plan()) == exercise.harm_for(RolloutPlan())


def test_a_block_holds_as_exposure_zero_and_an_overruling_deploys_as_planned() -> None:
    rollout = bundled().rollout
    held = Exposure(rollout, RolloutPlan(((-5.0, "block"),)))
    overruled = Exposure(rollout, RolloutPlan(((-5.0, "block"), (0.0, "deploy"))))
    planned = Exposure(rollout, RolloutPlan())
    assert (held.at(30), held.deployed(30)) == (0.0, False)
    assert [overruled.at(m) for m in (0, 30)] == [planned.at(m) for m in (0, 30)]
    assert overruled.deployed(0)


def test_the_allowed_plays_include_the_held_block_and_beat_the_reference_plan() -> None:
    exercise = played()
    weights = {"critical_misrouted": 1.0, "high_priority_missed": 5.0}
    harms = [exercise.harm_for(plan).weighted(weights)
             for plan in protective_plans(exercise.scenario, exercise.seed)]
    assert min(harms) == 0
    assert min(harms) <= exercise.harm_for(reference_plan(exercise.scenario)).weighted(weights)


def test_after_a_rollback_round_three_comes_but_does_not_ask_the_rollout_call() -> None:
    exercise = exercise_at(bundled(), 20)
    exercise.act(Choice("rollback"))
    exercise.clock.jump_to(56)
    exercise.update()
    assert "confirmation" in fired(exercise)
    assert [o.request.id for o in exercise.open_statements()] == ["incident-statement"]
    assert exercise.open_decision() is None
    assert not offered(exercise) & {"continue", "freeze", "rollback"}


def test_after_a_freeze_the_next_call_offers_every_option_staying_frozen_too() -> None:
    exercise = exercise_at(bundled(), 20)
    exercise.act(Choice("freeze"))
    exercise.clock.jump_to(30)  # between the calls: freezing again would change nothing
    exercise.update()
    assert "freeze" not in offered(exercise)
    exercise.clock.jump_to(56)
    exercise.update()
    point = exercise.open_decision()
    assert point is not None
    assert point.id == "rollout-call"
    assert {"continue", "freeze", "rollback"} <= offered(exercise)
    stay = exercise.act(Choice("freeze", ("r3-missed-escalations",), "stay frozen"))
    assert exercise.open_decision() is None  # the call is answered by staying frozen
    card_context = Context(exercise, [stay])
    assert card_context.moot(stay) == ""  # a decision, judged as one


def test_the_next_inject_is_never_a_contingency() -> None:
    exercise = exercise_at(bundled(), 21)
    assert exercise.next_inject_minute() == 55  # not the advisors' contingency at T+35
    exercise.clock.jump_to(56)
    exercise.update()
    assert exercise.next_inject_minute() == 85  # not the statement chase at T+75


def test_the_next_inject_of_a_held_block_skips_the_rounds_of_a_deployment() -> None:
    exercise = exercise_at(bundled(), -10)
    assert exercise.next_inject_minute() == 0  # the deployment, as things stand
    exercise.act(Choice("approve-with-checks", checks=("slice-eval",)))
    exercise.act(Choice("block", ("x-slice-recall",)))
    assert exercise.next_inject_minute() == 85


def test_a_run_with_checks_and_a_held_block_replays_to_the_same_plan() -> None:
    exercise = run(bundled(), step(-10, "approve-with-checks", checks=FINDING),
                   step(-5, "block", ("x-slice-recall",)))
    line = replay_command(exercise, "student-support-release")
    steps = [parse_action(spec.removeprefix("--action="))
             for spec in line.split() if spec.startswith("--action=")]
    assert play(bundled(), None, steps).plan() == exercise.plan()


def test_an_overruling_applies_from_its_own_minute_however_coarse_the_ticks() -> None:
    coarse = exercise_at(bundled(), -10)
    coarse.act(Choice("block"))
    coarse.clock.jump_to(30)
    coarse.update()
    assert [i.served_by for i in coarse.items if i.minute >= 0] == [
        i.served_by for i in played().items if 0 <= i.minute <= 30]


@pytest.mark.parametrize(("old", "new", "field"), [
    ("    options: [continue, freeze, rollback]\n",
     "    options: [continue, freeze, rollback]\n    keeps_open: [approve]\n", "keeps_open"),
    ("    options: [approve]\n",
     "    options: [approve]\n    without_checks: freeze\n", "without_checks"),
    ("    when: {chose: [freeze]}", "    when: {chose: [freeze], cited_none: [nope]}",
     "cited_none"),
])
def test_the_new_fields_name_what_exists(old: str, new: str, field: str) -> None:
    with pytest.raises(ScenarioError, match=field):
        mini(mutate(old, new))

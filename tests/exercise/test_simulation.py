"""The simulation: deterministic runs, and actions that change exposure and harm."""

from __future__ import annotations

from tabletop.exercise.engine import Choice, Exercise
from tabletop.exercise.signals import Snapshot
from tabletop.exercise.simulation import Exposure, Harm, Item, RolloutPlan, count_harm, serving
from tabletop.scenario.model import Scenario
from tabletop.scenario.stream import Rollout, RolloutStage
from tests.helpers import bundled, exercise_at, played, reference_plan, run, step

MINUTES = (-10.0, 0.0, 10.0, 20.0, 30.0, 45.0, 55.0, 70.0, 90.0)
"""Minutes at which the dashboard is sampled."""


def scenario() -> Scenario:
    return bundled()


def played_with_snapshots(seed: int, *steps: tuple[float, str]) -> tuple[Exercise, list[Snapshot]]:
    """A run ticked at MINUTES, acting at the given minutes, with the dashboard at each tick."""
    exercise = exercise_at(scenario(), scenario().start_minute, seed)
    pending = sorted(steps)
    shots = []
    for minute in MINUTES:
        while pending and pending[0][0] <= minute:
            at, action = pending.pop(0)
            exercise.clock.jump_to(at)
            exercise.act(Choice(action))
        exercise.clock.jump_to(minute)
        exercise.update()
        shots.append(exercise.snapshot())
    return exercise, shots


def harm(exercise: Exercise) -> Harm:
    return count_harm(exercise.scenario.stream, exercise.items,
                      exercise.scenario.rollout.deploy_minute)


def exposure(exercise: Exercise, minute: float) -> float:
    return exercise.simulation.exposure.at(minute)


# --- determinism -----------------------------------------------------------------------------


def test_the_same_seed_and_actions_give_identical_items() -> None:
    first = run(scenario(), step(22, "freeze"), step(30, "rollback"), seed=11)
    second = run(scenario(), step(22, "freeze"), step(30, "rollback"), seed=11)
    assert first.items == second.items
    assert [f.minute for f in first.fired] == [f.minute for f in second.fired]


def test_the_same_seed_and_actions_give_identical_snapshots() -> None:
    _, first = played_with_snapshots(11, (22.0, "freeze"))
    _, second = played_with_snapshots(11, (22.0, "freeze"))
    assert first == second


def test_a_run_ticked_more_often_gives_the_same_items_and_injects() -> None:
    coarse = run(scenario(), step(22, "freeze"), seed=5)
    fine = exercise_at(scenario(), scenario().start_minute, seed=5)
    minute = scenario().start_minute
    while minute < scenario().end_minute:
        minute += 0.25
        fine.clock.jump_to(minute)
        fine.update()
        if minute == 22.0:
            fine.act(Choice("freeze"))
    assert fine.items == coarse.items
    assert [(f.inject.id, f.minute) for f in fine.fired] == \
        [(f.inject.id, f.minute) for f in coarse.fired]


def test_a_different_seed_gives_different_items() -> None:
    assert run(scenario(), seed=1).items != run(scenario(), seed=2).items


def test_no_seed_means_the_scenarios_default_seed() -> None:
    assert played().items == run(scenario(), seed=scenario().default_seed).items


# --- exposure ---------------------------------------------------------------------------------


def test_nobody_acting_the_release_follows_its_plan_stage_by_stage() -> None:
    exercise = played()
    first, last = scenario().rollout.plan[0], scenario().rollout.plan[-1]
    deploy = scenario().rollout.deploy_minute
    assert first.hold_minutes is not None
    ramp_starts = deploy + first.hold_minutes
    assert exposure(exercise, deploy) == first.share
    assert exposure(exercise, ramp_starts) == first.share
    assert first.share < exposure(exercise, ramp_starts + last.ramp_minutes / 2) < last.share
    assert exposure(exercise, ramp_starts + last.ramp_minutes) == last.share
    assert exposure(exercise, scenario().end_minute) == last.share


def test_no_traffic_reaches_the_candidate_before_deployment() -> None:
    exercise = played()
    deploy = scenario().rollout.deploy_minute
    assert exposure(exercise, deploy - 0.01) == 0.0
    assert all(i.served_by != "candidate" for i in exercise.items if i.minute < deploy)


def test_a_freeze_holds_exposure_at_25_percent() -> None:
    exercise = played(step(22, "freeze"))
    assert all(exposure(exercise, m) == 0.25 for m in (22, 30, 60, scenario().end_minute))


def test_a_freeze_holds_exposure_at_25_percent_on_the_dashboard() -> None:
    _, shots = played_with_snapshots(scenario().default_seed, (22.0, "freeze"))
    assert [s.exposure for s in shots if s.minute >= 22] == [0.25] * 5


def test_a_rollback_drains_to_zero_over_the_drain_minutes() -> None:
    drain = scenario().rollout.drain_minutes
    exercise = played(step(21, "rollback"))
    assert exposure(exercise, 21) == 0.25
    assert 0.0 < exposure(exercise, 21 + drain / 2) < 0.25
    assert exposure(exercise, 21 + drain) == 0.0
    assert exposure(exercise, scenario().end_minute) == 0.0


def test_a_rollback_drains_steadily() -> None:
    drain = scenario().rollout.drain_minutes
    exercise = played(step(21, "rollback"))
    shares = [exposure(exercise, 21 + drain * k / 10) for k in range(11)]
    assert shares == sorted(shares, reverse=True)
    assert len(set(shares)) == 11


def test_no_ticket_reaches_the_candidate_once_a_rollback_has_drained() -> None:
    drain = scenario().rollout.drain_minutes
    exercise = played(step(21, "rollback"))
    assert all(i.served_by != "candidate" for i in exercise.items if i.minute >= 21 + drain)
    assert any(i.served_by == "candidate" for i in exercise.items if 21 <= i.minute < 21 + drain)


def test_continue_ramps_to_100_percent() -> None:
    ramp = scenario().rollout.ramp_minutes
    exercise = played(step(21, "continue"))
    assert 0.25 < exposure(exercise, 21 + ramp / 2) < 1.0
    assert exposure(exercise, 21 + ramp) == 1.0
    assert exposure(exercise, scenario().end_minute) == 1.0


def test_a_rollback_after_a_freeze_drains_from_the_frozen_share() -> None:
    drain = scenario().rollout.drain_minutes
    exercise = played(step(22, "freeze"), step(26, "rollback"))
    assert exposure(exercise, 26) == 0.25
    assert exposure(exercise, 26 + drain) == 0.0


# --- harm -------------------------------------------------------------------------------------


def test_a_rollback_at_21_leaves_less_harm_than_nobody_acting() -> None:
    rolled_back = harm(played(step(21, "rollback")))
    nobody = harm(played())
    assert rolled_back.critical_misrouted < nobody.critical_misrouted


def test_continuing_at_21_leaves_more_harm_than_nobody_acting() -> None:
    continued = harm(played(step(21, "continue")))
    nobody = harm(played())
    assert continued.critical_misrouted > nobody.critical_misrouted
    assert continued.high_priority_missed >= nobody.high_priority_missed


def test_an_earlier_rollback_leaves_no_more_harm_than_a_later_one() -> None:
    early = harm(played(step(21, "rollback")))
    late = harm(played(step(56, "rollback")))
    assert early.critical_misrouted < late.critical_misrouted


def test_only_the_candidates_errors_count_as_harm() -> None:
    exercise = played()
    stream = scenario().stream
    counted = [i for i in exercise.items if i.served_by == "candidate" and i.minute >= 0
               and i.true_class == stream.critical_class and i.routed == stream.fallback_class
               and i.shadow_routed == i.true_class]
    assert harm(exercise).critical_misrouted == len(counted) > 0


def routed(exercise: Exercise, plan: RolloutPlan, until: float) -> list[Item]:
    """Every item of the run's stream to `until`, routed as `plan` would have had it served:
    the oracle the simulation's shortcuts are checked against."""
    tickets, exposure = exercise.simulation.tickets, Exposure(exercise.scenario.rollout, plan)
    return [tickets.item(d, serving(d, exposure)) for d in tickets.until(until)
            if d.minute <= until]


def test_the_counterfactual_baseline_equals_a_run_with_no_actions() -> None:
    acted = played(step(22, "freeze"), step(26, "rollback"))
    nobody = played()
    end = scenario().end_minute
    assert routed(acted, RolloutPlan(), end) == nobody.items
    assert acted.harm_for(RolloutPlan()) == harm(nobody)


def test_the_candidates_items_are_the_counterfactuals_items_it_serves_after_a_minute() -> None:
    exercise = played()
    end = scenario().end_minute
    for plan in (RolloutPlan(), RolloutPlan().with_effect(30, "continue"),
                 RolloutPlan().with_effect(20, "freeze").with_effect(40, "rollback")):
        served = [i for i in routed(exercise, plan, end)
                  if i.served_by == "candidate" and i.minute >= 5]
        assert exercise.simulation.candidate_items(plan, 5, end) == served != []


def test_the_harm_of_the_teams_own_plan_equals_the_harm_of_its_routed_items() -> None:
    exercise = played(step(22, "freeze"), step(26, "rollback"))
    assert exercise.harm_for(exercise.plan()) == harm(exercise)


def test_the_best_case_is_the_reference_plan_played() -> None:
    reference = scenario().rubric.reference_plan
    exercise = played(*(step(p.minute, p.action) for p in reference))
    assert exercise.harm_for(reference_plan(exercise.scenario)) == harm(exercise)


# --- routed items are history -------------------------------------------------------------------


def test_items_routed_before_an_action_never_change_after_it() -> None:
    exercise = exercise_at(scenario(), 21.0)
    before = list(exercise.items)
    assert before
    exercise.act(Choice("rollback"))
    exercise.clock.jump_to(scenario().end_minute)
    exercise.update()
    assert exercise.items[: len(before)] == before


def test_items_before_an_action_match_the_nobody_acted_run() -> None:
    acted = played(step(21, "continue"))
    nobody = played()
    early = [i for i in acted.items if i.minute < 21]
    assert early == nobody.items[: len(early)]
    later = [i for i in acted.items if i.minute >= 21]
    assert later != nobody.items[len(early):]


def test_an_action_takes_effect_at_the_clock_minute() -> None:
    exercise = exercise_at(scenario(), 21.004)
    decision = exercise.act(Choice("freeze"))
    assert decision.minute == 21.004  # the clock shows T+21:00, and so does the stamp
    assert max(i.minute for i in exercise.items) <= 21.004


def test_an_old_journal_s_action_took_effect_at_the_next_hundredth() -> None:
    exercise = exercise_at(scenario(), 21.004)
    exercise.hundredths = True
    assert exercise.act(Choice("freeze")).minute == 21.01


def test_the_ticket_arrival_times_do_not_depend_on_the_actions() -> None:
    acted = played(step(21, "rollback"))
    nobody = played()
    assert [(i.id, i.minute, i.segment, i.true_class) for i in acted.items] == \
        [(i.id, i.minute, i.segment, i.true_class) for i in nobody.items]


# --- the rollout plan ---------------------------------------------------------------------------


STAGED = Rollout(deploy_minute=0, ramp_minutes=10, drain_minutes=4, stages=(
    RolloutStage(0.1, hold_minutes=30, checkpoint="canary review"),
    RolloutStage(0.5, hold_minutes=20, ramp_minutes=10),
    RolloutStage(1.0, ramp_minutes=5)))


def share(plan: RolloutPlan, minute: float) -> float:
    return round(Exposure(STAGED, plan).at(minute), 6)


def test_with_nobody_acting_the_plan_runs_stage_by_stage() -> None:
    nobody = RolloutPlan()
    assert [share(nobody, m) for m in (0, 30, 35, 40, 60, 62.5, 65, 90)] == [
        0.1, 0.1, 0.3, 0.5, 0.5, 0.75, 1.0, 1.0]
    exposure = Exposure(STAGED, nobody)
    assert [exposure.stage_at(m) for m in (-1, 0, 35, 40, 65)] == [None, 0, 1, 1, 2]
    assert exposure.next_stage_minute(10) == 30
    assert exposure.next_stage_minute(45) == 60
    assert exposure.next_stage_minute(70) is None


def test_a_freeze_holds_the_share_and_stops_the_plan() -> None:
    frozen = RolloutPlan().with_effect(35, "freeze")
    assert [share(frozen, m) for m in (35, 60, 90)] == [0.3, 0.3, 0.3]
    assert Exposure(STAGED, frozen).stage_at(40) is None


def test_a_continue_moves_to_the_next_stage_now_and_the_plan_goes_on_from_there() -> None:
    continued = RolloutPlan().with_effect(10, "continue")
    assert [share(continued, m) for m in (10, 15, 20, 40, 42.5, 45)] == [
        0.1, 0.3, 0.5, 0.5, 0.75, 1.0]


def test_a_continue_after_a_freeze_resumes_at_the_stage_after_the_one_frozen_in() -> None:
    plan = RolloutPlan().with_effect(10, "freeze").with_effect(20, "continue")
    assert [share(plan, m) for m in (15, 25, 30, 50, 52.5)] == [0.1, 0.3, 0.5, 0.5, 0.75]


def test_a_rollback_drains_whatever_stage_the_plan_was_in() -> None:
    plan = RolloutPlan().with_effect(62.5, "rollback")
    assert [share(plan, m) for m in (62.5, 64.5, 66.5, 90)] == [0.75, 0.375, 0.0, 0.0]


def test_the_default_scenario_left_alone_does_more_harm_than_a_freeze_that_stops_its_plan(
) -> None:
    nobody, frozen = played(), played(step(20, "freeze"))
    expert = played(step(20, "rollback"))
    weights = scenario().rubric.harm_weights
    assert harm(expert).weighted(weights) < harm(frozen).weighted(weights) \
        < harm(nobody).weighted(weights)

"""The evidence players read and the signals they watch tell the same story.

With the default seed and nobody acting, the dashboard's derived figures must equal the scenario
pack's at the pack's minutes. If a change to the stream model breaks this, recalibrate the seed
(see docs/scenario-format.md) rather than editing the evidence.
"""

from __future__ import annotations

from tabletop.exercise.clock import FakeTime, GameClock
from tabletop.exercise.engine import Choice, Exercise
from tabletop.exercise.replay import PlannedStep, play
from tabletop.scenario.bundled import bundled_scenarios
from tabletop.scenario.loader import load_scenario
from tabletop.scenario.model import Scenario


def _scenario() -> Scenario:
    return load_scenario(bundled_scenarios()["student-support-release"])


def _exercise_at(minute: float) -> Exercise:
    scenario = _scenario()
    clock = GameClock(scenario.start_minute, speed=60.0, time_source=FakeTime())
    exercise = Exercise(scenario, clock=clock)
    clock.jump_to(minute)
    exercise.update()
    return exercise


def test_urgent_to_general_rises_18_percent_by_t20() -> None:
    snap = _exercise_at(20).snapshot()
    assert snap.critical_change_percent is not None
    assert round(snap.critical_change_percent) == 18


def test_manual_overrides_rise_from_4_to_19_by_t20() -> None:
    snap = _exercise_at(20).snapshot()
    assert (snap.overrides_baseline, snap.overrides) == (4, 19)


def test_latency_stays_healthy_at_t20() -> None:
    snap = _exercise_at(20).snapshot()
    assert snap.latency_p95_ms < 250
    assert snap.error_rate < 0.01


def test_two_high_priority_cases_miss_the_urgent_path_by_t55() -> None:
    exercise = _exercise_at(55)
    assert exercise.snapshot().harm.high_priority_missed == 2


def test_last_weeks_shadow_model_routes_both_missed_cases_correctly() -> None:
    exercise = _exercise_at(55)
    missed = [i for i in exercise.items if i.high_priority and i.routed == "general"
              and i.minute >= 0]
    assert len(missed) == 2
    assert all(i.shadow_routed == "urgent" for i in missed)


def test_confidence_on_wrong_multilingual_labels_is_high_at_t55() -> None:
    exercise = _exercise_at(55)
    wrong = [i.confidence for i in exercise.items
             if i.served_by == "candidate" and i.segment != "English" and i.misrouted]
    assert wrong
    assert sum(wrong) / len(wrong) > 0.85


def test_nobody_acting_reads_the_pack_word_for_word() -> None:
    scenario = _scenario()
    exercise = play(scenario, None, [])
    texts = {e.id: e.text for _, e in exercise.revealed()}
    assert texts["r1-f1"] == "offline F1 score improved from 0.81 to 0.87"
    assert texts["r1-rollout-plan"] == "rollout plan uses a 25% traffic split for the first hour"
    assert texts["r2-urgent-to-general"] == (
        "urgent support tickets routed to the general queue increase by 18%")
    assert texts["r2-overrides"] == "manual override actions rise from 4 to 19"
    assert texts["r3-missed-escalations"] == (
        "two high-priority student cases miss the urgent escalation path")
    assert texts["r3-shadow-correct"] == (
        "the shadow model from last week would have classified both correctly")
    assert texts["r3-comms-request"] == (
        "the communications team requests an incident statement within 30 minutes")


def test_evidence_follows_what_the_team_did() -> None:
    scenario = _scenario()
    exercise = play(scenario, None, [PlannedStep(21, Choice("rollback"))])
    texts = {e.id: e.text for _, e in exercise.revealed()}
    assert texts["r3-missed-escalations"] == (
        "one high-priority student case misses the urgent escalation path")

"""Signals and checklists the dashboard shows are the core's call, not the screen's."""

from __future__ import annotations

from tests.core.helpers import bundled, exercise_at


def test_infrastructure_alarms_stay_green_while_urgent_tickets_are_misrouted() -> None:
    snap = exercise_at(bundled("student-support-release"), 55).snapshot()
    assert snap.harm.high_priority_missed > 0
    assert not snap.latency_alert and not snap.error_alert


def test_repeated_gateway_5xx_raise_the_error_alert() -> None:
    scenario = bundled("pricing-assistant-incident")
    assert not exercise_at(scenario, 5).snapshot().error_alert
    snap = exercise_at(scenario, 15).snapshot()
    assert snap.error_alert and snap.latency_alert


def test_runbook_lines_tick_when_an_action_of_their_step_is_taken() -> None:
    scenario = bundled("pricing-assistant-incident")
    exercise = exercise_at(scenario, 1)
    assert not any(exercise.runbook_done())
    exercise.act("rollback")
    exercise.act("mark-run-failed")
    done = dict(zip(scenario.runbook, exercise.runbook_done(), strict=True))
    assert all(ok for line, ok in done.items() if line.startswith(("Stabilise", "Contain")))
    assert not any(ok for line, ok in done.items() if line.startswith("Notify"))

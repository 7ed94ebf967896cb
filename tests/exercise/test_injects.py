"""Conditional injects fire when, and only when, their condition holds."""

from __future__ import annotations

import pytest

from tabletop.exercise.engine import ActionError, Choice, Exercise
from tabletop.exercise.replay import PlannedStatement
from tests.helpers import bundled, exercise_at, mini, run, step


def fired(exercise: Exercise) -> dict[str, float]:
    return {f.inject.id: f.minute for f in exercise.fired}


def test_scheduled_injects_fire_at_their_minutes() -> None:
    minutes = fired(run(mini()))
    assert (minutes["briefing"], minutes["signals"], minutes["confirmation"]) == (-10, 10, 30)


def test_a_demanded_check_reveals_its_extra_evidence() -> None:
    exercise = run(mini(), step(-10, "approve", checks=("slice-eval",)))
    assert "slice-result" in fired(exercise)
    assert "slice-gap" in exercise.revealed_ids()


def test_a_check_not_demanded_reveals_nothing() -> None:
    exercise = run(mini(), step(-10, "approve"))
    assert "slice-result" not in fired(exercise)


def test_a_chosen_action_fires_its_follow_up_when_it_is_taken() -> None:
    assert fired(run(mini(), step(12, "freeze")))["frozen-followup"] == 12


def test_a_follow_up_waits_for_its_action() -> None:
    assert "frozen-followup" not in fired(run(mini(), step(12, "rollback")))


def test_a_contingency_fires_when_the_expected_action_was_not_taken() -> None:
    assert fired(run(mini()))["escalation"] == 20


def test_a_contingency_does_not_fire_once_the_expected_action_was_taken() -> None:
    assert "escalation" not in fired(run(mini(), step(15, "rollback")))


def test_a_contingency_fires_when_the_action_comes_too_late() -> None:
    assert "escalation" in fired(run(mini(), step(25, "rollback")))


def test_a_statement_contingency_fires_when_no_statement_was_sent() -> None:
    assert fired(run(mini()))["chase"] == 40


def test_a_statement_contingency_does_not_fire_once_the_statement_was_sent() -> None:
    sent = (PlannedStatement(35, "notice", "misrouted tickets; students affected"),)
    assert "chase" not in fired(run(mini(), statements=sent))


def test_an_exposure_condition_fires_when_the_candidate_serves_enough_traffic() -> None:
    assert fired(run(mini(), step(5, "continue")))["full-traffic"] == 25


def test_an_exposure_condition_does_not_fire_at_the_initial_share() -> None:
    assert "full-traffic" not in fired(run(mini()))


def test_an_inject_fires_at_its_own_minute_however_late_the_clock_is_ticked() -> None:
    exercise = run(mini(), step(50, "freeze"))
    assert fired(exercise)["escalation"] == 20


def test_checks_go_only_with_the_option_that_demands_them() -> None:
    scenario = bundled("student-support-release")
    point = next(p for p in scenario.decisions if p.checks)
    assert point.checks_with == "approve-with-checks"
    exercise = exercise_at(scenario, scenario.start_minute)
    with pytest.raises(ActionError, match="extra checks go with 'Approve with extra checks'"):
        exercise.act(Choice("approve", checks=(point.checks[0].id,)))
    assert exercise.decisions == []
    exercise.act(Choice("approve-with-checks", checks=(point.checks[0].id,)))
    assert exercise.decisions[-1].checks == (point.checks[0].id,)


def test_a_figure_said_of_no_missed_case_reads_as_english() -> None:
    """Rolled back as the canary starts, no high-priority case is missed by round 3: the
    evidence that says what the shadow model would have done with the missed cases never reads
    "all 0"."""
    played = run(bundled(), step(0, "approve"), step(1, "rollback"))
    said = {e.id: e.text for _, e in played.revealed()}
    assert "all 0" not in said["r3-shadow-correct"]
    assert said["r3-shadow-correct"].endswith("any such case correctly")

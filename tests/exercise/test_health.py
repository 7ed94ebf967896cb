"""Signals and checklists the dashboard shows are the core's call, not the screen's."""

from __future__ import annotations

from tabletop.exercise.engine import Choice
from tabletop.scenario.loader import parse_scenario
from tests.helpers import FILE, bundled, exercise_at, mutate


def test_infrastructure_alarms_stay_green_while_urgent_tickets_are_misrouted() -> None:
    snap = exercise_at(bundled("student-support-release"), 55).snapshot()
    assert snap.harm.high_priority_missed > 0
    assert not snap.latency_alert
    assert not snap.error_alert


def test_repeated_gateway_5xx_raise_the_error_alert() -> None:
    scenario = bundled("pricing-assistant-incident")
    assert not exercise_at(scenario, 5).snapshot().error_alert
    snap = exercise_at(scenario, 15).snapshot()
    assert snap.error_alert
    assert snap.latency_alert


def test_each_runbook_line_ticks_only_for_what_it_names() -> None:
    scenario = bundled("pricing-assistant-incident")
    exercise = exercise_at(scenario, 1)
    assert not any(exercise.runbook_done())
    exercise.act(Choice("rollback"))
    exercise.act(Choice("mark-run-failed"))
    # Rolling back ticks the rollback line, not its "if rollback is unavailable" sibling.
    assert exercise.runbook_done() == (True, False, True, False, False, False, False, False,
                                       False)
    assert scenario.runbook_lines[1].text.startswith("Stabilise, if rollback is unavailable")


def test_the_statement_a_runbook_line_names_ticks_it() -> None:
    scenario = bundled("pricing-assistant-incident")
    stub = next(n for n, line in enumerate(scenario.runbook_lines)
                if "incident-stub" in line.done_by)
    request = scenario.statements[0]
    asked = next(i.minute for i in scenario.injects if i.requests_statement == request.id)
    exercise = exercise_at(scenario, asked + 1)
    exercise.submit_statement(request.id, {f: "trace 1" for f in request.fields})
    assert exercise.runbook_done()[stub]
    assert sum(exercise.runbook_done()) == 1


def test_a_plain_text_runbook_line_ticks_for_any_action_of_its_step() -> None:
    text = mutate("end_minute: 60", "end_minute: 60\nrunbook:\n"
                  "  - \"Halt: roll back the release\"\n"
                  "  - {text: \"Halt: freeze\", done_by: [freeze]}\n"
                  "  - \"Review: find the cause\"")
    text = text.replace("    label: Roll back\n", "    label: Roll back\n    step: halt\n")
    exercise = exercise_at(parse_scenario(text, FILE), 20)
    exercise.act(Choice("rollback"))
    assert exercise.runbook_done() == (True, False, False)

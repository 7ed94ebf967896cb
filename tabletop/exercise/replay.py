"""Play a scenario headless from planned actions, and write the command line that replays a run."""

from __future__ import annotations

import json
import shlex
from collections.abc import Sequence

from tabletop.exercise.clock import FakeTime, GameClock
from tabletop.exercise.engine import Exercise
from tabletop.scenario.model import Scenario
from tabletop.scenario.record import record


@record
class PlannedStep:
    """An action the team takes at a scenario minute (`--action`)."""

    minute: float
    """Scenario minute."""
    action: str
    """Action id."""
    cited: tuple[str, ...] = ()
    """Evidence ids cited."""
    checks: tuple[str, ...] = ()
    """Pre-release checks demanded."""


@record
class PlannedStatement:
    """A communication submitted at a scenario minute (`--statement`)."""

    minute: float
    """Scenario minute."""
    request: str
    """Communication request id."""
    text: str
    """The text; a JSON object for requests with several fields."""


def _minute(text: str, spec: str) -> float:
    try:
        return float(text.removeprefix("T").removeprefix("+"))
    except ValueError:
        raise ValueError(f"{spec!r}: {text!r} is not a scenario minute") from None


def _ids(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def parse_action(spec: str) -> PlannedStep:
    """`MINUTE:ACTION[:EVIDENCE,...[:CHECK,...]]`, e.g. `22:freeze:r2-overrides,r2-reviewer`."""
    parts = spec.split(":")
    if len(parts) < 2 or len(parts) > 4 or not parts[1].strip():
        raise ValueError(f"{spec!r}: expected MINUTE:ACTION[:EVIDENCE_ID,...[:CHECK_ID,...]]")
    cited = _ids(parts[2]) if len(parts) > 2 else ()
    checks = _ids(parts[3]) if len(parts) > 3 else ()
    return PlannedStep(_minute(parts[0], spec), parts[1].strip(), cited, checks)


def parse_statement(spec: str) -> PlannedStatement:
    """`MINUTE:REQUEST:TEXT`; TEXT may be a JSON object of fields."""
    parts = spec.split(":", 2)
    if len(parts) != 3:
        raise ValueError(f"{spec!r}: expected MINUTE:REQUEST:TEXT")
    return PlannedStatement(_minute(parts[0], spec), parts[1].strip(), parts[2])


def statement_fields(scenario: Scenario, planned: PlannedStatement) -> dict[str, str]:
    """The fields of a planned statement, by the request's field names."""
    request = scenario.statement_request(planned.request)
    text = planned.text.strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise ValueError(f"statement for {planned.request!r}: bad JSON ({err.msg})") from None
        if not isinstance(data, dict):
            raise ValueError(f"statement for {planned.request!r}: expected a JSON object")
        return {str(k): str(v) for k, v in data.items()}
    return {request.fields[0]: planned.text}


def play(
    scenario: Scenario, seed: int | None, steps: Sequence[PlannedStep],
    statements: Sequence[PlannedStatement] = (),
) -> Exercise:
    """Run the whole scenario with these actions and statements at their minutes."""
    clock = GameClock(scenario.start_minute, speed=60.0, time_source=FakeTime())
    exercise = Exercise(scenario, seed, clock)
    known = {r.id for r in scenario.statements}
    unknown = [s.request for s in statements if s.request not in known]
    if unknown:
        raise ValueError(f"unknown communication request: {', '.join(unknown)}")
    events: list[tuple[float, int, PlannedStep | PlannedStatement]] = [
        *((s.minute, 0, s) for s in steps), *((s.minute, 1, s) for s in statements)]
    for minute, _, event in sorted(events, key=lambda e: (e[0], e[1])):
        if not scenario.start_minute <= minute <= scenario.end_minute:
            raise ValueError(f"minute {minute:g} is outside the exercise "
                             f"({scenario.start_minute:g} to {scenario.end_minute:g})")
        clock.jump_to(minute)
        exercise.update()
        if isinstance(event, PlannedStep):
            exercise.act(event.action, event.cited, checks=event.checks)
        else:
            exercise.submit_statement(event.request, statement_fields(scenario, event))
    clock.jump_to(scenario.end_minute)
    exercise.update()
    return exercise


def replay_command(exercise: Exercise, scenario_ref: str) -> str:
    """The `tabletop simulate` command line that reproduces this run and its score."""
    args = ["tabletop", "simulate", scenario_ref, "--seed", str(exercise.seed)]
    for d in exercise.decisions:
        spec = f"{d.minute:g}:{d.action}"
        if d.cited or d.checks:
            spec += ":" + ",".join(d.cited)
        if d.checks:
            spec += ":" + ",".join(d.checks)
        args.append(f"--action={spec}")
    for s in exercise.statements:
        request = exercise.scenario.statement_request(s.request)
        single = list(s.fields) == [request.fields[0]]
        text = s.fields[request.fields[0]] if single else json.dumps(s.fields)
        args.append(f"--statement={s.minute:g}:{s.request}:{text}")
    return " ".join(shlex.quote(a) for a in args)


def reference_evidence(scenario: Scenario, seed: int | None = None) -> dict[str, str]:
    """Every evidence text as a run with nobody acting renders it at its inject's minute.

    For artefacts drawn from the scenario file alone (the timeline board): with the default
    seed these are the figures the scenario's source material states.
    """
    exercise = play(scenario, seed, [])
    return {e.id: e.text for inject in scenario.injects
            for e in exercise.render_evidence(inject, inject.minute)}

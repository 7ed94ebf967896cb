"""The replay engine: steps taken at their scenario minutes, through the same validated path
the players use; headless play from planned steps; the command line that replays a run.

A step is an action, a communication or a round of workshop votes at a scenario minute.
`take_step` stands the clock at its minute, brings the exercise up to it and takes it through
`Exercise.act` or `Exercise.submit_statement` (or through a `Session`, which journals it):

- `play` (`tabletop simulate`) plays a whole scenario from planned steps;
- `journal.restore` replays a session's journal, a step per recorded decision and statement;
- `journal.setup.play_to` prepares a journalled session at a given minute (for UI tests).

A step's minute is where the clock stands, and it takes effect there (`effect_minute`). In a
journal written before that rule (`Exercise.hundredths`), a step took effect at the next
hundredth. Such a journalled step's minute is the one it took effect at, and the journal
only tells how far the clock had at least gone before it (`not_before`). Live, the clock
usually stood just before that hundredth, so an inject due at that very minute saw the step;
it stood exactly on it only if the journal shows so (a jump, a pause, an inject due then), and
then such an inject came first. So a journalled step is taken at the later of `not_before` and
the earliest clock minute with the same effect minute, or, if the exercise refuses it there
(an action only available from that minute), with the clock on the minute itself.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Protocol

from tabletop.base.record import record
from tabletop.exercise.clock import FakeTime, GameClock
from tabletop.exercise.engine import (
    ActionError,
    Choice,
    Decision,
    Exercise,
    StatementRecord,
)
from tabletop.exercise.steering import Steer, steer, steer_from_spec, steer_spec
from tabletop.scenario.model import Scenario


@record
class PlannedStep:
    """An action taken at a scenario minute (`--action`, or a decision from a journal)."""

    minute: float
    """Scenario minute the clock stands at; it takes effect at the next hundredth. For a
    journalled step, the minute it took effect."""
    choice: Choice
    """What the team chose."""
    not_before: float | None = None
    """A journalled step: the clock stood somewhere from this minute to `minute`, the minute
    it took effect; None for a planned step, taken with the clock at `minute`."""


@record
class PlannedStatement:
    """A communication submitted at a scenario minute (`--statement`, or from a journal)."""

    minute: float
    """Scenario minute the clock stands at; it is sent at the next hundredth. For a
    journalled statement, the minute it was sent."""
    request: str
    """Communication request id."""
    text: str = ""
    """The text; a JSON object for requests with several fields (when `fields` is None)."""
    fields: dict[str, str] | None = None
    """Field name to text, when known as such (a journalled statement)."""
    not_before: float | None = None
    """A journalled statement: as `PlannedStep.not_before`."""


@record
class PlannedVotes:
    """Every team's vote at a decision point, then the room's decision (workshop mode)."""

    minute: float
    """Scenario minute the clock stands at."""
    votes: tuple[Decision, ...]
    """Each team's choice; their minutes are set when they are recorded."""
    pick: str | None = None
    """The room's decision as the facilitator confirmed it: the majority when None or equal
    to it, else the facilitator's pick (needed on a tie)."""


@record
class PlannedSteer:
    """A facilitator's steering move at a scenario minute (`--steer`): replayed on the
    exercise itself, as `simulate` replays a steered run's line (`replay_command`)."""

    minute: float
    """Scenario minute the clock stands at."""
    move: Steer
    """The move (`exercise.steering`)."""


Step = PlannedStep | PlannedStatement | PlannedVotes | PlannedSteer
"""Anything a replay takes at a minute."""


class StepError(ActionError):
    """A step that cannot be taken: the step and the reason (the message is the reason)."""

    def __init__(self, step: Step, reason: str) -> None:
        super().__init__(reason)
        self.step = step
        self.reason = reason


class Actor(Protocol):
    """What takes the steps: `Direct` (the exercise itself), or a `journal.session.Session`
    over the exercise, which journals each one."""

    def jump_to(self, minute: float, /) -> object:
        """Stand the clock at `minute` and bring the exercise up to it."""

    def act(self, choice: Choice, /) -> Decision:
        """Take the team's choice now (validated by `Exercise.act`)."""

    def submit_statement(self, request: str, fields: dict[str, str], /) -> StatementRecord:
        """Send a communication now (validated by `Exercise.submit_statement`)."""

    def record_votes(self, votes: Iterable[Decision], pick: str | None, /) -> Decision:
        """Record the teams' votes and take the room's decision."""


class Direct:
    """Takes steps on the exercise itself, journalling nothing (`simulate`, restoring)."""

    def __init__(self, exercise: Exercise) -> None:
        self.exercise = exercise

    def jump_to(self, minute: float) -> object:
        """Stand the clock at `minute` and bring the exercise up to it."""
        self.exercise.clock.jump_to(minute)
        return self.exercise.update()

    def act(self, choice: Choice) -> Decision:
        """Take the team's choice now."""
        return self.exercise.act(choice)

    def submit_statement(self, request: str, fields: dict[str, str]) -> StatementRecord:
        """Send a communication now."""
        return self.exercise.submit_statement(request, fields)

    def record_votes(self, votes: Iterable[Decision], pick: str | None) -> Decision:
        """Votes are a session's: the room's decision follows them there."""
        raise ActionError("workshop votes are recorded through a session")


def earliest_clock(effect: float) -> float:
    """A clock minute just after the hundredth before `effect` (itself a hundredth): the
    earliest, to a millionth of a hundredth, from which an action takes effect at `effect`."""
    return (round(effect * 100) - 1 + 1e-5) / 100


def take_step(exercise: Exercise, step: Step, actor: Actor | None = None) -> None:
    """Take one step at its minute, through `actor` (the exercise itself when None).

    Raises `StepError` when the exercise refuses it, or when a journalled step would not take
    effect at the minute it was journalled at.
    """
    actor = actor or Direct(exercise)
    # Votes are journalled as votes and restored as such, never replayed: always planned.
    # With actions stamped at the clock's minute, a step is taken with the clock on its minute.
    not_before = None if isinstance(step, PlannedVotes | PlannedSteer) \
        or not exercise.hundredths else step.not_before
    start = step.minute
    if not_before is not None:
        start = min(step.minute, max(not_before, earliest_clock(step.minute)))
    try:
        try:
            actor.jump_to(start)
            minute = _apply(exercise, step, actor)
        except ActionError:
            if start >= step.minute:
                raise
            # Refused just after the previous hundredth (an action that only became
            # available at its minute): the clock stood at the minute itself.
            actor.jump_to(step.minute)
            minute = _apply(exercise, step, actor)
    except StepError:
        raise
    except ActionError as err:
        raise StepError(step, str(err)) from None
    if not_before is not None and minute != step.minute:
        raise StepError(step, f"it now takes effect at minute {minute:g}")


def _apply(exercise: Exercise, step: Step, actor: Actor) -> float:
    """Take the step with the clock where it stands; the minute it took effect."""
    if isinstance(step, PlannedStep):
        return actor.act(step.choice).minute
    if isinstance(step, PlannedStatement):
        fields = step.fields if step.fields is not None else \
            statement_fields(exercise.scenario, step)
        return actor.submit_statement(step.request, fields).minute
    if isinstance(step, PlannedSteer):
        steer(exercise, replace(step.move, minute=exercise.minute))
        return exercise.minute
    return actor.record_votes(step.votes, step.pick).minute


def take_steps(exercise: Exercise, steps: Iterable[Step], actor: Actor | None = None) -> None:
    """Take each step at its minute, in the order given (`take_step`)."""
    actor = actor or Direct(exercise)
    for step in steps:
        take_step(exercise, step, actor)


def in_order(scenario: Scenario, steps: Iterable[Step]) -> list[Step]:
    """Planned steps in time order, actions and votes before statements at the same minute.

    Raises ValueError for a minute outside the exercise or an unknown communication request.
    """
    steps = list(steps)
    known = {r.id for r in scenario.statements}
    unknown = [s.request for s in steps if isinstance(s, PlannedStatement)
               and s.request not in known]
    if unknown:
        raise ValueError(f"unknown communication request: {', '.join(unknown)}")
    for s in steps:
        if not scenario.start_minute <= s.minute <= scenario.end_minute:
            raise ValueError(f"minute {s.minute:g} is outside the exercise "
                             f"({scenario.start_minute:g} to {scenario.end_minute:g})")
    return sorted(steps, key=lambda s: (s.minute, isinstance(s, PlannedStatement)))


def play(
    scenario: Scenario, seed: int | None, steps: Sequence[PlannedStep | PlannedSteer],
    statements: Sequence[PlannedStatement] = (),
) -> Exercise:
    """Run the whole scenario with these actions (and steering moves) and statements at their
    minutes; actions and moves at one minute in the order given."""
    clock = GameClock(scenario.start_minute, speed=60.0, time_source=FakeTime())
    exercise = Exercise(scenario, seed, clock)
    take_steps(exercise, in_order(scenario, [*steps, *statements]))
    clock.jump_to(scenario.end_minute)
    exercise.update()
    return exercise


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
    return PlannedStep(_minute(parts[0], spec), Choice(parts[1].strip(), cited, checks=checks))


def parse_statement(spec: str) -> PlannedStatement:
    """`MINUTE:REQUEST:TEXT`; TEXT may be a JSON object of fields."""
    parts = spec.split(":", 2)
    if len(parts) != 3:
        raise ValueError(f"{spec!r}: expected MINUTE:REQUEST:TEXT")
    return PlannedStatement(_minute(parts[0], spec), parts[1].strip(), parts[2])


def statement_fields(scenario: Scenario, planned: PlannedStatement) -> dict[str, str]:
    """The fields of a planned statement, by the request's field names."""
    if planned.fields is not None:
        return dict(planned.fields)
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


def replay_command(exercise: Exercise, scenario_ref: str, *, drill: bool = False,
                   steers: Sequence[tuple[int, Steer]] = ()) -> str:
    """The `tabletop simulate` command line that reproduces this run and its score.

    `drill`: the run is a solo drill, whose stream the scenario file alone does not give (its
    seed drew the varied values): replayed as `--drill SEED`, which draws them again.
    `steers`: the facilitator's moves, each after how many of the run's decisions it came
    (a minute the clock stood at holds both, in the order they were taken).
    """
    args = ["tabletop", "simulate", scenario_ref, "--drill" if drill else "--seed",
            str(exercise.seed)]
    for n, d in enumerate(exercise.decisions):
        args += [f"--steer={steer_spec(move)}" for after, move in steers if after == n]
        spec = f"{_clock_minute(exercise, d.minute, d.action):g}:{d.action}"
        if d.cited or d.checks:
            spec += ":" + ",".join(d.cited)
        if d.checks:
            spec += ":" + ",".join(d.checks)
        args.append(f"--action={spec}")
    done = len(exercise.decisions)
    args += [f"--steer={steer_spec(move)}" for after, move in steers if after >= done]
    for s in exercise.statements:
        request = exercise.scenario.statement_request(s.request)
        single = list(s.fields) == [request.fields[0]]
        text = s.fields[request.fields[0]] if single else json.dumps(s.fields)
        minute = _clock_minute(exercise, s.minute, s.request)
        args.append(f"--statement={minute:g}:{s.request}:{text}")
    return " ".join(shlex.quote(a) for a in args)


def _clock_minute(exercise: Exercise, minute: float, did: str) -> float:
    """Where the replay's clock should stand for a step that took effect at `minute`.

    On the minute itself, injects due then fire before the step. Live, the clock may have
    stood just before it, the step first: the run shows so when a contingency due at that
    minute, which this step ('did': an action or a request answered) calls off, did not fire.
    Then the replay's clock stands a thousandth before, which takes effect at the same minute.
    """
    if minute - 0.001 < exercise.scenario.start_minute:
        return minute
    fired = {f.inject.id for f in exercise.fired}
    called_off = any(
        i.minute == minute and i.when is not None and i.id not in fired
        and (did in i.when.not_acted or did == i.when.no_statement)
        for i in exercise.scenario.injects)
    return round(minute - 0.001, 3) if called_off else minute


def reference_figures(scenario: Scenario, seed: int | None = None) -> dict[str, dict[str, str]]:
    """Per inject, every figure a text may quote as a run with nobody acting stands when the
    inject fires (one waiting for a figure fires after its minute), or at its minute if it
    never does: what the facilitator's sheet prints for its narrative, evidence and whys."""
    exercise = play(scenario, seed, [])
    fired = {each.inject.id: each.minute for each in exercise.fired}
    return {inject.id: exercise.figures_at(fired.get(inject.id, inject.minute))
            for inject in scenario.injects}


def reference_evidence(scenario: Scenario, seed: int | None = None) -> dict[str, str]:
    """Every evidence text as a run with nobody acting renders it at its inject's minute.

    For artefacts drawn from the scenario file alone (the timeline board): with the default
    seed these are the figures the scenario's source material states.
    """
    exercise = play(scenario, seed, [])
    return {e.id: e.text for inject in scenario.injects
            for e in exercise.render_evidence(inject, inject.minute)}


def parse_steer(spec: str) -> PlannedSteer:
    """`MINUTE:KIND:INJECT[:JSON]`, a steering move as the replay line writes it
    (`steering.steer_spec`)."""
    move = steer_from_spec(spec)
    return PlannedSteer(move.minute, move)

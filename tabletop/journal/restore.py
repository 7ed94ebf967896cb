"""Restoring a session from the store: the journal's decisions and statements replayed at
their minutes through the replay engine (`exercise.replay`), the same validated path the
players took, so the exercise stands exactly where the journal left it.

Same scenario, seed and stream values (a solo drill's variation), same decisions at the same
minutes: the same items, injects, evidence and score. Injects are not replayed: each fires
again as it did, since firing depends only on the minute and on the decisions and statements.
A workshop vote the journal stopped in the middle of comes back open, with the votes already
in (`Session.ballot`): it goes on from the next team.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from tabletop.base.words import fmt_minute
from tabletop.exercise.clock import GameClock, TimeSource
from tabletop.exercise.engine import ActionError, Exercise
from tabletop.exercise.replay import PlannedStatement, PlannedStep, StepError, take_step
from tabletop.exercise.steering import steer
from tabletop.exercise.workshop import Ballot
from tabletop.journal.events import (
    CLOCK_STAMPED,
    Event,
    decision_from_event,
    hundredths,
    inject_id,
    speed_of,
    statement_from_event,
    votes_from_events,
    was_started,
)
from tabletop.journal.session import Session
from tabletop.journal.sqlite_journal import SqliteJournal
from tabletop.journal.steering import steer_from_event
from tabletop.journal.store import SessionInfo, Store, StoreError
from tabletop.scenario.model import Scenario
from tabletop.scenario.stream_paths import with_stream_values


class RestoreError(StoreError):
    """A session that cannot be restored as it was recorded."""


def restore(store: Store, session_id: int, scenario: Scenario,
            time_source: TimeSource = time.monotonic) -> Session:
    """The session as its journal left it: same minute, rollout, evidence, decisions,
    statements and votes, speed restored, the clock paused; new events go on to the same
    journal. `scenario` is the file as loaded: the stream values the session played with
    (`SessionInfo.variation`) are applied to it again.

    Raises `RestoreError` when the scenario is not the one played, or no longer fires the
    injects the journal recorded, or refuses a journalled decision or statement (the file
    changed since): the message names the session, the minute and the reason.
    """
    info = store.session(session_id)
    events = [stored.event for stored in store.events(session_id)]
    exercise = replayed(info, scenario, events, time_source)
    session = Session(exercise, SqliteJournal(store, session_id), info.scenario_ref, info.mode,
                      info.teams)
    session.started = was_started(events)
    session.voting.restore(votes_from_events(events), _open_ballot(exercise, events))
    return session


def replayed(info: SessionInfo, scenario: Scenario, events: Sequence[Event],
             time_source: TimeSource = time.monotonic) -> Exercise:
    """The exercise of session `info` after `events` (its journal, or the start of it), the
    clock paused where they leave it: what `restore` resumes and the room's view follows
    (`journal.follow`). `RestoreError` as `restore` says."""
    session_id = info.id
    if info.scenario_id != scenario.id:
        raise RestoreError(f"session {session_id} played {info.scenario_id!r}, "
                           f"not {scenario.id!r}")
    try:
        scenario = with_stream_values(scenario, info.variation)
        if info.mode == "solo":  # as the drill was drawn; only a drill loads its rules
            from tabletop.exercise.variation import without_branches

            scenario = without_branches(scenario)
    except KeyError as err:
        raise RestoreError(f"session {session_id} varied a stream parameter the scenario no "
                           f"longer has ({err})") from None
    clock = GameClock(scenario.start_minute, speed=info.speed, time_source=time_source)
    exercise = Exercise(scenario, info.seed, clock)
    try:
        _replay(exercise, events, session_id)
    except (KeyError, StopIteration, ValueError) as err:
        raise RestoreError(f"session {session_id} does not replay on this scenario "
                           f"({type(err).__name__}: {err})") from None
    lost = _lost_injects(exercise, events)
    if lost:
        raise RestoreError(f"session {session_id}: the scenario changed since it was played "
                           f"(inject {lost[0]!r} no longer fires)")
    return exercise


def open_ballot(exercise: Exercise, events: Sequence[Event]) -> Ballot | None:
    """The vote `events` stop in, if any (`_open_ballot`): the room's view hides its votes
    until the facilitator closes it."""
    return _open_ballot(exercise, events)


def _open_ballot(exercise: Exercise, events: Sequence[Event]) -> Ballot | None:
    """The vote the journal stopped in: the votes since the room's last decision, while the
    decision point they were cast for is still the open one. The restored clock is paused,
    so the vote closes without starting it."""
    pending: list[Event] = []
    for event in events:
        if event.kind == "action":
            pending = []
        elif event.kind == "vote":
            pending.append(event)
    point = exercise.open_decision()
    if not pending or point is None or exercise.finished \
            or pending[-1].data.get("decision") != point.id:
        return None
    return Ballot(point.id, pending[0].minute, tuple(decision_from_event(e) for e in pending))


def _replay(exercise: Exercise, events: Sequence[Event], session_id: int) -> None:
    """Take the journal's decisions and statements again, in journal order; set the speed;
    leave the clock paused where the journal stopped (ended there, if it ended).

    Votes are not replayed: the room's decision is journalled as an action of its own.
    """
    clock = exercise.clock
    clock.pause()
    reached = exercise.minute
    seen = exercise.minute
    ended_at: float | None = None
    due = {inject.id: inject.minute for inject in exercise.scenario.injects}
    for index, event in enumerate(events):
        reached = max(reached, event.minute)
        step: PlannedStep | PlannedStatement | None = None
        if event.kind in ("action", "statement"):
            exercise.hundredths = hundredths(event)  # each event by the rule it was written under
        if event.kind == "action":
            d = decision_from_event(event)
            step = PlannedStep(d.minute, d.choice, not_before=seen)
        elif event.kind == "statement":
            s = statement_from_event(event)
            step = PlannedStatement(s.minute, s.request, fields=s.fields, not_before=seen)
        elif event.kind == "speed":
            clock.set_speed(speed_of(event))
        elif event.kind == "ended":
            ended_at = event.minute
        elif event.kind == "steer":
            _steer(exercise, event, session_id)
        if step is not None:
            try:
                take_step(exercise, step)
            except StepError as err:
                raise RestoreError(_refusal(exercise, events[:index], event, err,
                                            session_id)) from None
        seen = max(seen, _clock_reached(event, due))
    exercise.hundredths = False  # what is taken from now on is stamped at the clock's minute
    clock.jump_to(ended_at if ended_at is not None else reached)
    if ended_at is not None:
        exercise.end()
    elif was_started(events):
        exercise.update()
    # A session never started (left on its briefing) stays at its start with nothing fired:
    # its first injects fire, and are journalled, when it is started.


def _steer(exercise: Exercise, event: Event, session_id: int) -> None:
    """Take the facilitator's steering again at its minute (`journal.steering`)."""
    exercise.clock.jump_to(event.minute)
    exercise.update()
    try:
        steer(exercise, steer_from_event(event))
    except ActionError as err:
        raise RestoreError(f"session {session_id}: the steering journalled at "
                           f"{fmt_minute(event.minute)} is refused: {err}") from None


def _clock_reached(event: Event, due: Mapping[str, float]) -> float:
    """The minute the clock had certainly reached when `event` was written (-inf: unknown).

    A journalled step is taken no earlier than this: whether an inject due at the minute the
    step took effect saw it depends on where the clock stood (`exercise.replay`).
    """
    if event.kind in CLOCK_STAMPED:
        return event.minute
    if event.kind == "inject":
        # It fired once the clock reached its own minute; a triggered one fires later.
        return due.get(inject_id(event), float("-inf"))
    return float("-inf")


def _refusal(exercise: Exercise, before: Sequence[Event], event: Event, err: StepError,
             session_id: int) -> str:
    """Why a journalled decision or statement no longer replays, for the facilitator."""
    lost = _lost_injects(exercise, before)
    if lost:
        return (f"session {session_id}: the scenario changed since it was played (inject "
                f"{lost[0]!r} no longer fires, so the {event.kind} at minute {event.minute:g} "
                f"fails: {err.reason})")
    return (f"session {session_id}: the {event.kind} journalled at minute {event.minute:g} "
            f"no longer replays on this scenario: {err.reason}")


def _lost_injects(exercise: Exercise, events: Sequence[Event]) -> list[str]:
    """Injects the journal says fired that have not fired in the exercise."""
    fired = {f.inject.id for f in exercise.fired}
    return [inject_id(e) for e in events if e.kind == "inject" and inject_id(e) not in fired]

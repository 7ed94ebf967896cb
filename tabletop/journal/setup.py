"""Setting up a run: the modes, what a solo drill changes, and a run prepared at a minute.

The command line, the app factory and the tests all start a run here, so the rule for a solo
drill (a fresh seed that varies the scenario's declared ranges, and a compressed clock) lives
in one place. `play_to` plays a new run to a given scenario minute through the replay engine,
journalled as players would have played it: UI tests open it there (`ui.app.resume_app`)
instead of piloting through every announcement.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tabletop.base.kinds import Mode
from tabletop.exercise.clock import GameClock, TimeSource
from tabletop.exercise.engine import Exercise
from tabletop.journal.session import Session
from tabletop.scenario.model import Scenario

if TYPE_CHECKING:  # annotations only
    from tabletop.exercise.replay import PlannedStatement, Step

SOLO_MINUTES = 10.0
"""A solo drill plays the whole scenario in about this many real minutes."""

SOLO_SEEDS = 1_000_000
"""Solo drills draw their seed below this, so the replay line stays short."""


def mode_for(*, solo: bool = False, teams: tuple[str, ...] = ()) -> Mode:
    """The mode the command line's options ask for: solo, workshop (with teams) or team."""
    return "solo" if solo else "workshop" if teams else "team"


def new_run(scenario: Scenario, *, ref: str = "", mode: Mode = "team",
            teams: tuple[str, ...] = (), seed: int | None = None, speed: float | None = None,
            time_source: TimeSource = time.monotonic) -> Session:
    """A session ready to start (`Session.start`), its clock paused at the scenario's start.

    Args:
        scenario: the scenario as loaded.
        ref: the bundled id or path it was loaded from (for the replay line).
        mode: team, workshop or solo.
        teams: team names in workshop mode.
        seed: the item stream's seed; the scenario's default when None. In a solo drill, the
            drill seed (a fresh one when None): it draws the stream seed and the scenario's
            declared ranges, drawing again until the story holds (`variation.draw_drill`), and
            the session keeps the stream seed it drew, which replays as the same drill.
        speed: scenario minutes per real minute; 1, or a solo drill's whole scenario in about
            `SOLO_MINUTES`, when None.
        time_source: leave as default unless testing; tests pass a `FakeTime`.

    Raises `exercise.variation.StoryError` (a ValueError) for a drill seed no draw of which
    keeps the scenario's story.
    """
    if mode == "solo":
        # Only drills need these: off the way to first paint.
        import secrets

        from tabletop.exercise.variation import draw_drill  # (a drill's draws, as above)

        drill = draw_drill(scenario, secrets.randbelow(SOLO_SEEDS) if seed is None else seed)
        scenario, seed = drill.scenario, drill.stream_seed
        speed = speed or max(1.0, scenario.duration_minutes / SOLO_MINUTES)
    clock = GameClock(scenario.start_minute, speed or 1.0, time_source)
    return Session(Exercise(scenario, seed, clock), scenario_ref=ref, mode=mode, teams=teams)


def replay_line(session: Session) -> str:
    """The `tabletop simulate` command line that reproduces the session's run and score: a
    solo drill's by the drill it played (`--drill`, the varied stream), any other's by its seed."""
    # The replay engine is imported where it is used: a run's first frame needs none of it.
    from tabletop.exercise.replay import replay_command
    from tabletop.journal.steering import steer_from_event

    steers, decided = [], 0
    for event in session.journal.events():  # each move after the decisions taken before it
        decided += event.kind == "action"
        if event.kind == "steer":
            steers.append((decided, steer_from_event(event)))
    return replay_command(session.exercise, session.scenario_ref,
                          drill=session.mode == "solo", steers=steers)


def play_to(session: Session, minute: float, steps: Iterable[Step] = (),
            statements: Iterable[PlannedStatement] = ()) -> Session:
    """Start a new session and play it to `minute`; the clock is left paused there.

    The planned steps (actions, `PlannedStep`; workshop votes, `PlannedVotes`) and statements
    are taken through the session at their minutes, in time order, by the replay engine, so
    the journal holds them, the clock's jumps and the injects as a live run would. Returns the
    session.

    Args:
        session: a session not started yet (`new_run`).
        minute: the scenario minute to stop at, at or after every step.
        steps: actions and rounds of votes, each at the minute the clock stands at.
        statements: communications, each at its minute.

    Raises ValueError for a minute outside the exercise or a step after `minute`, and
    `exercise.replay.StepError` (an `ActionError`) for a step the exercise refuses.
    """
    from tabletop.exercise.replay import in_order, take_steps  # as in `replay_line`

    scenario = session.exercise.scenario
    ordered = in_order(scenario, [*steps, *statements])
    if not scenario.start_minute <= minute <= scenario.end_minute:
        raise ValueError(f"minute {minute:g} is outside the exercise "
                         f"({scenario.start_minute:g} to {scenario.end_minute:g})")
    late = [step.minute for step in ordered if step.minute > minute]
    if late:
        raise ValueError(f"a step at minute {late[0]:g} comes after minute {minute:g}")
    session.start()
    session.tick()
    # Paused at once: every jump then lands exactly on its minute, whatever the time source.
    session.pause()
    take_steps(session.exercise, ordered, session)
    session.jump_to(minute)
    return session

"""A played exercise plus the journal of everything that happened in it.

Every intent from the screen goes through `Session`, which applies it to the `Exercise` and
writes an event to the journal in the same call, encoded by `journal.events`. The journal is
where crash safety lives: the SQLite store writes each event in its own transaction before the
call returns. A `Session` is also an `exercise.replay.Actor`: the replay engine takes planned
steps through it (`journal.setup.play_to`), so they are journalled as a player's would be.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from tabletop.base.kinds import Mode
from tabletop.exercise.engine import (
    ActionError,
    Choice,
    Decision,
    Exercise,
    FiredInject,
    StatementRecord,
)
from tabletop.exercise.steering import next_branch_minute
from tabletop.journal.events import (
    Debrief,
    Event,
    PlanRow,
    Presentation,
    action_event,
    answer_event,
    checkpoint_event,
    commitment_event,
    commitment_kind,
    ended_event,
    inject_event,
    jump_event,
    pause_event,
    plan_row_event,
    present_event,
    presentation_from_event,
    resume_event,
    speed_event,
    started_event,
    statement_event,
)

# Scoring and the workshop rules are imported where they are used: the way to first paint
# needs neither.
if TYPE_CHECKING:
    from tabletop.journal.voting import Voting
    from tabletop.scenario.gate_design import GateDesign
    from tabletop.scoring.ratings import Rating
    from tabletop.scoring.rubric import ScoreCard


class Journal(Protocol):
    """Where a session's events go."""

    session_id: int | None
    """The store's id of the session; None for one kept in memory."""

    def append(self, event: Event) -> None:
        """Record one event durably before returning."""

    def events(self) -> list[Event]:
        """Every event so far, oldest first."""


class NullJournal:
    """Keeps events in memory only (tests, `simulate`)."""

    session_id: int | None = None

    def __init__(self) -> None:
        self.kept: list[Event] = []

    def append(self, event: Event) -> None:
        """Keep the event."""
        self.kept.append(event)

    def events(self) -> list[Event]:
        """Every event kept, oldest first."""
        return list(self.kept)


class Session:
    """An exercise being played, journalled.

    Args:
        exercise: the exercise, with its clock.
        journal: where events go; in memory when None.
        scenario_ref: the bundled id or path the scenario was loaded from.
        mode: "team", "workshop" or "solo".
        teams: team names in workshop mode.
    """

    def __init__(self, exercise: Exercise, journal: Journal | None = None,
                 scenario_ref: str = "", mode: Mode = "team",
                 teams: Iterable[str] = ()) -> None:
        self.exercise = exercise
        self.journal: Journal = journal or NullJournal()
        self.scenario_ref = scenario_ref or exercise.scenario.id
        self.mode = mode
        self.teams = tuple(teams)
        self._voting: Voting | None = None
        self.started = False
        """True once the clock was started (`start`; for a restored session, its journal
        says so): a session never started opens on its briefing again."""
        self._journalled = len(exercise.fired)
        self._checkpoint_minute: int | None = None

    @property
    def voting(self) -> Voting:
        """Workshop mode: each team's votes and the vote open now (`journal.voting`), made
        when first asked for: a team run never votes, and its first paint does without it."""
        if self._voting is None:
            from tabletop.journal.voting import Voting  # see the docstring

            self._voting = Voting(self)
        return self._voting

    @property
    def vote_open(self) -> bool:
        """A workshop vote is open: the clock stands still until the room decides."""
        return self._voting is not None and self._voting.ballot is not None

    def journal_to(self, journal: Journal) -> None:
        """Journal to `journal` from now on, writing there first what was kept in memory.

        The app opens its store only once its first frame is on screen, so first paint does
        not wait for the disk; the events of that moment wait in memory until then.
        """
        if isinstance(self.journal, NullJournal):
            for event in self.journal.kept:
                journal.append(event)
        self.journal = journal

    @property
    def session_id(self) -> int | None:
        """The store's id of this session; None while it is kept in memory."""
        return self.journal.session_id

    def debrief(self) -> Debrief:
        """What has been typed on the debrief so far, as the journal holds it."""
        from tabletop.journal.debrief import debrief_from_events  # the debrief's: not at start

        return debrief_from_events(self.journal.events())

    def start(self) -> None:
        """Record the start and let time pass."""
        self.started = True
        ex = self.exercise
        self.journal.append(started_event(
            ex.minute, scenario=ex.scenario.id, ref=self.scenario_ref, seed=ex.seed,
            speed=ex.clock.speed, mode=self.mode, teams=self.teams))
        ex.clock.resume()

    def tick(self) -> list[FiredInject]:
        """Advance the exercise to now; journal the injects that fired."""
        self.exercise.update()
        # Every firing since the last journalled one, including those an action triggered.
        fired = self.exercise.fired[self._journalled:]
        self._journalled = len(self.exercise.fired)
        for f in fired:
            self.journal.append(inject_event(f))
        return fired

    def advance(self) -> list[FiredInject]:
        """What the game clock's timer calls: `tick`, and a checkpoint on the first tick of
        each scenario minute the clock runs through, so a crash loses at most that much
        clock time."""
        fired = self.tick()
        minute = int(self.exercise.minute)
        if minute != self._checkpoint_minute and self.exercise.clock.running:
            self._checkpoint_minute = minute
            self.checkpoint()
        return fired

    def pause(self) -> None:
        """Stop the clock."""
        if self.exercise.clock.running:
            self.exercise.clock.pause()
            self.journal.append(pause_event(self.exercise.minute))

    def resume(self) -> None:
        """Restart the clock; while a vote is open it stands still (`Voting.open`)."""
        clock = self.exercise.clock
        if not self.vote_open and not clock.running and not self.exercise.finished:
            clock.resume()
            self.journal.append(resume_event(self.exercise.minute))

    def set_speed(self, speed: float) -> None:
        """Change the clock's speed."""
        self.exercise.clock.set_speed(speed)
        self.journal.append(speed_event(self.exercise.minute, speed))

    def skip_to_next_inject(self) -> None:
        """Jump the clock to the next scheduled inject, or to a branch the scenario may offer
        before it (`exercise.steering`): a jump never passes the moment a branch matters."""
        targets = [m for m in (self.exercise.next_inject_minute(),
                               next_branch_minute(self.exercise)) if m is not None]
        target = min(targets, default=None)
        if target is None:
            self.tick()
        else:
            self.jump_to(target)

    def jump_to(self, minute: float) -> list[FiredInject]:
        """Move the clock to a scenario minute, journal the jump, and tick; the injects fired.

        The facilitator's "fire the next inject now", and the replay engine standing the clock
        at a planned step's minute (`journal.setup.play_to`).
        """
        if self.vote_open:
            return []  # the clock stands still while a vote is open
        before = self.exercise.minute
        self.exercise.clock.jump_to(float(minute))
        if self.exercise.minute != before:
            self.journal.append(jump_event(self.exercise.minute))
        return self.tick()

    def act(self, choice: Choice) -> Decision:
        """Take the team's choice and journal it; while a vote is open, the room decides at the
        tally (`Voting.close`) and this is refused."""
        if self.vote_open:
            raise ActionError("a vote is open: the room's decision is taken at the tally")
        self.tick()
        decision = self.exercise.act(choice)
        self.journal.append(action_event(decision))
        self.tick()
        return decision

    def record(self, event: Event) -> None:
        """Journal an event another part of the session made (a vote, `journal.voting`)."""
        self.journal.append(event)

    def record_votes(self, votes: Iterable[Decision], pick: str | None = None) -> Decision:
        """Record every team's choice at a decision point and take the room's decision
        (`Voting.record`): how the replay engine takes a planned round of votes."""
        return self.voting.record(votes, pick)

    def submit_statement(self, request: str, fields: dict[str, str]) -> StatementRecord:
        """Submit a communication and journal it."""
        self.tick()
        record = self.exercise.submit_statement(request, fields)
        self.journal.append(statement_event(record))
        self.tick()
        return record

    def checkpoint(self) -> None:
        """Journal the minute now, so a crash loses at most the time since the last one."""
        self.journal.append(checkpoint_event(self.exercise.minute))

    def answer(self, index: int, text: str) -> None:
        """Save the team's answer to a debrief question (the latest text wins)."""
        self.journal.append(answer_event(self.exercise.minute, index, text))

    def commit(self, kind: str, text: str) -> None:
        """Save a STOP, START or CONTINUE commitment; ValueError for any other `kind`."""
        self.journal.append(commitment_event(self.exercise.minute, commitment_kind(kind), text))

    def plan_row(self, row: int, action: str, owner: str, due: str) -> None:
        """Save one row of the improvement plan; a row with every column empty is removed."""
        self.journal.append(plan_row_event(self.exercise.minute, row,
                                           PlanRow(action, owner, due)))

    def present(self, shown: Presentation) -> None:
        """Journal what the room's view shows from now on (the facilitator's presentation
        keys); restoring and scoring ignore it."""
        self.journal.append(present_event(self.exercise.minute, shown))

    def presentation(self) -> Presentation:
        """What the room's view shows as the journal leaves it (a new session: the run)."""
        shown = [e for e in self.journal.events() if e.kind == "present"]
        return presentation_from_event(shown[-1]) if shown else Presentation()

    def end(self) -> ScoreCard:
        """End the exercise now and score it; a vote still open is left undecided."""
        if self._voting is not None:
            self._voting.ballot = None
        self.tick()
        self.exercise.end()
        # Scoring is off the way to first paint: only the end needs it.
        from tabletop.scoring.rubric import score

        card = score(self.exercise, ratings=self.debrief().ratings, design=self.gate_design())
        self.journal.append(ended_event(self.exercise.minute, card))
        return card

    def rate(self, criterion: str, rating: Rating) -> None:
        """Save the facilitator's rating of a criterion (the latest wins)."""
        from tabletop.journal.debrief import rating_event  # the debrief's: not at start

        self.journal.append(rating_event(self.exercise.minute, criterion, rating))

    def name_facilitator(self, name: str) -> None:
        """Save who facilitates, for the after-action report (the latest wins)."""
        from tabletop.journal.debrief import facilitator_event  # the debrief's: as below

        self.journal.append(facilitator_event(self.exercise.minute, name))

    def save_gates(self, design_text: str) -> None:
        """Save the team's release gate design (its YAML; the latest wins)."""
        from tabletop.journal.debrief import gates_event  # the debrief's: not at start

        self.journal.append(gates_event(self.exercise.minute, design_text))

    def score(self) -> ScoreCard:
        """The run's score card as it stands, with the facilitator's ratings and the team's
        gate design."""
        from tabletop.scoring.rubric import score  # as in `end`: off the way to first paint

        debrief = self.debrief()
        return score(self.exercise, ratings=debrief.ratings, design=self.gate_design())

    def gate_design(self) -> GateDesign | None:
        """The team's saved gate design, read as the designer wrote it; None when none was
        saved, or it no longer reads against the scenario."""
        text = self.debrief().gates
        if not text:
            return None
        # Read only when a design was saved: the way to first paint needs no gate reader.
        from tabletop.scenario.errors import ScenarioError
        from tabletop.scenario.gate_loader import parse_gate_design

        try:
            return parse_gate_design(text, "the saved gate design", self.exercise.scenario)
        except ScenarioError:
            return None

"""A played exercise plus the journal of everything that happened in it.

Every intent from the screen goes through `Session`, which applies it to the `Exercise` and
writes an event to the journal in the same call, encoded by `journal.events`. The journal is
where crash safety lives: the SQLite store writes each event in its own transaction before the
call returns. A `Session` is also an `exercise.replay.Actor`: the replay engine takes planned
steps through it (`journal.setup.play_to`), so they are journalled as a player's would be.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from tabletop.base.kinds import Mode
from tabletop.exercise.engine import (
    ActionError,
    Confidence,
    Decision,
    Exercise,
    FiredInject,
    StatementRecord,
    effect_minute,
)
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
    debrief_from_events,
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
    vote_event,
)

# Scoring and the workshop rules are imported where they are used: the way to first paint
# needs neither.
if TYPE_CHECKING:
    from tabletop.exercise.workshop import Ballot
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
        self.votes: list[Decision] = []
        """Each team's own choices in workshop mode; the run follows the room's decision."""
        self.ballot: Ballot | None = None
        """The vote open now in workshop mode (`open_vote`), with the votes in so far."""
        self.started = False
        """True once the clock was started (`start`; for a restored session, its journal
        says so): a session never started opens on its briefing again."""
        self._journalled = len(exercise.fired)
        self._checkpoint_minute: int | None = None

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
        """Restart the clock; while a vote is open it stands still (`open_vote`)."""
        if self.ballot is None and not self.exercise.clock.running and not self.exercise.finished:
            self.exercise.clock.resume()
            self.journal.append(resume_event(self.exercise.minute))

    def set_speed(self, speed: float) -> None:
        """Change the clock's speed."""
        self.exercise.clock.set_speed(speed)
        self.journal.append(speed_event(self.exercise.minute, speed))

    def skip_to_next_inject(self) -> None:
        """Jump the clock to the next scheduled inject."""
        target = self.exercise.next_inject_minute()
        if target is None:
            self.tick()
        else:
            self.jump_to(target)

    def jump_to(self, minute: float) -> list[FiredInject]:
        """Move the clock to a scenario minute, journal the jump, and tick; the injects fired.

        The facilitator's "fire the next inject now", and the replay engine standing the clock
        at a planned step's minute (`journal.setup.play_to`).
        """
        if self.ballot is not None:
            return []  # the clock stands still while a vote is open
        before = self.exercise.minute
        self.exercise.clock.jump_to(float(minute))
        if self.exercise.minute != before:
            self.journal.append(jump_event(self.exercise.minute))
        return self.tick()

    def act(self, action: str, cited: Iterable[str] = (), justification: str = "",
            confidence: Confidence = "medium", checks: Iterable[str] = (),
            team: str = "") -> Decision:
        """Take an action and journal it; while a vote is open, the room decides at the tally
        (`close_vote`) and this is refused."""
        if self.ballot is not None:
            raise ActionError("a vote is open: the room's decision is taken at the tally")
        self.tick()
        decision = self.exercise.act(action, cited, justification, confidence, checks, team)
        self.journal.append(action_event(decision))
        self.tick()
        return decision

    def record_votes(self, votes: Iterable[Decision], pick: str | None = None) -> Decision:
        """Record every team's choice at a decision point and take the room's decision.

        `pick` is the room's decision as the facilitator confirmed it at the tally: pass it as
        it is. A pick equal to the majority is the majority's, not a facilitator's pick; on a
        tie the pick is needed (ActionError without one). The votes' minutes are set to the
        minute the vote opened; pass them with any minute. Votes already cast in the open vote
        (`cast_vote`) are not journalled again; the others are, each before the room's action
        is taken, so a crash between them loses nothing the facilitator typed. A vote the
        exercise refuses is refused before any is journalled.
        """
        from tabletop.exercise.workshop import room_choice

        votes = list(votes)
        if (pick if pick is not None else room_choice(votes)) is None:
            raise ActionError("the teams are tied; pick the room's decision")
        ballot = self.ballot or self._new_ballot(hold=False)
        new = [vote for vote in votes if ballot.vote_of(vote.team) is None]
        for vote in new:
            self._check_vote(vote)
        self.ballot = ballot
        for vote in new:
            self.cast_vote(vote)
        return self.close_vote(pick)

    def open_vote(self) -> Ballot:
        """Open the vote at the open decision point, or go on with the one open (the votes in
        stay in). The clock stands still until the room decides (`close_vote`), so every vote
        and the room's decision belong to this point, at this minute, whatever the clock's
        speed. ActionError when no decision is open."""
        if self.ballot is None:
            running = self.exercise.clock.running
            # Stopped first: the vote's minute is the one the clock then stands at.
            self.pause()
            try:
                ballot = self._new_ballot(hold=True)
            except ActionError:
                if running:
                    self.resume()
                raise
            self.ballot = replace(ballot, clock_was_running=running)
        return self.ballot

    def _new_ballot(self, *, hold: bool) -> Ballot:
        """A vote at the open decision point, at the minute now; `hold`: one is required."""
        from tabletop.exercise.workshop import Ballot

        self.tick()
        point = self.exercise.open_decision()
        if hold and (point is None or self.exercise.finished):
            raise ActionError("no decision is open to vote on")
        return Ballot(point.id if point else "", effect_minute(self.exercise.minute))

    def _check_vote(self, vote: Decision) -> None:
        if vote.action not in {a.id for a in self.exercise.available_actions()}:
            raise ActionError(f"{vote.team}: '{vote.action}' is not available now")

    def cast_vote(self, vote: Decision) -> Decision:
        """Journal one team's vote in the open vote as it is submitted; the vote as recorded,
        at the minute the vote opened. ActionError when no vote is open, the team has voted
        in it already, or its action is not available."""
        ballot = self.ballot
        if ballot is None:
            raise ActionError("no vote is open")
        if ballot.vote_of(vote.team) is not None:
            raise ActionError(f"{vote.team} has voted already")
        self._check_vote(vote)
        # A vote is kept as the room's decision would be: a checks-demanding choice with no
        # check ticked counts as the point's plain option.
        vote = replace(vote, minute=ballot.minute,
                       action=self.exercise.recorded_action(vote.action, vote.checks))
        self.journal.append(vote_event(vote, ballot.point))
        self.votes.append(vote)
        self.ballot = replace(ballot, votes=(*ballot.votes, vote))
        return vote

    def leave_vote(self) -> bool:
        """A team's dialog or the tally was closed without an answer. With no vote in, the
        vote closes and the clock goes on as it was: False. With votes in, they stay and the
        vote stays open, the clock still, to go on from the next team: True."""
        ballot = self.ballot
        if ballot is None or ballot.votes:
            return ballot is not None
        self.ballot = None
        if ballot.clock_was_running:
            self.resume()
        return False

    def close_vote(self, pick: str | None = None) -> Decision:
        """Take the room's decision on the open vote (the majority, or `pick` as
        `record_votes` takes it) and close the vote; the clock goes on if it ran when the vote
        opened. ActionError, the vote still open, when the room cannot decide so."""
        from tabletop.exercise.workshop import room_choice

        ballot = self.ballot
        if ballot is None:
            raise ActionError("no vote is open")
        votes = ballot.votes
        majority = room_choice(votes)
        action = pick if pick is not None else majority
        if action is None:
            raise ActionError("the teams are tied; pick the room's decision" if votes
                              else "no team has voted yet")
        point = self.exercise.open_decision()
        if ballot.point and (point is None or point.id != ballot.point):
            raise ActionError(f"the vote was for '{ballot.point}', no longer the open decision")
        backers = [v for v in votes if v.action == action]
        cited = tuple(dict.fromkeys(e for v in backers for e in v.cited))
        checks = tuple(dict.fromkeys(c for v in backers for c in v.checks))
        why = f"Room decision: {len(backers)} of {len(votes)} teams" + (
            " (facilitator's pick)" if action != majority else "")
        self.ballot = None
        try:
            decision = self.act(action, cited, why, "medium", checks)
        except ActionError:
            self.ballot = ballot
            raise
        if ballot.clock_was_running:
            self.resume()
        return decision

    def team_votes(self, team: str) -> list[Decision]:
        """One team's votes, oldest first."""
        return [v for v in self.votes if v.team == team]

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
        self.ballot = None
        self.tick()
        self.exercise.end()
        from tabletop.scoring.rubric import score

        card = score(self.exercise)
        self.journal.append(ended_event(self.exercise.minute, card))
        return card

"""A workshop's vote at a decision point, as a state machine: closed, then open with the clock
standing still while each team's vote is journalled as it is submitted, then closed again by
the room's decision (the majority, or the facilitator's pick on a tie), which the session takes
like any other choice.

    closed --open--> open --cast (each team)--> open --close--> closed (room's decision taken)
                      |                           |
                      +--leave (no vote in)-------+--> closed, the clock as it was
                                                  (votes in: stays open, the clock still)

The tally (`exercise.workshop`) says what the votes decide; this module says when a vote is
open, what may be cast into it and what closing it does. The tally is imported where a vote
needs it: every session holds a `Voting`, and a team run, most runs, never votes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from tabletop.exercise.engine import ActionError, Choice, Decision, Exercise, effect_minute
from tabletop.journal.events import Event, vote_event

if TYPE_CHECKING:
    from tabletop.exercise.workshop import Ballot


class Room(Protocol):
    """What a vote needs of the session it is held in."""

    exercise: Exercise

    def tick(self) -> object:
        """Bring the exercise up to the clock, journalling what fired."""

    def pause(self) -> None:
        """Stop the clock (journalled)."""

    def resume(self) -> None:
        """Start the clock again (journalled)."""

    def act(self, choice: Choice) -> Decision:
        """Take a choice and journal it."""

    def record(self, event: Event) -> None:
        """Journal an event."""


class Voting:
    """The votes of a workshop session: every team's own choices so far, and the vote open now.

    Args:
        room: the session the votes are held in.
    """

    def __init__(self, room: Room) -> None:
        self._room = room
        self.votes: list[Decision] = []
        """Each team's own choices in workshop mode, oldest first; the run follows the room's
        decision."""
        self.ballot: Ballot | None = None
        """The vote open now (`open`), with the votes in so far; None while none is."""

    def restore(self, votes: Iterable[Decision], ballot: Ballot | None) -> None:
        """The votes a journal holds, and the vote it stopped in (`journal.restore`)."""
        self.votes = list(votes)
        self.ballot = ballot

    def team_votes(self, team: str) -> list[Decision]:
        """One team's votes, oldest first."""
        return [v for v in self.votes if v.team == team]

    def open(self) -> Ballot:
        """Open the vote at the open decision point, or go on with the one open (the votes in
        stay in). The clock stands still until the room decides (`close`), so every vote and
        the room's decision belong to this point, at this minute, whatever the clock's speed.
        ActionError when no decision is open."""
        if self.ballot is None:
            room = self._room
            running = room.exercise.clock.running
            # Stopped first: the vote's minute is the one the clock then stands at.
            room.pause()
            try:
                ballot = self._new_ballot(hold=True)
            except ActionError:
                if running:
                    room.resume()
                raise
            self.ballot = replace(ballot, clock_was_running=running)
        return self.ballot

    def cast(self, vote: Decision) -> Decision:
        """Journal one team's vote in the open vote as it is submitted; the vote as recorded,
        at the minute the vote opened. ActionError when no vote is open, the team has voted
        in it already, or its action is not available."""
        ballot = self.ballot
        if ballot is None:
            raise ActionError("no vote is open")
        if ballot.vote_of(vote.team) is not None:
            raise ActionError(f"{vote.team} has voted already")
        self._check(vote)
        # A vote is kept as the room's decision would be: a checks-demanding choice with no
        # check ticked counts as the point's plain option.
        exercise = self._room.exercise
        vote = replace(vote, minute=ballot.minute,
                       action=exercise.recorded_action(vote.action, vote.checks))
        self._room.record(vote_event(vote, ballot.point))
        self.votes.append(vote)
        self.ballot = replace(ballot, votes=(*ballot.votes, vote))
        return vote

    def leave(self) -> bool:
        """A team's dialog or the tally was closed without an answer. With no vote in, the
        vote closes and the clock goes on as it was: False. With votes in, they stay and the
        vote stays open, the clock still, to go on from the next team: True."""
        ballot = self.ballot
        if ballot is None or ballot.votes:
            return ballot is not None
        self.ballot = None
        if ballot.clock_was_running:
            self._room.resume()
        return False

    def close(self, pick: str | None = None) -> Decision:
        """Take the room's decision on the open vote (the majority, or `pick` as `record`
        takes it) and close the vote; the clock goes on if it ran when the vote opened.
        ActionError, the vote still open, when the room cannot decide so."""
        from tabletop.exercise.workshop import room_choice  # a team run never votes: see above

        ballot = self.ballot
        if ballot is None:
            raise ActionError("no vote is open")
        votes = ballot.votes
        majority = room_choice(votes)
        action = pick if pick is not None else majority
        if action is None:
            raise ActionError("the teams are tied; pick the room's decision" if votes
                              else "no team has voted yet")
        point = self._room.exercise.open_decision()
        if ballot.point and (point is None or point.id != ballot.point):
            raise ActionError(f"the vote was for '{ballot.point}', no longer the open decision")
        backers = [v for v in votes if v.action == action]
        cited = tuple(dict.fromkeys(e for v in backers for e in v.cited))
        checks = tuple(dict.fromkeys(c for v in backers for c in v.checks))
        why = f"Room decision: {len(backers)} of {len(votes)} teams" + (
            " (facilitator's pick)" if action != majority else "")
        self.ballot = None
        try:
            decision = self._room.act(Choice(action, cited, why, checks=checks))
        except ActionError:
            self.ballot = ballot
            raise
        if ballot.clock_was_running:
            self._room.resume()
        return decision

    def record(self, votes: Iterable[Decision], pick: str | None = None) -> Decision:
        """Record every team's choice at a decision point and take the room's decision.

        `pick` is the room's decision as the facilitator confirmed it at the tally: pass it as
        it is. A pick equal to the majority is the majority's, not a facilitator's pick; on a
        tie the pick is needed (ActionError without one). The votes' minutes are set to the
        minute the vote opened; pass them with any minute. Votes already cast in the open vote
        (`cast`) are not journalled again; the others are, each before the room's action is
        taken, so a crash between them loses nothing the facilitator typed. A vote the
        exercise refuses is refused before any is journalled.
        """
        from tabletop.exercise.workshop import room_choice  # a team run never votes: see above

        votes = list(votes)
        if (pick if pick is not None else room_choice(votes)) is None:
            raise ActionError("the teams are tied; pick the room's decision")
        ballot = self.ballot or self._new_ballot(hold=False)
        new = [vote for vote in votes if ballot.vote_of(vote.team) is None]
        for vote in new:
            self._check(vote)
        self.ballot = ballot
        for vote in new:
            self.cast(vote)
        return self.close(pick)

    def _new_ballot(self, *, hold: bool) -> Ballot:
        """A vote at the open decision point, at the minute now; `hold`: one is required."""
        from tabletop.exercise.workshop import Ballot  # a team run never votes: see above

        self._room.tick()
        exercise = self._room.exercise
        point = exercise.open_decision()
        if hold and (point is None or exercise.finished):
            raise ActionError("no decision is open to vote on")
        return Ballot(point.id if point else "",
                      effect_minute(exercise.minute, exercise.hundredths))

    def _check(self, vote: Decision) -> None:
        if vote.action not in {a.id for a in self._room.exercise.available_actions()}:
            raise ActionError(f"{vote.team}: '{vote.action}' is not available now")

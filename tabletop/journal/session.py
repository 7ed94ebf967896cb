"""A played exercise plus the journal of everything that happened in it.

Every intent from the screen goes through `Session`, which applies it to the `Exercise` and
writes an event to the journal in the same call. The journal is where crash safety lives: the
SQLite store writes each event in its own transaction before the call returns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Any, Protocol

from tabletop.exercise.engine import (
    ActionError,
    Confidence,
    Decision,
    Exercise,
    FiredInject,
    StatementRecord,
    effect_minute,
)
from tabletop.journal.events import Debrief, Event, debrief_from_events

# Scoring and the workshop rules are imported where they are used: the way to first paint
# needs neither.
if TYPE_CHECKING:
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
                 scenario_ref: str = "", mode: str = "team",
                 teams: Iterable[str] = ()) -> None:
        self.exercise = exercise
        self.journal: Journal = journal or NullJournal()
        self.scenario_ref = scenario_ref or exercise.scenario.id
        self.mode = mode
        self.teams = tuple(teams)
        self.votes: list[Decision] = []
        """Each team's own choices in workshop mode; the run follows the room's decision."""
        self._journalled = len(exercise.fired)

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

    def _log(self, kind: str, **data: Any) -> None:
        self.journal.append(Event(kind, self.exercise.minute, data))

    def start(self) -> None:
        """Record the start and let time pass."""
        ex = self.exercise
        self._log("started", scenario=ex.scenario.id, ref=self.scenario_ref, seed=ex.seed,
                  speed=ex.clock.speed, mode=self.mode, teams=list(self.teams))
        ex.clock.resume()

    def tick(self) -> list[FiredInject]:
        """Advance the exercise to now; journal the injects that fired."""
        self.exercise.update()
        # Every firing since the last journalled one, including those an action triggered.
        fired = self.exercise.fired[self._journalled:]
        self._journalled = len(self.exercise.fired)
        for f in fired:
            self.journal.append(Event("inject", f.minute, {"id": f.inject.id}))
        return fired

    def pause(self) -> None:
        """Stop the clock."""
        if self.exercise.clock.running:
            self.exercise.clock.pause()
            self._log("pause")

    def resume(self) -> None:
        """Restart the clock."""
        if not self.exercise.clock.running and not self.exercise.finished:
            self.exercise.clock.resume()
            self._log("resume")

    def set_speed(self, speed: float) -> None:
        """Change the clock's speed."""
        self.exercise.clock.set_speed(speed)
        self._log("speed", speed=speed)

    def skip_to_next_inject(self) -> None:
        """Jump the clock to the next scheduled inject."""
        before = self.exercise.minute
        self.exercise.skip_to_next_inject()
        if self.exercise.minute != before:
            self._log("jump", to=self.exercise.minute)
        self.tick()

    def act(self, action: str, cited: Iterable[str] = (), justification: str = "",
            confidence: Confidence = "medium", checks: Iterable[str] = (),
            team: str = "") -> Decision:
        """Take an action and journal it."""
        self.tick()
        decision = self.exercise.act(action, cited, justification, confidence, checks, team)
        self.journal.append(Event("action", decision.minute, _decision_data(decision)))
        self.tick()
        return decision

    def record_votes(self, votes: Iterable[Decision], pick: str | None = None) -> Decision:
        """Record every team's choice at a decision point and take the room's decision.

        The votes' minutes are set to now; pass them with any minute.
        Each vote is journalled before the room's action is taken, so a crash between them
        loses nothing the facilitator typed. Raises ActionError on a tie with no pick.
        """
        votes = list(votes)
        from tabletop.exercise.workshop import room_choice

        action = room_choice(votes, pick)
        if action is None:
            raise ActionError("the teams are tied; pick the room's decision")
        self.tick()
        available = {a.id for a in self.exercise.available_actions()}
        for vote in votes:
            if vote.action not in available:
                raise ActionError(f"{vote.team}: '{vote.action}' is not available now")
        minute = effect_minute(self.exercise.minute)
        votes = [replace(v, minute=minute) for v in votes]
        point = self.exercise.open_decision()
        for vote in votes:
            self.votes.append(vote)
            self.journal.append(Event("vote", minute, {**_decision_data(vote),
                                                       "decision": point.id if point else ""}))
        backers = [v for v in votes if v.action == action]
        cited = tuple(dict.fromkeys(e for v in backers for e in v.cited))
        checks = tuple(dict.fromkeys(c for v in backers for c in v.checks))
        why = f"Room decision: {len(backers)} of {len(votes)} teams" + (
            " (facilitator's pick)" if pick else "")
        return self.act(action, cited, why, "medium", checks)

    def team_votes(self, team: str) -> list[Decision]:
        """One team's votes, oldest first."""
        return [v for v in self.votes if v.team == team]

    def submit_statement(self, request: str, fields: dict[str, str]) -> StatementRecord:
        """Submit a communication and journal it."""
        self.tick()
        record = self.exercise.submit_statement(request, fields)
        self.journal.append(Event("statement", record.minute,
                                  {"request": request, "fields": dict(fields)}))
        self.tick()
        return record

    def checkpoint(self) -> None:
        """Journal the minute now, so a crash loses at most the time since the last one."""
        self._log("checkpoint")

    def answer(self, index: int, text: str) -> None:
        """Save the team's answer to a debrief question (the latest text wins)."""
        self._log("answer", part="question", index=index, text=text)

    def commit(self, kind: str, text: str) -> None:
        """Save a STOP, START or CONTINUE commitment (`kind` is stop, start or continue)."""
        self._log("answer", part=kind, text=text)

    def plan_row(self, row: int, action: str, owner: str, due: str) -> None:
        """Save one row of the improvement plan; a row with every column empty is removed."""
        self._log("answer", part="plan", row=row, action=action, owner=owner, due=due)

    def end(self) -> ScoreCard:
        """End the exercise now and score it."""
        self.tick()
        self.exercise.end()
        from tabletop.scoring.rubric import score

        card = score(self.exercise)
        self._log("ended", total=card.total, max=card.max, grade=card.grade)
        return card


def _decision_data(decision: Decision) -> dict[str, Any]:
    data = asdict(decision)
    data.pop("minute")
    data["cited"] = list(decision.cited)
    data["checks"] = list(decision.checks)
    return data

"""Workshop mode: each team scored on its own calls, and how often the room followed it. The
report's team table and the debrief's scoreboard both read this.

A team's card is the rubric applied to the run had the room followed that team: its votes
played as the room's decisions from the same scenario (as drawn) and seed, to the minute the
room reached, so its harm, timeliness and what was left to decide are its own. What the room
did together, the statements, is the room's: those lines are the room's card's, marked
`shared`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from tabletop.base.record import record
from tabletop.exercise.clock import FakeTime, GameClock
from tabletop.exercise.engine import ActionError, Decision, Exercise
from tabletop.exercise.replay import PlannedStatement, PlannedStep, Step, in_order, take_step
from tabletop.exercise.workshop import agreement
from tabletop.scoring.ratings import Rating
from tabletop.scoring.rubric import ScoreCard, score


@record
class TeamResult:
    """One team's result in workshop mode."""

    team: str
    """Team name."""
    votes: tuple[Decision, ...]
    """The team's own votes, oldest first; empty when it never voted."""
    card: ScoreCard
    """Its score: the rubric applied to the run had the room followed its votes (`followed`),
    the statement lines the room's."""
    agreement: float
    """Share of its votes that the room's decision followed (0 to 1; 0 without votes)."""

    @property
    def voted(self) -> bool:
        """The team voted at least once."""
        return bool(self.votes)


def team_scores(exercise: Exercise, votes: Sequence[Decision],
                teams: Iterable[str] | None = None,
                ratings: Mapping[str, Rating] | None = None) -> tuple[TeamResult, ...]:
    """Each team's score card and agreement with the room.

    Args:
        exercise: the shared run (ended or in progress).
        votes: every team's votes (`Session.votes`).
        teams: the teams, in the order given, each whether it voted or not; when None, the
            teams that voted, in the order of their first vote.
        ratings: the facilitator's ratings (of the room's statement, shared by every card).
    """
    names = tuple(dict.fromkeys(v.team for v in votes) if teams is None else teams)
    results = []
    for team in names:
        own = tuple(v for v in votes if v.team == team)
        results.append(TeamResult(team, own, team_card(exercise, own, ratings),
                                  agreement(own, exercise.decisions)))
    return tuple(results)


def team_card(exercise: Exercise, votes: Sequence[Decision],
              ratings: Mapping[str, Rating] | None = None) -> ScoreCard:
    """A team's card: the run had the room followed `votes`, scored, with the room's statement
    lines, marked shared. A team that never voted is scored on the room's run with no decisions
    of its own."""
    if not votes:
        return score(exercise, votes, ratings=ratings)
    statements = {c.id for c in exercise.scenario.rubric.criteria if c.kind == "statement"}
    shared = {line.id: replace(line, shared=True)
              for line in score(exercise, ratings=ratings).criteria if line.id in statements}
    return score(followed(exercise, votes), given=shared)


def followed(exercise: Exercise, votes: Sequence[Decision]) -> Exercise:
    """The run had the room taken `votes` as its decisions (and sent its own statements), to
    the minute the room's run reached. A vote the rules refuse there (an action that no longer
    changes anything in that run) is left out, as the exercise would have refused it."""
    scenario = exercise.scenario
    clock = GameClock(scenario.start_minute, speed=60.0, time_source=FakeTime())
    run = Exercise(scenario, exercise.seed, clock)
    # A vote's minute is the minute it took effect: the clock stood a hundredth before.
    steps: list[Step] = [PlannedStep(v.minute, replace(v.choice, team=""),
                                     not_before=v.minute - 0.01) for v in votes]
    steps += [PlannedStatement(s.minute, s.request, fields=dict(s.fields), not_before=s.minute)
              for s in exercise.statements]
    for step in in_order(scenario, steps):
        try:
            take_step(run, step)
        except ActionError:
            continue
    clock.jump_to(max(exercise.minute, clock.minute))
    run.update()
    return run


def ranked(results: Iterable[TeamResult]) -> list[TeamResult]:
    """Highest total first; teams with the same total keep their order."""
    return sorted(results, key=lambda r: -r.card.total)

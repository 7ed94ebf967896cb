"""Workshop mode: each team scored on its own votes against the one shared run, and how often
the room followed it. The report's team table and the debrief's scoreboard both read this.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tabletop.base.record import record
from tabletop.exercise.engine import Decision, Exercise
from tabletop.exercise.workshop import agreement
from tabletop.scoring.rubric import ScoreCard, score


@record
class TeamResult:
    """One team's result in workshop mode."""

    team: str
    """Team name."""
    votes: tuple[Decision, ...]
    """The team's own votes, oldest first; empty when it never voted."""
    card: ScoreCard
    """Its score: the rubric applied to its own votes against the shared run."""
    agreement: float
    """Share of its votes that the room's decision followed (0 to 1; 0 without votes)."""

    @property
    def voted(self) -> bool:
        """The team voted at least once."""
        return bool(self.votes)


def team_scores(exercise: Exercise, votes: Sequence[Decision],
                teams: Iterable[str] | None = None) -> tuple[TeamResult, ...]:
    """Each team's score card and agreement with the room.

    Args:
        exercise: the shared run (ended or in progress).
        votes: every team's votes (`Session.votes`).
        teams: the teams, in the order given, each whether it voted or not; when None, the
            teams that voted, in the order of their first vote.
    """
    names = tuple(dict.fromkeys(v.team for v in votes) if teams is None else teams)
    results = []
    for team in names:
        own = tuple(v for v in votes if v.team == team)
        results.append(TeamResult(team, own, score(exercise, own),
                                  agreement(own, exercise.decisions)))
    return tuple(results)


def ranked(results: Iterable[TeamResult]) -> list[TeamResult]:
    """Highest total first; teams with the same total keep their order."""
    return sorted(results, key=lambda r: -r.card.total)

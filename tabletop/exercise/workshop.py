"""Workshop mode: several teams, one projected laptop, one simulated run.

At a decision point the facilitator records each team's choice. The run follows the room's
decision, the majority by default, or the facilitator's pick; each team is scored on its own
votes against the same run.

A vote belongs to the decision point it was opened for (`Ballot`): every team's vote and the
room's decision take effect at the minute the vote opened, and the clock stands still until
the room decides (`journal.session.Session.open_vote`), so no vote can mix two points.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

from tabletop.base.record import record
from tabletop.exercise.engine import Decision

MAX_TEAMS = 8
"""More teams than this cannot be told apart on one projected screen."""
MAX_TEAM_NAME = 20
"""Characters in a team's name: enough for "Trust and Safety"; a longer one would push the
dialog's title, the tally and the scoreboard off their one line."""


@record
class Tally:
    """How the teams voted at one decision point."""

    counts: dict[str, int]
    """Action id to number of teams that chose it, most chosen first."""
    leaders: tuple[str, ...]
    """The most chosen actions; more than one means a tie."""

    @property
    def tied(self) -> bool:
        """True when no single action has the most votes."""
        return len(self.leaders) > 1


@record
class Ballot:
    """A vote open at a decision point: the teams' votes so far."""

    point: str
    """Id of the decision point it was opened for."""
    minute: float
    """The minute every vote and the room's decision take effect: when it opened."""
    votes: tuple[Decision, ...] = ()
    """The votes in so far, in the order they came."""
    clock_was_running: bool = False
    """The clock ran when the vote opened, and runs again once the room has decided."""

    def waiting(self, teams: Iterable[str]) -> tuple[str, ...]:
        """The teams, in their order, that have not voted yet."""
        voted = {v.team for v in self.votes}
        return tuple(team for team in teams if team not in voted)

    def vote_of(self, team: str) -> Decision | None:
        """The team's vote, if it is in."""
        return next((v for v in self.votes if v.team == team), None)


def tally(votes: Sequence[Decision]) -> Tally:
    """Count the votes."""
    counts = Counter(v.action for v in votes)
    ordered = dict(counts.most_common())
    top = max(ordered.values(), default=0)
    return Tally(ordered, tuple(a for a, n in ordered.items() if n == top))


def room_choice(votes: Sequence[Decision], pick: str | None = None) -> str | None:
    """The action the room takes: the facilitator's pick, else the majority.

    Returns None on a tie without a pick, so the facilitator is asked to break it.
    """
    if pick is not None:
        return pick
    result = tally(votes)
    return None if result.tied or not result.leaders else result.leaders[0]


def alignment(votes: Sequence[Decision], action: str) -> float:
    """Share of teams whose vote matches the room's action (0 to 1)."""
    return sum(v.action == action for v in votes) / len(votes) if votes else 0.0


def agreement(team_votes: Sequence[Decision], room: Sequence[Decision]) -> float:
    """Share of a team's votes that matched the room's decision at the same point (0 to 1)."""
    taken = {(d.minute, d.action) for d in room}
    agreed = sum((v.minute, v.action) in taken for v in team_votes)
    return agreed / len(team_votes) if team_votes else 0.0


def parse_teams(text: str) -> tuple[str, ...]:
    """`"Red,Blue,Green"` as team names; raises ValueError for none, too many, a duplicate, a
    name too long or one with a control character."""
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    if not names:
        raise ValueError("--teams needs at least one team name")
    if len(names) > MAX_TEAMS:
        raise ValueError(f"--teams takes at most {MAX_TEAMS} teams, got {len(names)}")
    if len({n.lower() for n in names}) != len(names):
        raise ValueError("--teams has a name twice")
    for name in names:
        if len(name) > MAX_TEAM_NAME:
            raise ValueError(f"--teams: a team name has at most {MAX_TEAM_NAME} characters, "
                             f"got {len(name)} ({name[:MAX_TEAM_NAME]!r}...)")
        if not name.isprintable():
            raise ValueError(f"--teams: the name {name!r} has a control character")
    return names


class Voted(Protocol):
    """A vote, or what is made of one (a timeline's line): its minute and team."""

    @property
    def minute(self) -> float:
        """Scenario minute it took effect."""
        ...

    @property
    def team(self) -> str:
        """The team that cast it."""
        ...


V = TypeVar("V", bound=Voted)
"""A vote or what is made of one."""


def split_rounds(votes: Sequence[V]) -> list[list[V]]:
    """The votes in rounds, oldest first: a round's votes share its minute, and a team votes
    once in it. The clock stands at the minute shown, so two rounds in one paused minute
    (approve with checks, then block on what they found) are told apart by a team voting
    again."""
    rounds: list[list[V]] = []
    for vote in votes:
        current = rounds[-1] if rounds else None
        if (current is None or current[0].minute != vote.minute
                or any(v.team == vote.team for v in current)):
            rounds.append([vote])
        else:
            current.append(vote)
    return rounds


def voting_rounds(votes: Sequence[Decision],
                  decisions: Sequence[Decision]) -> list[tuple[list[Decision], str]]:
    """The votes in rounds (`split_rounds`), each with the room's decision it led to ('' if
    the round has none yet): the room's decisions at a minute follow its rounds in order."""
    room = [d for d in decisions if not d.team]
    found: list[tuple[list[Decision], str]] = []
    for group in split_rounds(votes):
        earlier = sum(1 for g, _ in found if g[0].minute == group[0].minute)
        at_minute = [d.action for d in room if d.minute == group[0].minute]
        found.append((group, at_minute[earlier] if earlier < len(at_minute) else ""))
    return found

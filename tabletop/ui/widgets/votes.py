"""Workshop mode: the latest vote on the dashboard, and the teams' scoreboard at the debrief."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from tabletop.base.words import out_of, percent
from tabletop.exercise.engine import Decision, Exercise
from tabletop.exercise.workshop import alignment, tally, voting_rounds
from tabletop.reports.facts import TeamScore
from tabletop.ui.text import literal


class VoteStrip(Static):
    """How many teams chose what at the latest decision point, and the alignment."""

    def show(self, exercise: Exercise, votes: Sequence[Decision], teams: int,
             voting: int = 0) -> None:
        """Redraw from the votes so far; `voting`: how many teams have voted in a vote still
        open whose choices are hidden (the room's view)."""
        if voting:
            self.update(Content.assemble(("VOTES", "bold reverse"),
                                         f"  vote open: {voting} of {teams} teams have voted"))
            return
        rounds = voting_rounds(votes, exercise.decisions)
        if not rounds:
            self.update(Content.assemble(("VOTES", "bold reverse"),
                                         f"  {teams} teams; none recorded yet"))
            return
        latest, room = rounds[-1]
        room = room or tally(latest).leaders[0]
        counts = " · ".join(f"{exercise.scenario.action(a).label} {n}"
                            for a, n in tally(latest).counts.items())
        self.update(Content.assemble(("VOTES", "bold reverse"),
                                     ("  alignment ", "$foreground-muted"),
                                     (percent(alignment(latest, room)), "bold"),
                                     ("  room: ", "$foreground-muted"),
                                     literal(exercise.scenario.action(room).label, "bold"),
                                     ("  · ", "$foreground-muted"), literal(counts)))


class Scoreboard(Static):
    """Each team's score on its own calls (the run had the room followed it), highest first
    (ties in the order the teams were named), from the run's report; a team that never voted
    last."""

    def __init__(self, scores: Sequence[TeamScore], teams: Sequence[str], *,
                 id: str | None = None) -> None:
        super().__init__(self._table(scores, teams), id=id)

    @staticmethod
    def _table(scores: Sequence[TeamScore], teams: Sequence[str]) -> Content:
        lines = [Content.styled(f"{'team':<12}{'score':>10}  grade  with the room", "bold")]
        ranked = sorted(scores, key=lambda t: -t.total)
        for rank, team in enumerate(ranked, 1):
            lines.append(Content.assemble(
                f"{rank}. ", literal(f"{team.team:<9}", "bold"),
                f"{out_of(team.total, team.max):>10}  ", (f"{team.grade:<5}", "bold"),
                f"  {percent(team.agreement)}"))
        voted = {t.team for t in scores}
        lines += [Content.assemble("   ", literal(f"{name:<9}", "bold"),
                                   ("did not vote", "$foreground-muted"))
                  for name in teams if name not in voted]
        return Content("\n").join(lines)

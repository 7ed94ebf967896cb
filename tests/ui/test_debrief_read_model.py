"""The debrief draws the run's report (`reports.facts`), the facts every format lays out: it
computes none of its own, so what the room reads matches the report the facilitator saves."""

from __future__ import annotations

from tabletop.reports.facts import TeamScore, report_from_session
from tabletop.reports.harm import harm_figures, projection
from tabletop.ui.screens.debrief import DebriefScreen
from tabletop.ui.widgets.votes import Scoreboard

from .helpers import SIZE, bundled, end_now, on_screen, paused_at

SCENARIO = bundled()
MIDWAY = SCENARIO.rollout.deploy_minute + 22
"""Play stops after deployment and before the end: the harm is part counted, part projected."""


async def test_an_early_end_shows_the_harm_counted_in_play_beside_the_projection() -> None:
    h = paused_at(MIDWAY)
    async with h.app.run_test(size=SIZE) as pilot:
        await end_now(pilot)
        debrief = pilot.app.screen
        assert isinstance(debrief, DebriefScreen)
        report = report_from_session(h.app.session, debrief.card)
        span = report.harm_span
        assert span.projected
        assert not span.before_deployment
        table = on_screen(debrief.query_one("#harm-table"))
        assert "T+22:00" in table.splitlines()[1]  # the counted column's heading, wrapped
        shown = [row for row in report.harm if any(harm_figures(span, row))]
        assert shown
        lines = table.splitlines()
        for row in shown:
            line = next(line for line in lines if line.strip().startswith(row.label[:20]))
            assert line.split()[-4:] == [str(n) for n in harm_figures(span, row)]
        note = " ".join(on_screen(debrief.query_one("#harm-note")).split())
        assert note == projection(span)


async def test_the_debrief_timeline_is_the_reports_without_the_teams_votes() -> None:
    h = paused_at(MIDWAY)
    async with h.app.run_test(size=SIZE) as pilot:
        await end_now(pilot)
        debrief = pilot.app.screen
        assert isinstance(debrief, DebriefScreen)
        timeline = on_screen(debrief.query_one("#timeline"))
        entries = [e for e in debrief.report.timeline if not e.team]
        assert [line[:7] for line in timeline.splitlines() if line[:2] in ("T+", "T-")] == \
            [e.clock for e in entries]


def test_the_scoreboard_ranks_the_reports_team_scores_and_names_a_team_that_never_voted() -> None:
    scores = [TeamScore("Red", 40.0, 100.0, "D", (), agreement=0.5),
              TeamScore("Blue", 72.5, 100.0, "B", (), agreement=1.0)]
    lines = str(Scoreboard(scores, ("Red", "Blue", "Green")).content).splitlines()
    assert [line.split()[1] for line in lines[1:3]] == ["Blue", "Red"]
    assert "72.5/100" in lines[1]
    assert "100 %" in lines[1]
    assert lines[3].split() == ["Green", "did", "not", "vote"]

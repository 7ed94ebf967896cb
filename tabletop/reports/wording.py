"""Words the report's formats share, so the Markdown, HTML and JSON say a thing the same way."""

from __future__ import annotations

from tabletop.exercise.clock import fmt_minute
from tabletop.reports.facts import Report, VoteRound

MODE_NAMES = {"team": "Team exercise", "workshop": "Workshop", "solo": "Solo drill"}
"""How each mode is named in the overview."""


def sentence(text: str) -> str:
    """Text with its first letter capitalised, for a heading."""
    return text[:1].upper() + text[1:]


def points(value: float) -> str:
    """Points as the score card writes them: 7, 7.5."""
    return f"{value:g}"


def out_of(earned: float, maximum: float) -> str:
    """Points earned out of the maximum: 7.5/10."""
    return f"{points(earned)}/{points(maximum)}"


def mode_name(mode: str) -> str:
    """Team exercise, Workshop or Solo drill (an unknown mode as it is)."""
    return MODE_NAMES.get(mode, mode)


def team_names(teams: tuple[str, ...]) -> str:
    """`Red, Blue, Green`, or `One team` when no teams were named."""
    return ", ".join(teams) if teams else "One team"


def state(report: Report) -> str:
    """`ended at T+90:00` or `in progress at T+25:00`."""
    o = report.overview
    return f"{'ended' if o.ended else 'in progress'} at {fmt_minute(o.minute)}"


def action_label(report: Report, action: str) -> str:
    """An action's label, or the id when the scenario does not know it ("-" for none)."""
    if report.scenario is None or not action:
        return action or "-"
    known = {a.id: a.label for a in report.scenario.actions}
    return known.get(action, action)


def vote_summary(report: Report, round_: VoteRound) -> str:
    """`Red: Freeze at 25 %; Blue: Roll back`."""
    return "; ".join(f"{v.team}: {action_label(report, v.action)}" for v in round_.votes)

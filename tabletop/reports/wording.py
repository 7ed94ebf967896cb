"""Words the report's formats share, so the Markdown, HTML and JSON say a thing the same way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from tabletop.base.kinds import Mode
from tabletop.base.words import fmt_minute, percent
from tabletop.journal.events import StoredEvent
from tabletop.reports.facts import Report, VoteRound
from tabletop.reports.goals import GoalAnalysis
from tabletop.reports.harm import projection
from tabletop.scoring.ratings import LABELS
from tabletop.scoring.rubric import CriterionScore

MODE_NAMES: dict[Mode, str] = {"team": "Team exercise", "workshop": "Workshop",
                              "solo": "Solo drill"}
"""How each mode is named in the overview."""


def sentence(text: str) -> str:
    """Text with its first letter capitalised, for a heading."""
    return text[:1].upper() + text[1:]


def mode_name(mode: Mode) -> str:
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


def point_title(report: Report, point: str) -> str:
    """A decision point by the title of the inject that opened it (the id only when no inject
    in the run opened it; "-" for none)."""
    if not point:
        return "-"
    for entry in report.timeline:
        if entry.inject is not None and entry.inject.decision == point:
            return entry.label
    return point


def harm_heading(report: Report) -> str:
    """What the harm figures count: from deployment to the end, saying what is projected."""
    span = report.harm_span
    if span.projected:
        return f"{projection(span)} Each figure is set against nobody acting and the best case."
    return (f"Harm the release caused from deployment ({fmt_minute(span.deploy)}) to the end "
            f"({fmt_minute(span.end)}), against nobody acting and the best case.")


TEAM_CARD = ("Scored on its own calls: the run had the room followed its votes. Lines marked "
             "“the room's” are what the room did together.")
"""What a team's card in a workshop is, said above it."""


def line_title(line: CriterionScore) -> str:
    """A score card line's heading; a team's card marks the room's shared lines."""
    return f"{line.title} (the room's)" if line.shared else line.title


def capability(goal: GoalAnalysis) -> str:
    """The machine's suggested HSEEP rating of a goal, in words: `S, performed with some
    challenges (the machine's suggestion from 62 % of these criteria's points)`."""
    if goal.capability is None:
        return ""
    share = goal.points / goal.max if goal.max else 1.0
    return (f"{goal.capability}, {LABELS[goal.capability]} (the machine's suggestion from "
            f"{percent(share)} of these criteria's points)")


def facilitator_capability(goal: GoalAnalysis) -> str:
    """The facilitator's rating of a goal, or the scale to mark on paper when none is given."""
    if goal.facilitator_capability is None:
        return "P / S / M / U (circle one)"
    return f"{goal.facilitator_capability}, {LABELS[goal.facilitator_capability]}"


AREAS_NOTE = ("Each area for improvement the analysis of learning goals found, with a row to "
              "fill in: the corrective action, its owner, the owner's organisation, the start "
              "and the due date.")
"""What the improvement plan's table of areas is for."""


def areas(report: Report) -> list[tuple[int, str]]:
    """Each area for improvement, by the number of its learning goal: a criterion's title
    and points (its why is in the analysis above), or the debrief's finding whole."""
    return [(number, area.split("): ", 1)[0] + ")" if "): " in area else area)
            for number, goal in enumerate(report.goals, 1) for area in goal.improvements]


def real_time(started: str, ended: str) -> str:
    """Wall times (ISO 8601, UTC) as `2026-03-14 14:05 to 15:17 UTC (1 h 12 min)`; empty when
    either cannot be read."""
    try:
        start, end = datetime.fromisoformat(started), datetime.fromisoformat(ended)
    except ValueError:
        return ""
    minutes = max(0, round((end - start).total_seconds() / 60))
    span = f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"
    day = "" if start.date() == end.date() else f"{end:%Y-%m-%d} "
    return f"{start:%Y-%m-%d %H:%M} to {day}{end:%H:%M} UTC ({span})"


def with_real_time(report: Report, events: Sequence[StoredEvent]) -> Report:
    """The report with the wall-clock time its session ran: from its start to its end, or to
    its latest event while it runs (`tabletop report` reads the journal's times)."""
    started = next((e.at for e in events if e.event.kind == "started"), "")
    ended = next((e.at for e in reversed(events) if e.event.kind == "ended"), "")
    if not started:
        return report
    span = real_time(started, ended or events[-1].at)
    return replace(report, overview=replace(report.overview, real_time=span))

"""The executive summary the report opens with, for the people who were not in the room.

Five parts, each a fact of the run put in words once, so the Markdown and the HTML say the same:
what happened (the scenario, who played, how far), the decisions (each by its label, the checks
by theirs and the evidence by its text, never by an id), the harm against nobody acting and the
best case (saying what is projected past the end of play), the grade, and three lessons drawn
from the score card (the criteria that lost the most points, with their why; when fewer than
three lost any, the best kept ones fill the rest).
"""

from __future__ import annotations

from collections.abc import Sequence

from tabletop.base.kinds import Mode
from tabletop.base.record import record
from tabletop.base.words import count, fmt_minute, out_of, percent, points_of
from tabletop.exercise.engine import Exercise
from tabletop.reports.harm import HarmLine, HarmSpan, projection
from tabletop.reports.timeline import TimelineEntry
from tabletop.scoring.rubric import CriterionScore, ScoreCard
from tabletop.scoring.teams import TeamResult

LESSONS = 3
"""How many lessons the summary draws from the score card."""

MODE_WORDS = {"team": "A team exercise", "workshop": "A workshop", "solo": "A solo drill"}
"""How the summary's first sentence names each mode."""


@record
class Lesson:
    """One lesson drawn from a score card criterion."""

    title: str
    """The criterion's heading."""
    points: float
    """Points earned."""
    max: float
    """Maximum points."""
    why: str
    """The score card's reason."""

    @property
    def kept(self) -> bool:
        """Full marks: a practice to keep, not a gap to close."""
        return self.points >= self.max


@record
class ExecutiveSummary:
    """The report's opening, in sentences."""

    happened: str
    """What was played, by whom, and how far play went."""
    decisions: tuple[str, ...]
    """Each decision taken, oldest first: minute, action, checks, evidence cited by its text."""
    harm: str
    """Harm against nobody acting and the best case, saying what is projected."""
    grade: str
    """Total, grade and (workshop) each team's own total."""
    lessons: tuple[Lesson, ...]
    """Up to three lessons from the score card, the biggest gaps first."""


def executive_summary(exercise: Exercise, card: ScoreCard, timeline: Sequence[TimelineEntry],
                      harm: Sequence[HarmLine], span: HarmSpan, *, mode: Mode,
                      teams: Sequence[TeamResult] = ()) -> ExecutiveSummary:
    """The summary of a run from the facts the report already holds.

    Args:
        exercise: the exercise played (ended or in progress).
        card: its score card.
        timeline: its timeline (`run_timeline`): the decisions are read from it.
        harm: the harm rows the report shows (`harm_rows`).
        span: deployment, the end and the minute play reached (`harm_span`).
        mode: team, workshop or solo.
        teams: workshop mode: the teams that voted, each with its own card.
    """
    decisions = tuple(_decision(e) for e in timeline if e.kind == "decision")
    return ExecutiveSummary(_happened(exercise, mode, [t.team for t in teams], span),
                            decisions or ("No decision was taken.",),
                            harm_sentence(harm, span), _grade(card, teams),
                            lessons(card.criteria))


def _happened(exercise: Exercise, mode: Mode, teams: Sequence[str], span: HarmSpan) -> str:
    scenario = exercise.scenario
    who = f" with teams {', '.join(teams)}" if teams else ""
    start, end = fmt_minute(scenario.start_minute), fmt_minute(span.end)
    if not span.projected:
        reach = f"Play ran from {start} to the scenario's end at {end}"
    elif exercise.ended_at is not None:
        reach = (f"Play ended early, at {fmt_minute(span.played_to)} (the scenario runs "
                 f"{start} to {end})")
    else:
        reach = (f"Play is still in progress, at {fmt_minute(span.played_to)} (the scenario "
                 f"runs {start} to {end})")
    counts = (f"{count(len(exercise.fired), 'inject')} revealed, "
              f"{count(len(exercise.decisions), 'decision')} taken, "
              f"{count(len(exercise.statements), 'statement')} sent")
    summary = scenario.summary.strip()
    summary = summary if summary.endswith((".", "!", "?")) or not summary else summary + "."
    return (f"{MODE_WORDS.get(mode, mode)} of \u201c{scenario.full_title}\u201d{who}. "
            f"{summary + ' ' if summary else ''}{reach}: {counts}.")


def _decision(entry: TimelineEntry) -> str:
    """`T+20:00 Freeze at 25 % (high confidence), with checks: A; B, citing “…”; “…”.`"""
    text = f"{entry.clock} {entry.label}"
    if entry.team:
        text += f" ({entry.team})"
    if entry.confidence:
        text += f", {entry.confidence} confidence"
    if entry.check_labels:
        text += f", with checks: {'; '.join(entry.check_labels)}"
    if entry.cited_texts:
        text += ", citing " + "; ".join(f"\u201c{t}\u201d" for t in entry.cited_texts)
    else:
        text += ", citing no evidence"
    return text + "."


def harm_sentence(harm: Sequence[HarmLine], span: HarmSpan) -> str:
    """The harm against nobody acting and the best case, in a sentence or two, saying which
    figures are projected past the end of play."""
    rows = [h for h in harm if h.run or h.baseline or h.best]
    lead = (projection(span) + " " if span.projected else
            f"From deployment ({fmt_minute(span.deploy)}) to the end ({fmt_minute(span.end)}): ")
    if not rows:
        return lead + "no harm was counted in this run, had nobody acted, or in the best case."
    parts = []
    for h in rows:
        counted = (f" ({h.counted} by the end of play)"
                   if h.counted is not None and not span.before_deployment else "")
        label = h.label[:1].upper() + h.label[1:]
        parts.append(f"{label}: {h.run} in this run{counted}, against {h.baseline} had "
                     f"nobody acted and {h.best} in the best case")
    return lead + ". ".join(parts) + "."


def _grade(card: ScoreCard, teams: Sequence[TeamResult]) -> str:
    text = (f"{points_of(card.total, card.max)} ({percent(card.share)}), grade "
            f"{card.grade}: {card.grade_label}.")
    if teams:
        text += " Each team on its own votes: " + "; ".join(
            f"{t.team} {out_of(t.card.total, t.card.max)}, grade {t.card.grade}"
            for t in teams) + "."
    return text


def lessons(criteria: Sequence[CriterionScore], count: int = LESSONS) -> tuple[Lesson, ...]:
    """The lessons of a score card: the criteria below full, most points lost first (ties in
    card order), each with its why; when fewer than `count` lost any, the criteria at full
    marks (the most points first) fill the rest as practices to keep."""
    order = {c.id: n for n, c in enumerate(criteria)}
    gaps = sorted((c for c in criteria if c.points < c.max),
                  key=lambda c: (-(c.max - c.points), order[c.id]))
    kept = sorted((c for c in criteria if c.points >= c.max),
                  key=lambda c: (-c.max, order[c.id]))
    return tuple(Lesson(c.title, c.points, c.max, c.why) for c in [*gaps, *kept][:count])

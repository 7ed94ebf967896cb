"""The report for the people who were not in the room: an executive summary first, each team's
own card, evidence by its text, the score card's gaps as areas for improvement, projected harm
said to be projected, and the facilitator note and extension activity carried whole."""

from __future__ import annotations

import re
from functools import cache

from tabletop.exercise.clock import FakeTime
from tabletop.exercise.engine import Choice
from tabletop.exercise.replay import PlannedStep
from tabletop.exercise.simulation import count_harm
from tabletop.journal.session import Session
from tabletop.journal.setup import new_run, play_to
from tabletop.reports.facts import Report, report_from_session
from tabletop.reports.html import to_html
from tabletop.reports.markdown import md, to_markdown
from tabletop.reports.summary import lessons
from tabletop.scenario.model import Evidence
from tabletop.scoring.rubric import CriterionScore
from tabletop.scoring.teams import team_scores
from tests.helpers import bundled
from tests.journal.helpers import uninterrupted
from tests.reports.page_text import text_of

DATE = "2026-03-14"


@cache
def workshop() -> Report:
    """The scripted workshop (three teams, two rounds of votes), played to the end."""
    return report_from_session(uninterrupted(), date=DATE)


def ended_at(minute: float, steps: tuple[PlannedStep, ...] = ()) -> Session:
    """A team run of the default scenario played to `minute` and ended there."""
    session = new_run(bundled(), seed=7, time_source=FakeTime())
    play_to(session, minute, steps)
    session.exercise.end()
    return session


@cache
def early_session() -> Session:
    """Ended at T+22, after deployment and a freeze citing the evidence revealed since."""
    scenario = bundled()
    freeze = next(a.id for a in scenario.actions if a.effect == "freeze")
    seen = ended_at(22).exercise
    cited = tuple(e.id for f, e in seen.revealed()
                  if f.minute > scenario.rollout.deploy_minute)[:2]
    assert cited, "the scenario reveals evidence after deployment by T+22"
    return ended_at(22, (PlannedStep(22, Choice(freeze, cited)),))


@cache
def early() -> Report:
    """The report of `early_session`."""
    return report_from_session(early_session(), date=DATE)


@cache
def before_deployment() -> Report:
    """Ended before deployment: every harm figure is a projection."""
    return report_from_session(ended_at(bundled().rollout.deploy_minute - 2),
                               date=DATE)


def section(markdown: str, heading: str) -> str:
    """The Markdown between `## heading` and the next `## `."""
    return markdown.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


# --- the executive summary -------------------------------------------------------------------


def test_the_report_opens_with_the_summary_in_both_formats() -> None:
    report = early()
    markdown, page = to_markdown(report), to_html(report)
    assert re.findall(r"^## (.+)$", markdown, re.M)[0] == "Executive Summary"
    assert page.index('id="summary"') < page.index('id="overview"')
    summary = report.summary
    assert summary is not None
    for sentence in (summary.happened, summary.harm, summary.grade, *summary.decisions):
        assert md(sentence) in section(markdown, "Executive Summary")
        assert " ".join(sentence.split()) in text_of(page)


def test_the_summary_says_how_far_play_went_and_the_grade_from_the_card() -> None:
    report = early()
    summary = report.summary
    assert summary is not None
    assert "ended early, at T+22:00" in summary.happened
    assert "1 decision taken" in summary.happened
    card = report.card
    assert summary.grade.startswith(f"{card.total:g} of {card.max:g} points")
    assert f"grade {card.grade}" in summary.grade


def test_the_summary_names_each_decision_with_its_evidence_text() -> None:
    report = early()
    summary = report.summary
    assert summary is not None
    (decision,) = summary.decisions
    texts = {e.id: e.text for e in report_revealed(report)}
    for cited in report.decisions[0].cited:
        assert f"\u201c{texts[cited]}\u201d" in decision
        assert cited not in decision


def report_revealed(report: Report) -> list[Evidence]:
    """The evidence the run revealed, as it was shown."""
    return [ev for e in report.timeline if e.kind == "inject" for ev in e.evidence]


def test_the_three_lessons_are_the_biggest_gaps_of_the_card_with_their_why() -> None:
    card = (CriterionScore("a", "A", 10, 10, "full"), CriterionScore("b", "B", 2, 10, "low"),
            CriterionScore("c", "C", 4, 5, "near"), CriterionScore("d", "D", 0, 20, "none"),
            CriterionScore("e", "E", 15, 15, "kept"))
    assert [(x.title, x.why, x.kept) for x in lessons(card)] == [
        ("D", "none", False), ("B", "low", False), ("C", "near", False)]
    # Fewer than three gaps: the biggest criteria kept at full marks fill the rest.
    assert [(x.title, x.kept) for x in lessons(card[:3] + card[4:])] == [
        ("B", False), ("C", False), ("E", True)]
    report = early()
    assert report.summary is not None
    assert report.summary.lessons == lessons(report.card.criteria)


# --- each team judged in the open ------------------------------------------------------------


def test_a_workshop_report_gives_each_team_its_own_card_in_both_formats() -> None:
    report = workshop()
    session = uninterrupted()
    results = [r for r in team_scores(session.exercise, session.voting.votes, session.teams)
               if r.voted]
    assert [t.team for t in report.team_scores] == [r.team for r in results]
    markdown, page = to_markdown(report), to_html(report)
    for result in results:
        card = result.card
        own = markdown.split(f"### Team {md(result.team)}: ", 1)[1].split("\n### ", 1)[0]
        html_card = page.split(f'data-team="{result.team}"', 1)[1].split("</table>", 1)[0]
        for line in card.criteria:
            title = f"{line.title} (the room's)" if line.shared else line.title
            row = f"| {md(title)} | {line.points:g}/{line.max:g} | {md(line.why)} |"
            assert row in own
            assert f'data-team-criterion="{line.id}"' in html_card
            assert f"{line.points:g}/{line.max:g}" in html_card
        assert f"**{card.total:g}/{card.max:g}**" in own
    # The statement is the room's, marked so on every team's card.
    assert all(any(line.shared for line in r.card.criteria) for r in results)
    # The teams' cards differ: they are each team's own, not the room's copied.
    assert len({t.criteria for t in report.team_scores}) > 1


# --- evidence by its text, gaps as areas for improvement -------------------------------------


def test_no_evidence_id_is_shown_to_a_reader() -> None:
    ids = {e.id for i in bundled().injects for e in i.evidence}
    for report in (workshop(), early()):
        markdown, page = to_markdown(report), text_of(to_html(report))
        shown_ids = {i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])",
                                                 markdown + page)}
        assert shown_ids == set()


def test_every_criterion_below_full_is_an_area_for_improvement_with_its_why() -> None:
    for report in (workshop(), early()):
        lines = {c.id: c for c in report.card.criteria}
        for goal in report.goals:
            for criterion_id in goal.criteria:
                line = lines[criterion_id]
                text = f"{line.title} ({line.points:g}/{line.max:g}): {line.why}"
                if line.points < line.max:
                    assert text in goal.improvements
                    assert text not in goal.strengths
                else:
                    assert text in goal.strengths
                    assert text not in goal.improvements


# --- projected harm --------------------------------------------------------------------------


def test_harm_past_the_end_of_play_is_said_to_be_projected() -> None:
    report = early()
    markdown = to_markdown(report)
    harm = section(markdown, "Harm")
    assert "Play stopped at T+22:00" in harm
    assert "projected" in harm
    assert "| This run, by T+22:00 | This run, projected to end | Nobody acted | Best case |" \
        in harm
    exercise = early_session().exercise
    counted = count_harm(exercise.scenario.stream, exercise.items,
                         exercise.scenario.rollout.deploy_minute)
    for line in report.harm:
        assert line.counted == getattr(counted, line.counter)
        assert line.counted is not None
        assert line.counted <= line.run
    assert report.summary is not None
    assert "projected" in report.summary.harm


def test_play_ended_before_deployment_shows_no_harm_as_fact() -> None:
    report = before_deployment()
    markdown, page = to_markdown(report), text_of(to_html(report))
    harm = section(markdown, "Harm")
    assert "before deployment" in harm
    assert "| Harm | This run (projected) | Nobody acted | Best case |" in harm
    assert "from deployment (T+00:00) to the end" not in markdown + page
    assert report.summary is not None
    assert "no harm happened in play" in report.summary.harm


def test_a_run_played_to_the_end_counts_its_harm_as_fact() -> None:
    report = workshop()
    harm = section(to_markdown(report), "Harm")
    assert "projected" not in harm
    assert all(line.counted is None for line in report.harm)


# --- the facilitator's part ------------------------------------------------------------------


def test_the_facilitator_note_and_every_extension_item_are_in_the_report() -> None:
    scenario = bundled()
    assert scenario.extension_activity
    assert scenario.facilitator_note
    report = early()
    markdown, page = to_markdown(report), text_of(to_html(report))
    debrief = section(markdown, "Debrief")
    for text in (scenario.facilitator_note, scenario.extension_intro,
                 *scenario.extension_activity):
        assert md(text) in debrief
        assert " ".join(text.split()) in page

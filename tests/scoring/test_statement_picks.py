"""Facts picked beside the statement's text (issue 20, item 1): each checked exactly against the
run; one the run bears out makes its point, one it contradicts is a wrong claim, and the text is
checked against the picks."""

from __future__ import annotations

import json

from tabletop.exercise.records import PICK
from tabletop.exercise.replay import PlannedStatement, parse_action, play
from tabletop.reports.facts import build_report
from tabletop.reports.json_format import to_json
from tabletop.reports.markdown import to_markdown
from tabletop.scoring.rubric import CriterionScore, score
from tabletop.scoring.statement_picks import _harmed_segments, pick_options
from tests.helpers import bundled

STUDENT = "student-support-release"
_RUN = ("20:freeze:r2-overrides,r2-reviewer", "25:rollback:r2-overrides,r2-reviewer")
_TEXT = "Urgent tickets from multilingual students were misrouted to the general queue."


def line(text: str, **picks: str) -> CriterionScore:
    fields = {"statement": text} | {PICK + k.replace("__", ":"): v for k, v in picks.items()}
    exercise = play(bundled(STUDENT), None, [parse_action(a) for a in _RUN],
                    [PlannedStatement(60, "incident-statement", fields=fields)])
    return next(x for x in score(exercise).criteria if x.id == "statement")


def test_a_pick_the_run_bears_out_makes_its_point() -> None:
    alone = line(_TEXT)
    picked = line(_TEXT, action="rollback", next_update="30")
    assert "missing what was done, when the next update comes" in alone.why
    assert "wrong claim" not in picked.why
    assert picked.points > alone.points
    assert picked.points == 15


def test_a_pick_the_run_contradicts_is_a_wrong_claim() -> None:
    honest = line(_TEXT, action="rollback", next_update="30")
    for picks, said in (({"action": "continue"}, "picked: Continue rollout"),
                        ({"next_update": "120"}, "picked: next update in 120 minutes"),
                        ({"count__critical_misrouted": "40"}, "picked: 40 urgent")):
        wrong = line(_TEXT, **{"action": "rollback", "next_update": "30", **picks})
        assert wrong.points <= honest.points / 2, picks
        assert said in wrong.why, wrong.why


def test_a_segment_picked_that_the_run_spared_is_a_wrong_claim() -> None:
    exercise = play(bundled(STUDENT), None, [parse_action(a) for a in _RUN])
    harmed = _harmed_segments(exercise, 60)
    spared = [s for s in bundled(STUDENT).stream.segments if s not in harmed]
    assert harmed
    plain = "Some tickets were sent to the general queue by mistake."
    assert line(plain, affected=sorted(harmed)[0]).points > line(plain).points
    if spared:
        assert "no harm among" in line(_TEXT, affected=spared[0]).why


def test_the_text_is_checked_against_the_count_picked() -> None:
    text = "Forty urgent tickets from multilingual students were misrouted."
    assert "the count picked beside it is 2" in line(text, count__critical_misrouted="2").why


def test_the_dialog_offers_the_runs_own_facts() -> None:
    exercise = play(bundled(STUDENT), None, [parse_action(a) for a in _RUN])
    options = pick_options(exercise)
    assert [a for a, _ in options.actions] == ["rollback", "freeze"]
    assert options.segments == tuple(bundled(STUDENT).stream.segments)
    assert "critical_misrouted" in dict(options.counters)


def test_the_report_shows_the_picks_apart_from_the_text() -> None:
    fields = {"statement": _TEXT, PICK + "action": "rollback", PICK + "next_update": "30"}
    exercise = play(bundled(STUDENT), None, [parse_action(a) for a in _RUN],
                    [PlannedStatement(60, "incident-statement", fields=fields)])
    report = build_report(exercise)
    assert "Picked from the run: done: Roll back; next update in 30 minutes" in \
        to_markdown(report)
    sent = json.loads(to_json(report))["statements"][0]
    assert sent["fields"] == {"statement": _TEXT}
    assert sent["picks"] == {"action": "rollback", "next_update": "30"}

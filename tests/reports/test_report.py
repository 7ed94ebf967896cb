"""The after-action report: the Markdown, HTML and JSON of one session carry the same facts."""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tabletop.base.words import fmt_minute
from tabletop.exercise.clock import FakeTime
from tabletop.journal.events import PlanRow, answer_event, commitment_event, plan_row_event
from tabletop.journal.restore import restore
from tabletop.journal.store import DB_NAME, Store
from tabletop.reports.facts import Report, build_report, report_from_session
from tabletop.reports.goals import criteria_for_goal
from tabletop.reports.html import to_html
from tabletop.reports.json_format import REPORT_FORMAT, REPORT_VERSION, load_json, to_json
from tabletop.reports.markdown import md, to_markdown
from tabletop.scoring.rubric import score
from tests.helpers import bundled
from tests.journal.helpers import (
    TEAMS,
    session_id,
    start_workshop,
    uninterrupted_cards,
)

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> | *bold* [link](y)'
"""Player text that must come out as text in every format."""

Formats = tuple[str, str, str]
"""A report as Markdown, HTML and JSON."""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """A workshop played to the end with a debrief typed in, reported from the store."""
    store = Store(tmp_path_factory.mktemp("report") / DB_NAME)
    driver = start_workshop(store, FakeTime())
    driver.finish()
    sid = session_id(driver.session)
    for event in [
        answer_event(90.0, 0, "Per-language urgent recall and the override rate"),
        answer_event(90.0, 1, HOSTILE),
        commitment_event(90.0, "stop", "Approving on aggregate F1 alone"),
        commitment_event(90.0, "start", "Slice evaluation as a deploy blocker"),
        commitment_event(90.0, "continue", "Canary at 25 % for the first hour"),
        plan_row_event(90.0, 0, PlanRow("Gate on urgent recall per language",
                                        "Evaluation lead", "2026-04-01")),
        plan_row_event(90.0, 1, PlanRow("Alert on override rate", "Observability lead", "")),
    ]:
        store.append(sid, event)
    made = report_from_session(restore(store, sid, bundled()),
                               date=store.session(sid).started_at[:10])
    store.close()
    return made


@pytest.fixture(scope="module")
def rendered(report: Report) -> Formats:
    """The report as Markdown, HTML and JSON."""
    return to_markdown(report), to_html(report), to_json(report)


# --- the same facts in three formats ------------------------------------------------------


def facts_from_json(text: str) -> dict[str, object]:
    data = json.loads(text)
    return {
        "total": data["score"]["total"], "max": data["score"]["max"],
        "grade": data["score"]["grade"],
        "criteria": {c["title"]: c["points"] for c in data["score"]["criteria"]},
        "harm": {h["label"]: (h["run"], h["baseline"], h["best"])
                 for h in data["harm"]["counters"]},
        "decisions": [(e["clock"], e["title"]) for e in data["timeline"]
                      if e["kind"] == "decision"],
        "plan": [(r["action"], r["owner"], r["due"]) for r in data["improvement_plan"]],
    }


def facts_from_markdown(text: str, report: Report) -> dict[str, object]:
    total = re.search(r"^\| \*\*Total\*\* \| \*\*([\d.]+)/([\d.]+)\*\* \| \*\*Grade (\S+):",
                      text, re.M)
    assert total
    criteria = {}
    for line in report.card.criteria:
        found = re.search(rf"^\| {re.escape(md(line.title))} \| ([\d.]+)/[\d.]+ \|", text, re.M)
        assert found, line.title
        criteria[line.title] = float(found.group(1))
    harm = {}
    for h in report.harm:
        found = re.search(rf"^\| {re.escape(md(h.label))} \| (\d+) \| (\d+) \| (\d+) \|$",
                          text, re.M)
        assert found, h.label
        harm[h.label] = tuple(int(g) for g in found.groups())
    decisions = re.findall(r"^\| (T[+-]\d\d:\d\d) \| Decision: ([^|(]+?)(?: \([^)]*\))? \|",
                           text, re.M)
    plan_rows = re.findall(r"^\| \d+ \| ([^|]+) \| ([^|]*) \| ([^|]*) \|$",
                           text.split("## Improvement Plan")[1], re.M)
    return {
        "total": float(total.group(1)), "max": float(total.group(2)),
        "grade": total.group(3), "criteria": criteria, "harm": harm,
        "decisions": [(c, t.replace("\\", "")) for c, t in decisions],
        "plan": [tuple(cell.strip() for cell in row) for row in plan_rows],
    }


class _Cells(HTMLParser):
    """Table rows of an HTML page as lists of cell texts, with the row's attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[dict[str, str], list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append(({k: v or "" for k, v in attrs}, []))
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.rows:
            self.rows[-1][1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def facts_from_html(text: str, report: Report) -> dict[str, object]:
    parser = _Cells()
    parser.feed(text)
    rows = parser.rows
    tile = re.search(r'<div class="total">([\d.]+)<small>/([\d.]+)</small>.*?Grade (\S+?)<',
                     text, re.S)
    assert tile
    criteria = {cells[0]: float(cells[1].split("/")[0]) for attrs, cells in rows
                if "data-criterion" in attrs}
    harm = {cells[0]: (int(cells[1]), int(cells[2]), int(cells[3])) for attrs, cells in rows
            if "data-counter" in attrs}
    decisions = [(cells[0], cells[2].split(" \u2022 ")[0]) for attrs, cells in rows
                 if attrs.get("class") == "decision"]
    plan_part = _Cells()
    plan_part.feed(text.split('id="plan"')[1])
    plan = [tuple(cells[1:]) for _, cells in plan_part.rows if cells and cells[0].isdigit()]
    return {
        "total": float(tile.group(1)), "max": float(tile.group(2)), "grade": tile.group(3),
        "criteria": criteria, "harm": harm,
        "decisions": [(clock, _title(report, title)) for clock, title in decisions],
        "plan": plan,
    }


def _title(report: Report, cell: str) -> str:
    """The action label at the start of a timeline cell (title, then its details)."""
    labels = sorted({e.title for e in report.timeline if e.kind == "decision"}, key=len,
                    reverse=True)
    return next(label for label in labels if cell.startswith(label))


def test_the_three_formats_carry_the_same_facts(report: Report, rendered: Formats) -> None:
    markdown, page, data = rendered
    card = report.card
    expected = {
        "total": card.total, "max": card.max, "grade": card.grade,
        "criteria": {c.title: c.points for c in card.criteria},
        "harm": {h.label: (h.run, h.baseline, h.best) for h in report.harm},
        "decisions": [(fmt_minute(d.minute), bundled().action(d.action).label)
                      for d in report.decisions],
        "plan": [("Gate on urgent recall per language", "Evaluation lead", "2026-04-01"),
                 ("Alert on override rate", "Observability lead", "")],
    }
    assert facts_from_json(data) == expected
    assert facts_from_markdown(markdown, report) == expected
    assert facts_from_html(page, report) == expected


def test_the_report_scores_the_run_as_the_session_ended(report: Report) -> None:
    assert report.overview.ended
    assert report.card == uninterrupted_cards()[""]
    assert {t.team for t in report.team_scores} == set(TEAMS)
    assert len(report.decisions) == 2
    assert len(report.votes) == 2


def test_harm_counts_match_the_score_card_and_the_curve_ends_there(report: Report) -> None:
    curve = report.harm_curve
    counter = curve.counter
    assert curve.run[-1] == getattr(report.card.harm, counter)
    assert curve.baseline[-1] == getattr(report.card.baseline_harm, counter)
    assert curve.best[-1] == getattr(report.card.best_harm, counter)
    assert curve.minutes[0] == bundled().rollout.deploy_minute
    assert curve.minutes[-1] == bundled().end_minute
    assert list(curve.run) == sorted(curve.run)  # cumulative


# --- HSEEP headings, versioned JSON ---------------------------------------------------------


HEADINGS = ["Executive Summary", "Exercise Overview", "Timeline", "Analysis of Learning Goals",
            "Score Card", "Harm", "Debrief", "Improvement Plan", "Release Gates"]


def test_markdown_has_the_hseep_headings_in_order(rendered: Formats) -> None:
    markdown, _, _ = rendered
    found = re.findall(r"^## (.+)$", markdown, re.M)
    assert found == HEADINGS


def test_html_has_the_hseep_headings_in_order(rendered: Formats) -> None:
    _, page, _ = rendered
    found = re.findall(r'<h2><span class="n">\d</span>(.+?)</h2>', page)
    assert found == HEADINGS


def test_json_says_its_format_and_version_and_reads_back(rendered: Formats) -> None:
    _, _, data = rendered
    parsed = load_json(data)
    assert parsed["format"] == REPORT_FORMAT == "tabletop.report"
    assert parsed["version"] == REPORT_VERSION == 1
    assert set(parsed) == {"format", "version", "overview", "timeline", "goals", "score", "harm",
                           "debrief", "improvement_plan", "decisions", "statements", "votes",
                           "gates"}
    with pytest.raises(ValueError, match="report version 99; this program reads version 1"):
        load_json(json.dumps({"format": "tabletop.report", "version": 99}))


def test_the_json_shape_is_the_documented_one(rendered: Formats) -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "report-format.md").read_text()
    _, _, data = rendered
    parsed = json.loads(data)

    def keys(value: object, prefix: str) -> set[str]:
        out: set[str] = set()
        if isinstance(value, dict):
            for k, v in value.items():
                if prefix.endswith(("commitments", "fields")):
                    continue  # keyed by stop / start / continue, by field name
                out.add(f"{prefix}.{k}" if prefix else k)
                out |= keys(v, f"{prefix}.{k}" if prefix else k)
        elif isinstance(value, list) and value:
            out |= keys(value[0], prefix + "[]")
        return out

    for key in sorted(keys(parsed, "")):
        assert f"`{key}`" in doc, f"{key} is not documented in docs/report-format.md"


# --- self-contained and safe ------------------------------------------------------------------


def test_the_html_fetches_nothing_and_runs_nothing(rendered: Formats) -> None:
    _, page, _ = rendered
    lowered = page.lower()
    assert "<script" not in lowered
    assert "http://" not in lowered
    assert "https://" not in lowered
    for needle in ("<link", "<img", "<iframe", "<object", "@import"):
        assert needle not in lowered
    assert not re.search(r"<[a-z][^<>]*\s(src|href|xlink:href)=", lowered)
    # the only url() is the timeline's own arrow marker, a fragment of the page itself
    assert re.findall(r"url\(([^)]*)\)", lowered) == ["#tl-arrow"]


def test_player_text_is_text_in_every_format(rendered: Formats) -> None:
    markdown, page, data = rendered
    assert html.escape(HOSTILE, quote=True) in page
    assert "<img" not in page
    assert md(HOSTILE) in markdown
    assert "<script>" not in markdown
    assert json.loads(data)["debrief"]["answers"][1]["answer"] == HOSTILE


def test_the_html_draws_the_timeline_and_the_harm_chart_inline(rendered: Formats) -> None:
    _, page, _ = rendered
    assert page.count("<svg") == 2
    assert 'id="tl-title"' in page
    assert 'id="hc-title"' in page


# --- learning goals ------------------------------------------------------------------------


def test_each_learning_goal_maps_to_the_criteria_that_name_it() -> None:
    scenario = bundled()
    mapped = [[c.id for c in criteria_for_goal(scenario, number)]
              for number in range(1, len(scenario.learning_goals) + 1)]
    # The fourth goal is the debrief's, and the gates criterion's once a design is saved.
    assert mapped == [["release-decision", "checks"], ["evidence"],
                      ["rollout-call", "timeliness", "harm"], ["gates"]]
    assert scenario.debrief_goals == (4,)


def test_a_goal_is_matched_by_what_the_scenario_declares_not_by_its_words() -> None:
    scenario = bundled()
    reworded = replace(scenario, learning_goals=tuple(
        "enjoy the afternoon" for _ in scenario.learning_goals))
    assert [criteria_for_goal(reworded, n) for n in range(1, 5)] == [
        criteria_for_goal(scenario, n) for n in range(1, 5)]


def test_strengths_and_improvements_come_from_the_score_card(report: Report) -> None:
    lines = {c.id: c for c in report.card.criteria}
    for goal in report.goals:
        for criterion_id in goal.criteria:
            line = lines[criterion_id]
            text = f"{line.title} ({line.points:g}/{line.max:g}): {line.why}"
            assert text in goal.strengths + goal.improvements


def test_the_gates_goal_is_judged_by_the_debrief(report: Report) -> None:
    gates = report.goals[3]
    assert gates.criteria == ()
    assert "1 improvement action with an owner and a due date." in gates.strengths
    assert "1 improvement action without an owner or a due date." in gates.improvements
    assert "3 of 5 debrief questions left unanswered." in gates.improvements


def test_a_report_can_be_built_from_an_exercise_without_a_store() -> None:
    driver = start_workshop(None, FakeTime())
    driver.run_until(25.0)
    exercise = driver.session.exercise
    report = build_report(exercise, date="2026-03-14")
    assert not report.overview.ended
    assert report.overview.date == "2026-03-14"
    assert report.card == score(exercise)
    assert report.plan == ()
    assert report.commitments == {}
    assert all(a.answer == "" for a in report.debrief)
    assert "Not answered" in to_markdown(report)

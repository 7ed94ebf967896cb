"""The report writers: one renderer a format, every format written at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabletop.reports.facts import Report, report_from_session
from tabletop.reports.html import margin_title, stylesheet, to_html
from tabletop.reports.writers import RENDERERS, report_stem, write_reports
from tests.journal.helpers import TEAMS, uninterrupted


@pytest.fixture(scope="module")
def report() -> Report:
    return report_from_session(uninterrupted(), date="2026-03-14")


def test_there_is_a_renderer_for_markdown_html_and_json() -> None:
    assert sorted(RENDERERS) == ["html", "json", "md"]


def test_write_reports_writes_each_format_as_its_renderer_makes_it(
        report: Report, tmp_path: Path) -> None:
    written = write_reports(report, tmp_path, "run")
    assert [p.name for p in written] == ["run.md", "run.html", "run.json"]
    for path in written:
        expected = RENDERERS[path.suffix[1:]](report).encode("utf-8")
        assert path.read_bytes() == expected


def test_a_second_save_is_numbered_and_never_overwrites_the_first(
        report: Report, tmp_path: Path) -> None:
    first = write_reports(report, tmp_path, "run")
    (tmp_path / "run-2.json").write_text("someone else's")
    again = write_reports(report, tmp_path, "run")
    assert [p.name for p in again] == ["run-3.md", "run-3.html", "run-3.json"]
    assert all(p.read_bytes() == q.read_bytes() for p, q in zip(first, again, strict=True))
    assert (tmp_path / "run-2.json").read_text() == "someone else's"


def test_a_session_the_store_never_saw_is_named_by_its_date(report: Report) -> None:
    assert report_stem(report) == "tabletop-student-support-release-2026-03-14"


def test_a_report_from_a_session_carries_its_mode_teams_and_votes(report: Report) -> None:
    assert (report.overview.mode, report.overview.teams) == ("workshop", TEAMS)
    assert len(report.votes) == 2
    assert len(report.team_scores) == len(TEAMS)


def test_the_page_carries_the_stylesheet_shipped_with_the_package(report: Report) -> None:
    css = stylesheet()
    assert ".tag.vote{" in css
    assert f"<style>\n{css}@page{{@bottom-left{{content:" in to_html(report)


def test_the_printed_margin_names_the_exercise_and_cannot_end_its_rule() -> None:
    rule = margin_title('A "quoted" \\ title </style><script>')
    assert rule.startswith('@page{@bottom-left{content:"A \\"quoted\\" \\\\ title /stylescript";')
    assert "<" not in rule
